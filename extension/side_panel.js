// Loader for side_panel.html: instantiate the wasm module, mount the Rust app.
import init, { start_side_panel } from './sidecar_side_panel.js';

await init();
start_side_panel();
