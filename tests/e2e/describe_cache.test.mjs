// The org's describes are kept for the browser session: a Workspace tab
// opened a second time asks the org for its records only, not again for the
// object list and the object's describe (devorg's request log says what
// reached it). Before, each page kept describes for its own life only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';

describe('describes kept for the browser session', () => {
  let org;
  let ext;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg', '--log-requests']);
    ext = await launchExtension();
    const panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 60, notify: false } });
    await panel.close();
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  /** Opens the Workspace on its first workspace; the REST requests it caused. */
  async function openWorkspace() {
    const from = org.requests.length;
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('workspace.html'));
    await page.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
    await page.close();
    return org.requests.slice(from);
  }
  const describes = (requests) => requests.filter((r) => /^GET \/services\/data\/v[\d.]+\/sobjects(\/\w+\/describe)?$/.test(r));

  test('a second Workspace tab asks no describe; its records are read again', async () => {
    const first = await openWorkspace();
    assert.ok(describes(first).length >= 2, `the first asks the object list and the describe: ${JSON.stringify(first)}`);
    const second = await openWorkspace();
    assert.deepEqual(describes(second), [], `kept: ${JSON.stringify(second)}`);
    assert.ok(second.some((r) => r.startsWith('GET /services/data/v62.0/query?q=SELECT')), `the records are read: ${JSON.stringify(second)}`);
    assert.deepEqual(ext.errors, []);
  });
});
