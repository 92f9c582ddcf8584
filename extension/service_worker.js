// Loader for the background service worker. Top-level await is not allowed in
// service workers, so the Rust entry point runs once the module has loaded.
// Its module is the worker's own (no yew); init() streams it
// (instantiateStreaming), the path on which Chrome caches compiled wasm code,
// in extension service workers too: see xtask/src/bundle.rs.
import init, { service_worker_on_alarm, start_service_worker } from './sidecar_worker.js';

const ready = init();

// Chrome delivers the event that woke a sleeping worker only to listeners
// added during the script's first run, and the wasm loads asynchronously: so
// the listener is added here, synchronously, and hands each alarm to Rust
// once the module is ready. (A failed load is reported below.)
chrome.alarms.onAlarm.addListener((alarm) => {
  ready.then(() => service_worker_on_alarm(alarm), () => {});
});

ready.then(start_service_worker).catch((e) => console.error('Sidecar service worker failed to start', e));
