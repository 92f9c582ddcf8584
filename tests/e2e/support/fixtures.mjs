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
 */
export async function startDevorg(args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-devorg-'));
  const child = spawn(required('SIDECAR_DEVORG_BIN'), ['serve', '--port', '0', '--db', join(dir, 'org.sqlite'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = line.match(/^devorg listening on (http:\/\/\S+)$/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`devorg exited early (${code})`)));
  });
  return {
    url,
    dbDir: dir,
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Launches Chromium with the unpacked extension in a throwaway profile.
 * Returns the context, the extension id (read from its service worker's URL),
 * and every console error seen on extension pages.
 */
export async function launchExtension() {
  const extensionDir = required('SIDECAR_EXTENSION_DIR');
  const profile = mkdtempSync(join(tmpdir(), 'sidecar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required('SIDECAR_CHROMIUM'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
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
