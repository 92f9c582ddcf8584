// Loader for workspace.html: instantiate the wasm module, mount the Rust app.
import init, { start_workspace } from './sidecar.js';

await init();
start_workspace();
