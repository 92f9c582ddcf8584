// Fixtures for the end-to-end suite: the real devorg binary on a free
// loopback port with a fresh SQLite file, and Debian's Chromium with the built
// extension loaded (the approach of Salesforce Inspector Reloaded's Playwright
// fixtures, without @playwright/test). `cargo xtask test` sets the paths.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through \`cargo xtask test\``);
  return value;
}

/**
 * Starts `devorg serve --port 0` on a fresh database and resolves once it
 * prints its address. `args` are extra serve options, e.g.
 * `['--auto-approve', 'ian@sidecar.devorg', '--session-ttl', '2']`.
 * With `--log-requests`, `requests` collects each REST API request devorg
 * printed (`GET /services/data/v62.0/query?q=...`), in order.
 */
export async function startDevorg(args = []) {
  // The objects of a real org's recorded describes, when the run names a
  // folder of them (`cargo xtask test` does; see xtask/src/test.rs).
  const describes = process.env.SIDECAR_E2E_DESCRIBES;
  if (describes) args = [...args, '--describes', describes];
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-devorg-'));
  const db = join(dir, 'org.sqlite');
  const requests = [];
  let child;
  const spawnOn = async (port) => {
    child = spawn(required('SIDECAR_DEVORG_BIN'), ['serve', '--port', String(port), '--db', db, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const running = child;
    return new Promise((resolve, reject) => {
      const lines = createInterface({ input: running.stdout });
      lines.on('line', (line) => {
        const match = line.match(/^devorg listening on (http:\/\/\S+)$/);
        if (match) resolve(match[1]);
        const request = line.match(/^devorg request (.*)$/);
        if (request) requests.push(request[1]);
      });
      running.on('exit', (code) => reject(new Error(`devorg exited early (${code})`)));
    });
  };
  const kill = async () => {
    const running = child;
    running.kill('SIGINT');
    await new Promise((resolve) => (running.exitCode !== null ? resolve() : running.once('exit', resolve)));
  };
  const url = await spawnOn(0);
  return {
    url,
    dbDir: dir,
    requests,
    /** Stops devorg and keeps its database: the org is unreachable. */
    kill,
    /** Serves the same database on the same port again. */
    async restart() {
      await spawnOn(new URL(url).port);
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium's flags for a quiet profile with only `extensionDirs` loaded. */
export function chromiumArgs(extensionDirs) {
  const dirs = extensionDirs.join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
  ];
}

/**
 * Launches Chromium with the unpacked extension in a throwaway profile.
 * Returns the context, the extension id (read from its service worker's URL),
 * and every console error seen on extension pages. `timeZone`: the
 * browser's (IANA), when a test needs it to differ from the user's.
 */
export async function launchExtension({ timeZone } = {}) {
  const extensionDir = required('SIDECAR_EXTENSION_DIR');
  const profile = mkdtempSync(join(tmpdir(), 'sidecar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required('SIDECAR_CHROMIUM'),
    headless: true,
    args: chromiumArgs([extensionDir]),
    // The browser's own time zone (the machine's unless given), for tests
    // where it must differ from the user's Salesforce one.
    env: timeZone ? { ...process.env, TZ: timeZone } : process.env,
  });
  const errors = [];
  const watch = (page) => {
    page.on('console', (msg) => msg.type() === 'error' && errors.push(`${page.url()}: ${msg.text()}`));
    page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  // An extension whose manifest Chrome rejects never registers its worker.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    errors,
    pageUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (behaviour, not timing, is asserted). */
export async function eventually(fn, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Opens the side panel (as a tab) logged in to `orgUrl` through the real
 * OAuth flow (devorg started with `--auto-approve`), after putting
 * `settings` in `chrome.storage.local` beside the login host. Returns the page.
 */
export async function loggedInPanel(ext, orgUrl, settings = {}) {
  await ext.worker.evaluate(([url, extra]) => chrome.storage.local.set({ loginHost: { kind: 'custom', url }, ...extra }), [orgUrl, settings]);
  const panel = await ext.context.newPage();
  await panel.goto(ext.pageUrl('side_panel.html'));
  await panel.getByRole('button', { name: 'Log in to Salesforce' }).click();
  await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
  return panel;
}
