// Loader for workspace.html: instantiate the wasm module, mount the Rust app.
import init, { start_workspace } from './sidecar_workspace.js';

await init();
start_workspace();
