// Loader for side_panel.html: instantiate the wasm module, mount the Rust app.
import init, { start_side_panel } from './sidecar.js';

await init();
start_side_panel();
