// Loader for the background service worker. Top-level await is not allowed in
// service workers, so the Rust entry point runs once the module has loaded.
import init, { start_service_worker } from './sidecar.js';

init().then(start_service_worker).catch((e) => console.error('Sidecar service worker failed to start', e));
