// The `worker` section of `cargo xtask bench`: how long a background poll
// takes to leave a stopped service worker. Sidecar's built extension
// (SIDECAR_EXTENSION_DIR) and a plain JavaScript MV3 extension
// (`worker-reference/`, one alarm listener, one fetch) are loaded side by
// side in Debian's Chromium; the release devorg (demo seed, Ian logged in to
// Sidecar once) receives both polls.
//
// Each run, for each extension in turn: an alarm is created in its worker
// for `when` (now + LEAD ms), every service worker is stopped through the
// DevTools protocol (`ServiceWorker.stopAllWorkers`) and seen stopped
// (`ServiceWorker.workerVersionUpdated`, runningStatus 'stopped') before
// `when`; Chrome then starts the worker to deliver the alarm. The sample is
// the time from `when` (the alarm's scheduled time, which Chrome fires at,
// plus Chrome's own dispatch delay, alike for both) to the poll's first
// request arriving at devorg (its `--log-requests` line, stamped by this
// script the moment it reads it). Sidecar's alarm is its own background
// refresh (`sidecar-refresh`): the org's switch is its first request. The
// reference sends the same request (URL and token) Sidecar's poll sent.
//
// Nothing here names Sidecar's module files: each extension's worker is
// found by the script its manifest declares (`background.service_worker`).
//
// Prints one JSON object on stdout; progress goes to stderr.
// Env: SIDECAR_CHROMIUM, SIDECAR_EXTENSION_DIR, SIDECAR_DEVORG_BIN, BENCH_RUNS, BENCH_WARMUP.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../tests/e2e/support/fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const USER = 'ian@sidecar.devorg';
/** The alarm is set this far ahead: time to stop the workers first. */
const LEAD = 2000;
/** After a poll's first request, the rest of it (Sidecar's feed query...) settles before the next run. */
const SETTLE = 2500;
const SIDECAR_ALARM = 'sidecar-refresh';
const REFERENCE_ALARM = 'bench-poll';
const log = (...a) => console.error('[worker-bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
/** `promise`, or an error after `ms` (an evaluation in a worker that went away may never settle). */
const within = (ms, promise, what) => {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
};

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`cargo xtask bench worker\``);
  return value;
}

const failures = [];
const fail = (what) => {
  log(`FAILURE ${what}`);
  if (failures.length < 20) failures.push(what);
};

/** devorg with `--log-requests`; each REST request line is kept with the time this script read it. */
async function startDevorg() {
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-worker-bench-'));
  const child = spawn(required('SIDECAR_DEVORG_BIN'), ['serve', '--port', '0', '--db', join(dir, 'org.sqlite'), '--auto-approve', USER, '--log-requests'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const requests = [];
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const at = now();
      const listening = line.match(/^devorg listening on (http:\/\/\S+)$/);
      if (listening) resolve(listening[1]);
      const request = line.match(/^devorg request (.*)$/);
      if (request) requests.push({ at, line: request[1] });
    });
    child.on('exit', (code) => reject(new Error(`devorg exited early (${code})`)));
  });
  return {
    url,
    requests,
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const workerScript = (dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).background.service_worker;

const sidecarDir = required('SIDECAR_EXTENSION_DIR');
const referenceDir = join(here, 'worker-reference');
const org = await startDevorg();
const profile = mkdtempSync(join(tmpdir(), 'sidecar-worker-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: required('SIDECAR_CHROMIUM'),
  headless: true,
  args: chromiumArgs([sidecarDir, referenceDir]),
});
const result = { runs: RUNS, warmup: WARMUP, lead_ms: LEAD, samples: { sidecar: [], reference: [] }, facts: {}, failures };

/** The worker of the extension in `dir`: the one running the script its manifest declares. */
async function workerOf(dir) {
  const script = workerScript(dir);
  const matches = (w) => new URL(w.url()).pathname === `/${script}`;
  for (let i = 0; i < 300; i++) {
    const found = context.serviceWorkers().find(matches);
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`no service worker running ${script} of ${dir}`);
}

try {
  const sidecar = await workerOf(sidecarDir);
  const reference = await workerOf(referenceDir);
  const sidecarId = new URL(sidecar.url()).host;
  const referenceId = new URL(reference.url()).host;
  result.facts.sidecar_worker = new URL(sidecar.url()).pathname;
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  result.chromium = (await cdp.send('Browser.getVersion')).product.replace(/^\D*\//, '');
  const status = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) status.set(v.scriptURL, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');

  // Log in to Sidecar once (the stored session is what every poll uses).
  await sidecar.evaluate((url) => chrome.storage.local.set({ loginHost: { kind: 'custom', url } }), org.url);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${sidecarId}/side_panel.html`);
  await panel.getByRole('button', { name: 'Log in to Salesforce' }).click({ timeout: 30_000 });
  await panel.locator('[data-testid=user-name]').waitFor({ timeout: 30_000 });
  await panel.close();
  log('logged in to Sidecar');
  await sleep(SETTLE);

  const stopAll = async (id, when) => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const url = `chrome-extension://${id}/`;
    while (now() < when) {
      const running = [...status].filter(([u, s]) => u.startsWith(url) && s !== 'stopped');
      if (running.length === 0) return true;
      await sleep(5);
    }
    return false;
  };

  /**
   * `fn` evaluated in the extension's worker, started first if stopped
   * (`ServiceWorker.startWorker`; stopping every worker stops the other
   * extension's too).
   */
  const inWorker = async (worker, id, fn, arg) => {
    const url = `chrome-extension://${id}/`;
    for (let attempt = 0; ; attempt++) {
      if (![...status].some(([u, s]) => u.startsWith(url) && s === 'running')) {
        await cdp.send('ServiceWorker.startWorker', { scopeURL: url });
        for (let i = 0; i < 200 && ![...status].some(([u, s]) => u.startsWith(url) && s === 'running'); i++) await sleep(10);
        // Its own start-up first: Sidecar's re-schedules its periodic
        // refresh alarm, which would replace a one-shot alarm created meanwhile.
        await sleep(1000);
      }
      try {
        return await within(10_000, worker.evaluate(fn, arg), 'an evaluation in the worker');
      } catch (e) {
        if (attempt >= 5) throw e;
        await sleep(200);
      }
    }
  };

  /** One poll from a stopped worker: ms from the alarm's time to its first request at devorg. */
  const poll = async (name, worker, id, alarm, what) => {
    await inWorker(worker, id, () => true);
    const when = Math.round(now()) + LEAD;
    await inWorker(worker, id, ({ alarm, when }) => chrome.alarms.create(alarm, { when }), { alarm, when });
    if (!(await stopAll(id, when))) {
      fail(`${what}: the ${name} worker was not seen stopped before its alarm`);
      await sleep(LEAD + SETTLE);
      return null;
    }
    const from = org.requests.length;
    // Not started by anything but the alarm: nothing may reach devorg before it.
    const deadline = when + 20_000;
    while (org.requests.length === from && now() < deadline) await sleep(2);
    const first = org.requests[from];
    if (!first) {
      fail(`${what}: no request reached devorg within 20 s of the alarm`);
      return null;
    }
    if (first.at < when) fail(`${what}: a request arrived before the alarm: ${first.line.slice(0, 80)}`);
    await sleep(SETTLE);
    return { ms: first.at - when, line: first.line };
  };

  // Sidecar's first poll tells the request the reference then sends.
  const firstPoll = await poll('sidecar', sidecar, sidecarId, SIDECAR_ALARM, 'first Sidecar poll');
  if (!firstPoll) throw new Error('Sidecar never polled');
  const path = firstPoll.line.replace(/^GET /, '');
  result.facts.first_request = decodeURIComponent(path.replace(/\+/g, ' ')).slice(0, 300);
  const token = await inWorker(sidecar, sidecarId, async () => Object.values(await chrome.storage.session.get(null)).find((v) => v && v.accessToken)?.accessToken);
  if (!token) throw new Error('no access token in Sidecar\'s session storage');
  await inWorker(reference, referenceId, (bench) => chrome.storage.local.set({ bench }), { url: `${org.url}${path}`, token });

  const kinds = {
    sidecar: (what) => poll('sidecar', sidecar, sidecarId, SIDECAR_ALARM, what),
    reference: (what) => poll('reference', reference, referenceId, REFERENCE_ALARM, what),
  };
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const order = run % 2 === 0 ? ['sidecar', 'reference'] : ['reference', 'sidecar'];
    const line = [];
    for (const name of order) {
      const r = await kinds[name](`${name} (run ${run})`);
      if (r && name === 'reference' && r.line !== firstPoll.line) fail(`reference (run ${run}): sent ${r.line.slice(0, 80)}, not Sidecar's request`);
      line.push(`${name} ${r?.ms.toFixed(1)} ms`);
      if (run >= WARMUP && r) result.samples[name].push(r.ms);
    }
    log(`run ${run + 1}/${WARMUP + RUNS}: ${line.join(', ')}`);
  }
  await cdp.detach();
} catch (e) {
  fail(`harness: ${e.message.split('\n')[0]}`);
  log(e.stack);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await org.stop();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
