// One wasm module per entry point (`cargo xtask build`, xtask/src/bundle.rs):
// each page and the service worker load their own module and no other, and
// Chrome serves it as `application/wasm`, which wasm-bindgen's loader needs
// to compile it with `WebAssembly.instantiateStreaming`, the only path on
// which Chrome caches compiled wasm code (see xtask/src/bundle.rs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchExtension } from './support/fixtures.mjs';

const contentType = (file) => fetch(file).then((response) => response.headers.get('content-type'));

describe('one wasm module per entry point', () => {
  let ext;
  const warnings = [];
  before(async () => {
    ext = await launchExtension();
    ext.context.on('page', (page) => page.on('console', (msg) => msg.type() === 'warning' && warnings.push(msg.text())));
  });
  after(async () => {
    await ext?.close();
  });

  for (const [html, mounted, module] of [
    ['side_panel.html', 'side-panel', 'sidecar_side_panel_bg.wasm'],
    ['workspace.html', 'workspace', 'sidecar_workspace_bg.wasm'],
    ['options.html', 'options', 'sidecar_options_bg.wasm'],
  ]) {
    test(`${html} loads ${module} alone, streamed as application/wasm`, async () => {
      const page = await ext.context.newPage();
      // Every .wasm the page fetches, as file name and Content-Type.
      const wasm = new Set();
      page.on('response', (response) => {
        const file = new URL(response.url()).pathname.split('/').pop();
        if (file.endsWith('.wasm')) wasm.add(`${file} ${response.headers()['content-type']}`);
      });
      await page.goto(ext.pageUrl(html));
      await page.locator(`[data-testid=${mounted}]`).waitFor();
      assert.deepEqual([...wasm], [`${module} application/wasm`]);
      await page.close();
      // wasm-bindgen warns when it has to fall back from instantiateStreaming.
      assert.deepEqual(warnings.filter((w) => w.includes('instantiateStreaming')), []);
      assert.deepEqual(ext.errors, []);
    });
  }

  // Playwright reports no network events of an extension's service worker;
  // which module its loader imports is checked by xtask (bundle.rs), and
  // that the worker runs by smoke.test.mjs. Here: the worker, too, gets its
  // module as application/wasm.
  test('the service worker is served its module as application/wasm', async () => {
    assert.equal(await ext.worker.evaluate(contentType, 'sidecar_worker_bg.wasm'), 'application/wasm');
  });
});
