// The worker bench's reference (`cargo xtask bench worker`): the least an
// MV3 extension can do for a background poll. When the alarm fires (in a
// worker Chrome started for it), read the request from storage, as a real
// poll reads its session, and send it. `xtask/bench-web/worker-bench.mjs`
// stores { url, token } under `bench` (the same request as Sidecar's poll
// sends first) and times its arrival at devorg.
chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== 'bench-poll') return;
  const { bench } = await chrome.storage.local.get('bench');
  if (!bench) return;
  await fetch(bench.url, { headers: { Authorization: `Bearer ${bench.token}`, Accept: 'application/json' } }).catch(() => {});
});
