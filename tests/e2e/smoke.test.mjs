// Smoke test of the whole pipeline: the built extension loads in Chromium,
// its Rust service worker runs, and every page mounts its Rust app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension } from './support/fixtures.mjs';

describe('extension in Chromium', () => {
  let ext;
  before(async () => {
    ext = await launchExtension();
  });
  after(async () => {
    await ext?.close();
  });

  test('loads with its manifest and the Rust service worker opens the panel from the toolbar', async () => {
    assert.match(ext.extensionId, /^[a-p]{32}$/);
    const manifest = await ext.worker.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.side_panel.default_path, 'side_panel.html');
    assert.equal(manifest.name, 'Sidecar for Salesforce', 'names come from _locales/en');
    // start_service_worker() (Rust) sets this behaviour; Chrome's default is false.
    const behavior = await eventually(async () => {
      const b = await ext.worker.evaluate(() => chrome.sidePanel.getPanelBehavior());
      return b.openPanelOnActionClick ? b : null;
    });
    assert.deepEqual(behavior, { openPanelOnActionClick: true });
  });

  test('the side panel mounts the Rust app and, logged out, asks to log in, with no console errors', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('side_panel.html'));
    await page.locator('[data-testid=side-panel]').waitFor();
    assert.equal(await page.locator('.brand').textContent(), 'Sidecar');
    await page.locator('[data-testid=login-prompt]').waitFor();
    assert.equal(await page.locator('[data-testid=login-host]').textContent(), 'Local devorg (http://127.0.0.1:8787)');
    // The tabs need a session: tests/e2e/login.test.mjs checks them after logging in.
    assert.equal(await page.getByRole('tab').count(), 0);
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('Open Workspace opens the Workspace tab', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('side_panel.html'));
    const [workspace] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.locator('[data-testid=open-workspace]').click(),
    ]);
    await workspace.waitForURL(ext.pageUrl('workspace.html'));
    await workspace.locator('[data-testid=workspace]').waitFor();
    assert.equal(await workspace.title(), 'Sidecar Workspace');
    await workspace.close();
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('settings refuse an insecure domain, keep the typing, and save a valid one', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('[data-testid=options]').waitFor();
    await page.locator('#login-kind-custom').check();
    await page.locator('#login-custom').fill('http://acme.my.salesforce.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()).includes('must use https'));
    assert.match(await page.locator('[data-testid=options-status]').textContent(), /acme\.my\.salesforce\.com must use https/);
    assert.equal(await page.locator('#login-custom').inputValue(), 'http://acme.my.salesforce.com', 'the typed value stays');
    assert.equal(await ext.worker.evaluate(() => chrome.storage.local.get('loginHost')).then((s) => s.loginHost), undefined);

    await page.locator('#login-custom').fill(' Acme.my.salesforce.com/lightning ');
    // A real org needs its connected app's Consumer Key (devorg's default id was cleared).
    assert.equal(await page.locator('#client-id').inputValue(), '');
    await page.locator('[data-testid=login-advanced] summary').click();
    await page.locator('#client-id').fill('3MVG9acme');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()) === 'Saved.');
    const stored = await ext.worker.evaluate(() => chrome.storage.local.get('loginHost'));
    assert.deepEqual(stored.loginHost, { kind: 'custom', url: 'https://acme.my.salesforce.com' });

    await page.reload();
    await eventually(async () => await page.locator('#login-kind-custom').isChecked());
    assert.equal(await page.locator('#login-custom').inputValue(), 'https://acme.my.salesforce.com');

    const panel = await ext.context.newPage();
    await panel.goto(ext.pageUrl('side_panel.html'));
    await eventually(async () => (await panel.locator('[data-testid=login-host]').count()) > 0);
    assert.equal(await panel.locator('[data-testid=login-host]').textContent(), 'My Domain (https://acme.my.salesforce.com)');
    await panel.close();
    await page.close();
    assert.deepEqual(ext.errors, []);
  });
});
