// Loader for options.html: instantiate the wasm module, mount the Rust app.
import init, { start_options } from './sidecar_options.js';

await init();
start_options();
