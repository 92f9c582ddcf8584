// Loader for the background service worker. Top-level await is not allowed in
// service workers, so the Rust entry point runs once the module has loaded.
// Its module is the worker's own (no yew); init() streams it
// (instantiateStreaming), the path on which Chrome caches compiled wasm code,
// in extension service workers too: see xtask/src/bundle.rs.
import init, { service_worker_on_alarm, service_worker_on_notification_click, start_service_worker } from './sidecar_worker.js';

const ready = init();

// Chrome delivers the event that woke a sleeping worker only to listeners
// added during the script's first run, and the wasm loads asynchronously: so
// the listener is added here, synchronously, and hands each alarm to Rust
// once the module is ready. (A failed load is reported below.)
chrome.alarms.onAlarm.addListener((alarm) => {
  ready.then(() => service_worker_on_alarm(alarm), () => {});
});

// A click on one of My Feed's desktop notifications opens the side panel on
// that person. The click is the user gesture chrome.sidePanel.open() needs,
// and it is lost at the first await: so the panel is opened here, at once,
// and Rust then tells it which record to show. `notifications` is an
// optional permission: the listener is added as soon as it exists.
function openFromNotification(id) {
  chrome.sidePanel.open({ windowId: chrome.windows.WINDOW_ID_CURRENT }).catch(() => {});
  ready.then(() => service_worker_on_notification_click(id), () => {});
}
// The end-to-end tests call it too: a desktop notification cannot be clicked from a test.
globalThis.sidecarOpenFromNotification = openFromNotification;
const listenToNotifications = () => chrome.notifications?.onClicked.addListener(openFromNotification);
listenToNotifications();
chrome.permissions.onAdded.addListener(({ permissions }) => {
  if (permissions?.includes('notifications') && !chrome.notifications?.onClicked.hasListener(openFromNotification)) listenToNotifications();
});

ready.then(start_service_worker).catch((e) => console.error('Sidecar service worker failed to start', e));
