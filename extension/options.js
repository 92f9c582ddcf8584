// Loader for options.html: instantiate the wasm module, mount the Rust app.
// init() streams the module (instantiateStreaming), the path on which Chrome
// caches compiled wasm code: see xtask/src/bundle.rs, "Compiled-code caching".
import init, { start_options } from './sidecar_options.js';

await init();
start_options();
