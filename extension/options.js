// Loader for options.html: instantiate the wasm module, mount the Rust app.
import init, { start_options } from './sidecar.js';

await init();
start_options();
