// The service worker's alarm and broadcast, and the options page's client id,
// privacy settings and sign out, in the built extension.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, startDevorg } from './support/fixtures.mjs';
import { refreshWorks, restSession } from './support/rest.mjs';

const REFRESH_ALARM = 'sidecar-refresh';

/**
 * Opens an extension page that records every runtime message it receives.
 * `loggedIn`: the Workspace loads from the org first; the page is returned
 * once it has shown what it loaded and no request to the org has been in
 * flight for a while, so that a test signing out does not race the page's
 * own first requests (one the org refuses because the token was revoked
 * meanwhile is logged by Chrome as an error).
 */
async function listeningPage(ext, { loggedIn = false } = {}) {
  const page = await ext.context.newPage();
  const inFlight = new Set();
  let lastChange = Date.now();
  const toOrg = (r) => !r.url().startsWith('chrome-extension://');
  const track = (r) => toOrg(r) && (inFlight.add(r), (lastChange = Date.now()));
  const untrack = (r) => inFlight.delete(r) && (lastChange = Date.now());
  page.on('request', track);
  page.on('requestfinished', untrack);
  page.on('requestfailed', untrack);
  await page.goto(ext.pageUrl('workspace.html'));
  await page.locator('[data-testid=workspace]').waitFor();
  if (loggedIn) {
    await page.locator('[data-testid=header-line]').waitFor({ timeout: 60_000 });
    lastChange = Date.now();
    const settled = await eventually(async () => inFlight.size === 0 && Date.now() - lastChange > 750, { timeout: 60_000 });
    assert.ok(settled, `the Workspace kept asking the org: ${[...inFlight].map((r) => r.url()).join(', ') || 'one request after another'}`);
  }
  page.off('request', track);
  page.off('requestfinished', untrack);
  page.off('requestfailed', untrack);
  await page.evaluate(() => {
    window.received = [];
    chrome.runtime.onMessage.addListener((message) => {
      window.received.push(message);
    });
  });
  return page;
}

describe('service worker and options', () => {
  let ext;
  before(async () => {
    ext = await launchExtension();
  });
  after(async () => {
    await ext?.close();
  });

  test('asks only for the permissions it needs', async () => {
    const manifest = await ext.worker.evaluate(() => chrome.runtime.getManifest());
    assert.deepEqual(manifest.permissions, ['activeTab', 'alarms', 'identity', 'scripting', 'sidePanel', 'storage']);
    assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*'], 'only the loopback devorg and its demo pages');
    assert.deepEqual(manifest.optional_permissions, ['notifications', 'tabs']);
    assert.ok(manifest.optional_host_permissions.includes('https://*.salesforce.com/*'));
    assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+S');
  });

  test('the worker schedules the background refresh every 5 minutes', async () => {
    const alarms = await eventually(async () => {
      const all = await ext.worker.evaluate(() => chrome.alarms.getAll());
      return all.length ? all : null;
    });
    assert.equal(alarms.length, 1);
    assert.equal(alarms[0].name, REFRESH_ALARM);
    assert.equal(alarms[0].periodInMinutes, 5);
  });

  test('when the refresh alarm fires, open pages are told to refresh', async () => {
    const page = await listeningPage(ext);
    // Fire the real alarm soon (a one-shot replacing the periodic one).
    await ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 50 }), REFRESH_ALARM);
    const received = await eventually(async () => {
      const got = await page.evaluate(() => window.received);
      return got.length ? got : null;
    }, { timeout: 20_000 });
    assert.deepEqual(received, [{ type: 'refresh', reason: 'alarm' }]);
    await page.close();
  });

  test('first run asks which org, in words, and keeps the client id under a closed Advanced', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('[data-testid=login-first-run]').waitFor();
    assert.equal(await page.locator('#login-heading').textContent(), 'Choose where you log in to Salesforce');
    const radios = page.locator('[data-testid=login-choices] input[type=radio]');
    // The three real choices, then devorg, labelled as a developer's (this is the development build).
    assert.deepEqual(await radios.evaluateAll((all) => all.map((r) => r.value)), ['production', 'sandbox', 'custom', 'devorg']);
    assert.equal(await page.locator('[data-testid=login-choices] input:checked').count(), 0, 'no default pretends to be chosen');
    assert.match(await page.getByRole('radio', { name: /^Production \(login\.salesforce\.com\)/ }).evaluate((r) => r.labels[0].textContent), /most people use at work/);
    assert.match(await page.getByRole('radio', { name: /^Sandbox \(test\.salesforce\.com\)/ }).evaluate((r) => r.labels[0].textContent), /test copy/);
    await page.getByRole('radio', { name: /^My Domain/ }).waitFor();
    await page.getByRole('radio', { name: /^Local development org \(devorg, this computer\)/ }).waitFor();
    assert.equal(await page.locator('#login-custom').count(), 0, 'the domain box only once My Domain is chosen');

    // The client id is inside "Advanced", closed.
    const advanced = page.locator('details[data-testid=login-advanced]');
    assert.equal(await advanced.evaluate((d) => d.open), false);
    assert.equal(await advanced.locator('#client-id').count(), 1);
    assert.equal(await page.locator('#client-id').isVisible(), false);
    assert.match(await advanced.locator('summary').textContent(), /^Advanced/);
    // The admin's callback URL is this extension's own redirect, and the scopes are what the login asks.
    assert.equal(await page.locator('[data-testid=redirect-url]').textContent(), `https://${ext.extensionId}.chromiumapp.org/`);
    assert.match(await page.locator('[data-testid=admin-instructions]').textContent(), /api refresh_token id/);

    // Saving with nothing chosen says so and stores nothing.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()) === 'Choose where you log in to Salesforce.');
    assert.equal(await ext.worker.evaluate(() => chrome.storage.local.get('loginHost')).then((s) => s.loginHost), undefined);

    await page.getByRole('radio', { name: /^My Domain/ }).check();
    await page.locator('#login-custom').waitFor();
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('the options page validates and saves the client id', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('[data-testid=login-first-run]').waitFor();
    // devorg's choice offers devorg's client id.
    await page.locator('#login-kind-devorg').check();
    assert.equal(await page.locator('#client-id').inputValue(), 'SidecarDevorg');

    await page.locator('#login-kind-production').check();
    assert.equal(await page.locator('#client-id').inputValue(), '', "devorg's id means nothing to a real org");
    await page.locator('[data-testid=login-needs-key]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()).includes('Consumer Key'));
    assert.equal(await page.locator('#client-id').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('details[data-testid=login-advanced]').evaluate((d) => d.open), true, 'a refused client id is shown');

    await page.locator('#client-id').fill('3MVG9 abc');
    assert.equal(await page.locator('details[data-testid=login-advanced]').evaluate((d) => d.open), true, 'typing never closes it');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()).includes('no spaces'));
    assert.equal(await ext.worker.evaluate(() => chrome.storage.local.get('clientId')).then((s) => s.clientId), undefined);

    await page.locator('#client-id').fill(' 3MVG9abc.DEF ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => (await page.locator('[data-testid=options-status]').textContent()) === 'Saved.');
    const stored = await ext.worker.evaluate(() => chrome.storage.local.get(['clientId', 'loginHost']));
    assert.deepEqual(stored, { clientId: '3MVG9abc.DEF', loginHost: { kind: 'production' } });

    assert.equal(await page.locator('[data-testid=login-first-run]').count(), 0, 'chosen now');

    await page.reload();
    await eventually(async () => (await page.locator('#client-id').inputValue()) === '3MVG9abc.DEF');
    assert.equal(await page.locator('#login-kind-production').isChecked(), true);
    assert.equal(await page.locator('#login-heading').textContent(), 'Where you log in');
    assert.equal(await page.locator('details[data-testid=login-advanced]').evaluate((d) => d.open), true, 'a saved Consumer Key is in sight');
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('privacy settings: blocked sites and incognito are saved at once', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('#privacy-site').waitFor();
    assert.equal(await page.locator('#privacy-contextual').isChecked(), false, 'off by default');
    const privacy = () => ext.worker.evaluate(() => chrome.storage.local.get('privacy')).then((s) => s.privacy);
    const status = () => page.locator('[data-testid=privacy-status]').textContent();

    await page.locator('#privacy-site').fill('not a site');
    await page.getByRole('button', { name: 'Add site' }).click();
    await eventually(async () => (await status()).includes('is not a site'));
    assert.equal(await privacy(), undefined);

    await page.locator('#privacy-site').fill('https://www.Example.com/inbox');
    await page.getByRole('button', { name: 'Add site' }).click();
    await eventually(async () => (await status()) === 'Saved.');
    assert.equal(await page.locator('#privacy-site').inputValue(), '');
    assert.equal(await page.locator('[data-testid=blocked-sites] li span').textContent(), 'www.example.com');
    assert.deepEqual(await privacy(), { contextualInsights: false, blockedSites: ['www.example.com'], inIncognito: false });

    await page.locator('#privacy-incognito').check();
    await eventually(async () => (await privacy())?.inIncognito === true);

    await page.reload();
    await page.locator('[data-testid=blocked-sites] li').waitFor();
    assert.equal(await page.locator('#privacy-incognito').isChecked(), true);
    await page.getByRole('button', { name: 'Remove www.example.com' }).click();
    await eventually(async () => (await privacy())?.blockedSites.length === 0);
    assert.equal(await page.locator('[data-testid=blocked-sites] li').count(), 0);
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('turning contextual insights on asks for the tabs permission first, and saves nothing until granted', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('#privacy-contextual').click();
    // Headless Chromium leaves the permission dialog pending: nothing is saved meanwhile.
    await eventually(async () => (await page.locator('[data-testid=privacy-status]').textContent()).includes("Chrome's dialog"));
    const privacy = await ext.worker.evaluate(() => chrome.storage.local.get('privacy')).then((s) => s.privacy);
    assert.equal(privacy?.contextualInsights ?? false, false);
    assert.equal(await ext.worker.evaluate(() => chrome.permissions.contains({ permissions: ['tabs'] })), false);
    await page.close();
    assert.deepEqual(ext.errors, []);
  });

  test('sign out revokes the token at the org, forgets the session and tells the pages', async () => {
    const org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    try {
      const session = await restSession(org.url);
      assert.ok(await refreshWorks(org.url, session.refreshToken), 'the refresh token works before');
      const host = { kind: 'custom', url: org.url };
      await ext.worker.evaluate(
        async ({ session, host, url }) => {
          await chrome.storage.session.set({ sidecarAccess: { accessToken: session.accessToken, issuedAt: Date.now(), userId: session.userId } });
          await chrome.storage.local.set({
            sidecarLogin: { refreshToken: session.refreshToken, instanceUrl: url, userId: session.userId, orgId: '00D000000000001EAA', loginHost: host, clientId: 'SidecarDevorg' },
          });
        },
        { session: { accessToken: session.accessToken, refreshToken: session.refreshToken, userId: session.userId }, host, url: org.url },
      );
      const listener = await listeningPage(ext, { loggedIn: true });
      const page = await ext.context.newPage();
      await page.goto(ext.pageUrl('options.html'));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await eventually(async () => (await page.locator('[data-testid=sign-out-status]').textContent()) === 'Signed out.');
      const left = await ext.worker.evaluate(async () => ({
        access: (await chrome.storage.session.get('sidecarAccess')).sidecarAccess,
        login: (await chrome.storage.local.get('sidecarLogin')).sidecarLogin,
      }));
      assert.deepEqual(left, { access: undefined, login: undefined });
      assert.equal(await refreshWorks(org.url, session.refreshToken), false, 'the org revoked the refresh token');
      assert.equal((await session.get('/limits')).status, 401, 'and the access tokens issued from it');
      const received = await eventually(async () => {
        const got = await listener.evaluate(() => window.received);
        return got.length ? got : null;
      });
      assert.deepEqual(received, [{ type: 'signedOut' }]);
      await listener.close();
      await page.close();
      assert.deepEqual(ext.errors, []);
    } finally {
      await org.stop();
    }
  });

  // Last: the worker restarts, so `ext.worker` is not used after this.
  test('the refresh alarm wakes a stopped worker and still reaches the pages', async () => {
    const page = await listeningPage(ext);
    await ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 3_000 }), REFRESH_ALARM);
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    // Chrome starts the worker for the alarm; its loader's listener, added
    // before the wasm loads, hands the event to Rust.
    const received = await eventually(async () => {
      const got = await page.evaluate(() => window.received);
      return got.length ? got : null;
    }, { timeout: 20_000 });
    assert.deepEqual(received, [{ type: 'refresh', reason: 'alarm' }]);
    await page.close();
    assert.deepEqual(ext.errors, []);
  });
});
