// The page reader exists twice: snapshot.js, which the extension injects in
// the tab, and html.rs, its native twin the insights tests and benches read
// saved pages with. Both must read a page the same way, or the native tests
// prove nothing about the extension. This runs snapshot.js in Chromium over
// every saved page (the 150 real pages of ../shared/fixtures/pages, when
// present, and the repo's insights fixtures), each served at its own URL
// with its scripts off (CSP `script-src 'none'`, as html.rs never runs
// them), and compares what it returns with html.rs's snapshot of the same
// page (`cargo run -p sidecar-core --example snapshot`), field by field.
//
// Every field is compared exactly but `text`: the browser's innerText
// follows CSS (a stylesheet's `display: none`, layout), which html.rs does
// not see; its rule (hidden elements and `[hidden]` left out, blocks on
// their own lines) is html.rs's own approximation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = readFileSync(path.join(root, 'crates/sidecar-core/src/insights/snapshot.js'), 'utf8');
const COMPARED = ['url', 'title', 'canonical', 'meta', 'jsonLd', 'microdata', 'links', 'headings', 'bylines', 'cards'];

/** Every saved page with the URL it was saved from. */
function pages() {
  const out = [];
  const shared = path.join(root, '../shared/fixtures/pages');
  if (existsSync(path.join(shared, 'labels.json'))) {
    for (const label of JSON.parse(readFileSync(path.join(shared, 'labels.json'), 'utf8'))) {
      out.push({ name: label.name, file: path.join(shared, `${label.name}.html`), url: label.url });
    }
  }
  const own = path.join(root, 'crates/sidecar-core/tests/fixtures/insights');
  for (const file of readdirSync(own).filter((f) => f.endsWith('.html')).sort()) {
    const want = JSON.parse(readFileSync(path.join(own, file.replace(/\.html$/, '.expected.json')), 'utf8'));
    out.push({ name: file, file: path.join(own, file), url: want.url || 'https://example.com/' });
  }
  return out;
}

/** Objects with their keys sorted (html.rs keeps meta and props in a BTreeMap, the page in insertion order). */
const canonical = (v) =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;

describe('snapshot.js and html.rs read pages alike', () => {
  let browser;
  let work;
  before(async () => {
    browser = await chromium.launch({ executablePath: process.env.SIDECAR_CHROMIUM || '/usr/bin/chromium', headless: true });
    work = mkdtempSync(path.join(tmpdir(), 'sidecar-parity-'));
  });
  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('every field but the visible text is the same on every saved page', async () => {
    const all = pages();
    assert.ok(all.length >= 30, `${all.length} pages`);
    const context = await browser.newContext();
    const read = [];
    for (const [i, p] of all.entries()) {
      const body = readFileSync(p.file);
      const page = await context.newPage();
      // The page and nothing else: no subresource leaves the machine.
      let served = null;
      await page.route('**/*', (route) => {
        const request = route.request();
        if (served === null && request.isNavigationRequest()) served = request.url();
        return request.url() === served
          ? route.fulfill({ status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'none'" }, body })
          : route.abort();
      });
      await page.goto(p.url, { waitUntil: 'domcontentloaded' });
      const js = await page.evaluate(script);
      // html.rs reads text: the page's bytes as the browser decoded them (its <meta charset>).
      const decoded = await page.evaluate(async () => new TextDecoder(document.characterSet).decode(await (await fetch(location.href)).arrayBuffer()));
      await page.close();
      const utf8 = path.join(work, `${i}.html`);
      writeFileSync(utf8, decoded);
      read.push({ p, js, utf8 });
    }
    await context.close();

    const example = ['run', '-q', '-p', 'sidecar-core', '--example', 'snapshot', '--'];
    const lines = execFileSync('cargo', [...example, ...read.flatMap((r) => [r.utf8, r.p.url])], { cwd: root, maxBuffer: 1 << 30 })
      .toString()
      .trim()
      .split('\n');
    assert.equal(lines.length, read.length);

    const differences = [];
    for (const [i, { p, js }] of read.entries()) {
      const native = JSON.parse(lines[i]);
      for (const field of COMPARED) {
        const a = JSON.stringify(canonical(native[field]));
        const b = JSON.stringify(canonical(js[field]));
        if (a !== b) {
          let at = 0;
          while (a[at] === b[at]) at++;
          const from = Math.max(0, at - 60);
          differences.push(`${p.name} ${field}:\n  html.rs:     …${a.slice(from, at + 120)}\n  snapshot.js: …${b.slice(from, at + 120)}`);
        }
      }
      assert.equal(typeof js.text, 'string');
    }
    assert.deepEqual(differences, [], differences.join('\n'));
  });
});
