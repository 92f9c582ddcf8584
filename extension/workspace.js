// Loader for workspace.html: instantiate the wasm module, mount the Rust app.
// init() streams the module (instantiateStreaming), the path on which Chrome
// caches compiled wasm code: see xtask/src/bundle.rs, "Compiled-code caching".
import init, { start_workspace } from './sidecar_workspace.js';

await init();
start_workspace();
