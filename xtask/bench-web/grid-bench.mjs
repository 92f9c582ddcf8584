// The browser section of `cargo xtask bench`: Sidecar's Workspace grid (the
// release wasm), a plain-JavaScript reference grid and AG Grid Community, on
// the same 2,000 rows in the same headless Chromium, interleaved run by run.
// Prints one JSON object on stdout; progress goes to stderr.
//
// Env: SIDECAR_CHROMIUM (browser), SIDECAR_DIST (dist/extension, for its
// styles), SIDECAR_GRID_BENCH (dist/grid-bench, the grid's wasm module),
// SIDECAR_AG_GRID (node_modules/ag-grid-community), BENCH_RUNS (15),
// BENCH_WARMUP (1).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generate, ROWS } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through \`cargo xtask bench\``);
  return value;
};
const agDir = env('SIDECAR_AG_GRID');
const roots = { '/dist/': env('SIDECAR_DIST'), '/grid/': env('SIDECAR_GRID_BENCH'), '/web/': here, '/ag/': join(agDir, 'dist') };
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const PREFIX = 'gr';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
const GRIDS = [
  ['ours', 'grid-bench-ours.html'],
  ['reference', 'grid-bench-reference.html'],
  ['aggrid', 'grid-bench-aggrid.html'],
];

const log = (...a) => console.error('[grid-bench]', ...a);

function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const rel = prefix ? normalize(path.slice(prefix.length)) : '';
    if (!prefix || rel.startsWith('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(roots[prefix], rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const data = generate();
const countFor = (prefix) => data.filter((r) => r.Name.toLowerCase().startsWith(prefix)).length;
const amounts = data.map((r) => r.Amount);
const expected = {
  filter: [...PREFIX].map((_, i) => [PREFIX.slice(0, i + 1), countFor(PREFIX.slice(0, i + 1))]),
  min: Math.min(...amounts),
  max: Math.max(...amounts),
};

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: env('SIDECAR_CHROMIUM'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const samples = Object.fromEntries(GRIDS.map(([name]) => [name, { render: [], filter: [], sort: [] }]));
const failures = [];
const fail = (grid, what) => {
  if (failures.length < 20) failures.push(`${grid}: ${what}`);
};

try {
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const measured = run >= WARMUP;
    // Rotate the order so no grid always goes first (or last) in a run.
    const order = GRIDS.map((_, i) => GRIDS[(i + run) % GRIDS.length]);
    for (const [name, file] of order) {
      const page = await context.newPage();
      page.on('pageerror', (e) => fail(name, `page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && fail(name, `console error: ${m.text()}`));
      await page.goto(`${base}/web/${file}`);
      await page.waitForFunction(() => window.gridBenchReady === true, null, { timeout: 30000 });
      const check = (what, r) => {
        if (!r.ok) fail(name, `${what}: the expected result never showed (run ${run})`);
        return r.ms;
      };
      const render = check('first render', await page.evaluate((n) => window.gridBench.render(n), ROWS));
      // Warm-up on this page (JIT, first layout of a filtered list), then the samples.
      const sortExpect = [expected.min, expected.max, expected.min, expected.max];
      const keystrokes = [];
      const sorts = [];
      for (let round = 0; round < 2; round++) {
        for (const [text, count] of expected.filter) {
          keystrokes.push(check(`filter '${text}' (${count} rows)`, await page.evaluate(([t, c]) => window.gridBench.filter(t, c), [text, count])));
        }
        check('clear filter', await page.evaluate((n) => window.gridBench.clear(n), ROWS));
        for (let s = 0; s < 2; s++) {
          const want = sortExpect[round * 2 + s];
          sorts.push(check(`sort by Amount (first ${want})`, await page.evaluate((w) => window.gridBench.sort(w), want)));
        }
      }
      await page.close();
      if (measured) {
        samples[name].render.push(render);
        samples[name].filter.push(...keystrokes.slice(expected.filter.length));
        samples[name].sort.push(...sorts.slice(2));
      }
      log(`run ${run + 1}/${WARMUP + RUNS} ${name}: render ${render.toFixed(1)} ms, keystrokes ${keystrokes.map((k) => k.toFixed(1)).join(' ')} ms, sorts ${sorts.map((k) => k.toFixed(1)).join(' ')} ms`);
    }
  }
} finally {
  const chromiumVersion = browser.version();
  await browser.close();
  server.close();
  const agVersion = JSON.parse(readFileSync(join(agDir, 'package.json'), 'utf8')).version;
  process.stdout.write(
    `${JSON.stringify({ rows: ROWS, runs: RUNS, warmup: WARMUP, prefix: PREFIX, expected, chromium: chromiumVersion, ag_grid: agVersion, samples, failures })}\n`,
  );
}
