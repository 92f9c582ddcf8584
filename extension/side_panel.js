// Loader for side_panel.html: instantiate the wasm module, mount the Rust app.
// init() streams the module (instantiateStreaming), the path on which Chrome
// caches compiled wasm code: see xtask/src/bundle.rs, "Compiled-code caching".
import init, { start_side_panel } from './sidecar_side_panel.js';

await init();
start_side_panel();
