// The `panel` and `network` sections of `cargo xtask bench`: the built
// extension (dist/extension) in Debian's Chromium against the release
// devorg on its demo seed, logged in as Ian (devorg `--auto-approve`).
//
// BENCH_MODE=panel: time from navigation start of side_panel.html to the
// first frame showing a To Do item (the To Do tab clicked by the page's own
// init script the moment it exists), from the task cache and from an empty
// cache, against a plain HTML page (todo-reference.html) that fetches the
// same SOQL from devorg and renders the list as plain DOM, all measured the
// same way and interleaved run by run.
//
// BENCH_MODE=network: REST API requests per action, counted by devorg itself
// (`/limits` DailyApiRequests, before and after; the two reads are
// subtracted): a contextual-insights page visit, a 20-row bulk edit in the
// Workspace, a Workspace load of 2,000 leads, and My Feed's background poll
// with nothing new and with news.
//
// Prints one JSON object on stdout; progress goes to stderr.
// Env: SIDECAR_CHROMIUM, SIDECAR_EXTENSION_DIR, SIDECAR_DEVORG_BIN (as for
// the e2e suite, whose fixtures this reuses), BENCH_MODE, BENCH_RUNS, BENCH_WARMUP.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension, startDevorg } from '../../tests/e2e/support/fixtures.mjs';
import { restSession } from '../../tests/e2e/support/rest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MODE = process.env.BENCH_MODE ?? 'panel';
const RUNS = Number(process.env.BENCH_RUNS ?? (MODE === 'panel' ? 10 : 3));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const USER = 'ian@sidecar.devorg';
const log = (...a) => console.error(`[${MODE}-bench]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// `tasks_query` (crates/sidecar-core/src/todo/task.rs) as the extension sends it.
const TASK_FIELDS = ['Id', 'Subject', 'Description', 'ActivityDate', 'Priority', 'IsHighPriority', 'Status', 'IsClosed', 'CompletedDateTime',
  'CreatedDate', 'LastModifiedDate', 'WhoId', 'Who.Name', 'Who.Type', 'WhatId', 'What.Name', 'What.Type', 'AccountId', 'Account.Name'];
const tasksSoql = (userId) => `SELECT ${TASK_FIELDS.join(', ')} FROM Task WHERE OwnerId = '${userId}' AND (IsClosed = false OR CompletedDateTime = LAST_N_DAYS:7) ORDER BY ActivityDate ASC NULLS LAST LIMIT 2000`;

/**
 * Injected before any page script (page.addInitScript, bench only: nothing
 * in the product): clicks `tab` as soon as it exists and is not selected,
 * and records in `window.__benchPainted` the `performance.now()` (ms since
 * navigation start) of the first frame showing `item`: its insertion seen by
 * a MutationObserver, then requestAnimationFrame and setTimeout 0 so the
 * frame has been produced (as `common.js` times the grid).
 */
function watchFirstPaint({ item, tab }) {
  window.__benchPainted = null;
  const check = () => {
    if (tab) {
      const t = document.querySelector(tab);
      if (t && t.getAttribute('aria-selected') !== 'true') t.click();
    }
    if (!document.querySelector(item)) return false;
    requestAnimationFrame(() => setTimeout(() => { window.__benchPainted = performance.now(); }, 0));
    return true;
  };
  const observer = new MutationObserver(() => check() && observer.disconnect());
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected'] });
}

function serveWeb() {
  const server = createServer(async (req, res) => {
    const name = new URL(req.url, 'http://x').pathname.replace(/^\/web\//, '');
    if (!/^[\w-]+\.(html|js)$/.test(name)) return res.writeHead(404).end();
    try {
      const body = await readFile(join(here, name));
      res.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html' : 'text/javascript', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const failures = [];
const fail = (what) => {
  log(`FAILURE ${what}`);
  if (failures.length < 20) failures.push(what);
};

const org = await startDevorg(['--auto-approve', USER]);
const api = await restSession(org.url);
const ext = await launchExtension();
ext.context.on('response', (r) => r.status() >= 400 && log(`HTTP ${r.status()} ${r.request().method()} ${r.url().slice(0, 160)}`));
/** The full version (the user agent says only the major one). */
async function chromiumVersion() {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const cdp = await ext.context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product.replace(/^\D*\//, '');
}
const result = { mode: MODE, runs: RUNS, warmup: WARMUP, chromium: await chromiumVersion(), samples: {}, facts: {}, failures };

async function login() {
  await ext.worker.evaluate((url) => chrome.storage.local.set({ loginHost: { kind: 'custom', url } }), org.url);
  const panel = await ext.context.newPage();
  await panel.goto(ext.pageUrl('side_panel.html'));
  await panel.getByRole('button', { name: 'Log in to Salesforce' }).click();
  await panel.locator('[data-testid=user-name]').waitFor({ timeout: 30_000 });
  return panel;
}

/** Opens `url` in a fresh page with the first-paint watcher; the ms from navigation start to the item's first frame. */
async function firstPaint(url, watch, what) {
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(watchFirstPaint, watch);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__benchPainted, null, { timeout: 30_000, polling: 50 }).catch(() => null);
    if (!handle) {
      fail(`${what}: no [data-testid=todo-item] within 30 s`);
      return null;
    }
    return await handle.jsonValue();
  } finally {
    await page.close();
  }
}

const cacheKeys = () => ext.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('todoCache.')));

async function panelMode() {
  const panel = await login();
  await panel.close();
  const web = await serveWeb();
  const webBase = `http://127.0.0.1:${web.address().port}`;
  const soql = tasksSoql(api.userId);
  const tasks = await api.query(soql);
  result.facts.tasks = tasks.length;
  result.facts.soql = soql;
  const hash = new URLSearchParams({ org: org.url, token: api.accessToken, soql }).toString();
  const watchTodo = { item: '[data-testid=todo-item]', tab: '#tab-to-do' };
  const kinds = {
    cached: async (what) => {
      // The cache the previous open wrote (it is written once the org answered).
      for (let i = 0; i < 100 && (await cacheKeys()).length === 0; i++) await sleep(100);
      if ((await cacheKeys()).length === 0) fail(`${what}: no todoCache.* key before the open`);
      return firstPaint(ext.pageUrl('side_panel.html'), watchTodo, what);
    },
    empty: async (what) => {
      await ext.worker.evaluate(async () => {
        const keys = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('todoCache.'));
        await chrome.storage.local.remove(keys);
      });
      return firstPaint(ext.pageUrl('side_panel.html'), watchTodo, what);
    },
    reference: (what) => firstPaint(`${webBase}/web/todo-reference.html#${hash}`, { item: '[data-testid=todo-item]', tab: null }, what),
  };
  const names = Object.keys(kinds);
  result.samples = Object.fromEntries(names.map((n) => [n, []]));
  // The first open fills the cache; the warm-up runs are not kept.
  await kinds.empty('initial open');
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const order = names.map((_, i) => names[(i + run) % names.length]);
    const line = [];
    for (const name of order) {
      const ms = await kinds[name](`${name} (run ${run})`);
      line.push(`${name} ${ms?.toFixed(1)} ms`);
      if (run >= WARMUP && ms !== null) result.samples[name].push(ms);
    }
    log(`run ${run + 1}/${WARMUP + RUNS}: ${line.join(', ')}`);
  }
  web.close();
}

/**
 * Fires the worker's background refresh (the alarm, as Chrome fires it) and
 * waits until its My Feed poll is done: the poll ends by setting the badge,
 * so the badge is first set to a mark the poll replaces.
 */
async function poll() {
  await ext.worker.evaluate(() => chrome.action.setBadgeText({ text: '…' }));
  await ext.worker.evaluate(() => chrome.alarms.create('sidecar-refresh', { when: Date.now() + 50 }));
  const deadline = Date.now() + 30_000;
  while ((await ext.worker.evaluate(() => chrome.action.getBadgeText({}))) === '…') {
    if (Date.now() > deadline) throw new Error('the poll did not finish in 30 s');
    await sleep(100);
  }
}

/** devorg's own count of REST API requests so far today (this read included). */
async function used() {
  const { status, body } = await api.get('/limits');
  if (status !== 200) throw new Error(`limits: ${status} ${JSON.stringify(body)}`);
  return body.DailyApiRequests.Max - body.DailyApiRequests.Remaining;
}

/** Requests `action` caused, counted by devorg: after − before − 1 (the second read itself). */
async function counted(what, action, settleMs = 1000) {
  const seen = [];
  const listen = (r) => {
    const u = new URL(r.url());
    if (r.url().startsWith(org.url) && u.pathname.startsWith('/services/data/')) seen.push(`${r.method()} ${u.pathname.replace(/\/[a-zA-Z0-9]{18}$/, '/{id}')}${u.search ? `?${decodeURIComponent(u.search.slice(1)).slice(0, 60)}` : ''}`);
  };
  ext.context.on('request', listen);
  const before = await used();
  try {
    await action();
  } catch (e) {
    fail(`${what}: ${e.message.split('\n')[0]}`);
    ext.context.off('request', listen);
    return null;
  }
  await sleep(settleMs);
  const after = await used();
  ext.context.off('request', listen);
  const n = after - before - 1;
  log(`${what}: ${n} request(s); seen from pages: ${seen.join(' | ')}`);
  return { n, seen };
}

async function networkMode() {
  // 2,100 open leads of Ian's (the Workspace shows at most 2,000) and 20
  // open opportunities to bulk-edit, as the e2e Workspace test sets up.
  for (let start = 0; start < 2100; start += 200) {
    const records = Array.from({ length: 200 }, (_, i) => ({ attributes: { type: 'Lead' }, LastName: `Bench ${start + i}`, Company: `Company ${(start + i) % 37}`, Status: 'Open - Not Contacted' }));
    const { status, body } = await api.post('/composite/sobjects', { allOrNone: true, records });
    if (status !== 200) throw new Error(`creating leads: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  const opps = Array.from({ length: 20 }, (_, i) => ({ attributes: { type: 'Opportunity' }, Name: `Bench Bulk ${String(i).padStart(2, '0')}`, StageName: 'Prospecting', CloseDate: '2027-03-01', Amount: 1000 * (i + 1) }));
  const created = await api.post('/composite/sobjects', { allOrNone: true, records: opps });
  if (created.status !== 200) throw new Error(`creating opportunities: ${created.status}`);
  const oppIds = new Set(created.body.map((r) => r.id));
  // My Feed's poll runs when the bench fires it (the hourly alarm never comes due).
  await ext.worker.evaluate(() =>
    chrome.storage.local.set({ privacy: { contextualInsights: true, blockedSites: [], inIncognito: false }, feed: { pollMinutes: 60, notify: false } }),
  );
  const firstPanel = await login();
  await firstPanel.close();
  const [maria] = await api.query("SELECT Id FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
  const unopened = await api.query(
    `SELECT Id FROM EmailMessage WHERE CreatedById = '${api.userId}' AND IsTracked = true AND Incoming = false AND FirstOpenedDate = null AND IsBounced = false`,
  );
  // One poll before the runs: the sources are found once a day, and the first look reads the whole window.
  await poll();

  const samples = { visit: [], bulk_edit: [], workspace_load: [], poll_idle: [], poll_news: [] };
  const seen = { visit: [], bulk_edit: [], workspace_load: [], poll_idle: [], poll_news: [] };
  const keep = (name, r, measured) => {
    if (r && measured) {
      samples[name].push(r.n);
      seen[name].push(r.seen);
    }
  };
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const measured = run >= WARMUP;
    // (a) A page visit with contextual insights: a fresh panel (its match
    // cache is per panel), loaded and idle, then the demo page in the active tab.
    {
      const tab = await ext.context.newPage();
      await tab.goto('about:blank');
      const panel = await ext.context.newPage();
      await panel.goto(ext.pageUrl('side_panel.html'));
      await panel.locator('[data-testid=user-name]').waitFor({ timeout: 30_000 });
      await sleep(1500);
      const r = await counted(`visit (run ${run})`, async () => {
        await tab.goto(`${org.url}/demo/acme-robotics/team.html`);
        await tab.bringToFront();
        await panel.locator('[data-testid=insight-matches], [data-testid=insight-candidates], [data-testid=insights-empty], [data-testid=insights-error]').first().waitFor({ timeout: 30_000 });
        if (await panel.locator('[data-testid=insights-error]').count()) throw new Error(`insights error: ${await panel.locator('[data-testid=insights-error]').textContent()}`);
      });
      keep('visit', r, measured);
      await panel.close();
      await tab.close();
    }
    // (c) A Workspace load: workspace.html opened, its first workspace (My
    // Latest Leads) showing its 2,000 records.
    const ws = await ext.context.newPage();
    {
      const r = await counted(`workspace load (run ${run})`, async () => {
        await ws.goto(ext.pageUrl('workspace.html'));
        await ws.locator('[data-testid=header-line]', { hasText: 'showing 2000 record(s)' }).waitFor({ timeout: 60_000 });
      });
      keep('workspace_load', r, measured);
    }
    // (b) A bulk edit of 20 rows: the 20 opportunities selected with the
    // keyboard, one Close Date edited, Enter saves all 20.
    {
      await ws.locator('[data-testid=workspace-tab]', { hasText: 'My Open Opportunities' }).click();
      await ws.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
      await ws.locator('[data-testid="filter-Name"]').fill('Bench Bulk');
      await ws.locator('[data-testid=shown-count]', { hasText: '20 of' }).waitFor();
      const first = await ws.locator('[data-testid=grid-row]').first().getAttribute('data-id');
      await ws.locator(`[data-testid=grid-row][data-id="${first}"] .grid-cell[data-column=Name]`).click();
      for (let i = 0; i < 20; i++) {
        await ws.keyboard.press(' ');
        if (i < 19) await ws.keyboard.press('ArrowDown');
      }
      await ws.locator('[data-testid=selection-count]', { hasText: '20 of 20 rows selected.' }).waitFor();
      const date = `2027-07-${String(10 + run).padStart(2, '0')}`;
      await sleep(500);
      const r = await counted(`bulk edit (run ${run})`, async () => {
        const row = ws.locator('[data-testid=grid-row][aria-selected=true]').last();
        const id = await row.getAttribute('data-id');
        if (!oppIds.has(id)) throw new Error(`row ${id} is not a bench opportunity`);
        await row.locator('.grid-cell[data-column=CloseDate]').dblclick();
        const editor = row.locator('.grid-cell.editing input');
        await editor.fill(date);
        await editor.press('Enter');
        await ws.locator('[data-testid=workspace-notice]', { hasText: '20 rows saved.' }).waitFor({ timeout: 30_000 });
      });
      keep('bulk_edit', r, measured);
      const saved = await api.query("SELECT CloseDate FROM Opportunity WHERE Name LIKE 'Bench Bulk%'");
      if (saved.length !== 20 || saved.some((o) => o.CloseDate !== date)) fail(`bulk edit (run ${run}): the org holds ${saved.map((o) => o.CloseDate).join(', ')}, not 20 × ${date}`);
    }
    await ws.close();
    // (d) My Feed's background poll with nothing new since the last, then
    // (e) after a web visit and an email opened (both written before the count starts).
    keep('poll_idle', await counted(`poll, nothing new (run ${run})`, poll), measured);
    const now = new Date().toISOString();
    await api.post('/sobjects/Engagement_Event__c', { Type__c: 'Web Visit', Occurred_At__c: now, Contact__c: maria.Id, Url__c: `https://acmerobotics.com/run-${run}` });
    const email = unopened[run % unopened.length];
    if (email) await api.patch(`/sobjects/EmailMessage/${email.Id}`, { IsOpened: true, FirstOpenedDate: now, LastOpenedDate: now });
    keep('poll_news', await counted(`poll with news (run ${run})`, poll), measured);
    log(`run ${run + 1}/${WARMUP + RUNS} done`);
  }
  result.samples = samples;
  result.facts.seen = seen;
}

try {
  if (MODE === 'panel') await panelMode();
  else if (MODE === 'network') await networkMode();
  else throw new Error(`unknown BENCH_MODE ${MODE}`);
} catch (e) {
  fail(`harness: ${e.message.split('\n')[0]}`);
} finally {
  // Errors on the extension's own pages (a demo page's missing favicon is not ours).
  for (const e of ext.errors.filter((e) => e.startsWith('chrome-extension://')).slice(0, 5)) failures.push(`console error: ${e}`);
  await ext.close();
  await org.stop();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
