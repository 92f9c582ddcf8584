// Logging in from the side panel: the prompt on first open, the OAuth web
// server flow with PKCE through chrome.identity.launchWebAuthFlow (devorg
// auto-approves Ian), the header with his name, one shared token refresh
// after the access token expired, and the admin's "turned off" message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, startDevorg } from './support/fixtures.mjs';

const SESSION_TTL_SECONDS = 3;

/** An admin's access token, through devorg's login form (no browser). */
async function adminToken(orgUrl) {
  const redirectUri = 'http://localhost/callback';
  const login = await fetch(`${orgUrl}/services/oauth2/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      response_type: 'code',
      client_id: 'SidecarDevorg',
      redirect_uri: redirectUri,
      username: 'admin@sidecar.devorg',
      password: 'sidecar',
      action: 'allow',
    }),
  });
  assert.equal(login.status, 302);
  const code = new URL(login.headers.get('location')).searchParams.get('code');
  assert.ok(code, 'the admin login redirects with a code');
  const token = await fetch(`${orgUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'SidecarDevorg', redirect_uri: redirectUri }),
  });
  assert.equal(token.status, 200);
  return (await token.json()).access_token;
}

/** Console errors other than the browser's own line for a failed (401) request. */
const realErrors = (errors) => errors.filter((e) => !e.includes('Failed to load resource'));

describe('login from the side panel', () => {
  let org;
  let ext;
  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg', '--session-ttl', String(SESSION_TTL_SECONDS)]);
    ext = await launchExtension();
    // The options page's choice, pointed at this test's devorg port.
    await ext.worker.evaluate((url) => chrome.storage.local.set({ loginHost: { kind: 'custom', url } }), org.url);
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  test('first open asks to log in; the OAuth flow completes and the header shows the user', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('side_panel.html'));
    await page.locator('[data-testid=login-prompt]').waitFor();
    assert.equal(await page.locator('[data-testid=login-host]').textContent(), `My Domain (${org.url})`);
    assert.equal(await page.getByRole('tab').count(), 0, 'nothing but the prompt before login');

    await page.getByRole('button', { name: 'Log in to Salesforce' }).click();
    await page.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-testid=user-name]').textContent(), 'Ian Wright');
    assert.equal(await page.locator('[data-testid=org-name]').textContent(), new URL(org.url).host);

    // Access token in session storage, refresh token on disk.
    const session = await ext.worker.evaluate(() => chrome.storage.session.get('sidecarAccess'));
    const local = await ext.worker.evaluate(() => chrome.storage.local.get('sidecarLogin'));
    assert.ok(session.sidecarAccess.accessToken, 'access token in chrome.storage.session');
    assert.equal(session.sidecarAccess.refreshToken, undefined);
    assert.ok(local.sidecarLogin.refreshToken, 'refresh token in chrome.storage.local');
    assert.equal(local.sidecarLogin.accessToken, undefined);
    assert.deepEqual(local.sidecarLogin.loginHost, { kind: 'custom', url: org.url });

    // Logged in: the frame's tabs work.
    await page.getByRole('tab', { name: 'To Do' }).click();
    await page.locator('[data-testid=screen-to-do]').waitFor();
    assert.equal(await page.getByRole('tab', { name: 'To Do' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('tab', { name: 'To Do' }).press('ArrowRight');
    await page.locator('[data-testid=screen-feed]').waitFor();
    await page.close();
    assert.deepEqual(realErrors(ext.errors), []);
  });

  test('after the access token expired, the panel works again after exactly one refresh', async () => {
    await new Promise((r) => setTimeout(r, (SESSION_TTL_SECONDS + 1) * 1000));
    const page = await ext.context.newPage();
    const grants = [];
    page.on('request', (request) => {
      if (request.url() === `${org.url}/services/oauth2/token`) grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type'));
    });
    // userinfo and the org switch go out together, both get 401: one shared refresh.
    await page.goto(ext.pageUrl('side_panel.html'));
    await page.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-testid=user-name]').textContent(), 'Ian Wright');
    assert.deepEqual(grants, ['refresh_token'], 'one refresh, no new login');
    assert.equal(await page.locator('[data-testid=login-prompt]').count(), 0);
    await page.close();
    assert.deepEqual(realErrors(ext.errors), []);
  });

  test('with Sidecar turned off for the org, the panel only shows the admin message', async () => {
    const token = await adminToken(org.url);
    const api = `${org.url}/services/data/v62.0`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const rows = await (await fetch(`${api}/query?q=${encodeURIComponent('SELECT Id FROM Sidecar_Settings__c')}`, { headers })).json();
    assert.equal(rows.records.length, 1);
    const patch = await fetch(`${api}/sobjects/Sidecar_Settings__c/${rows.records[0].Id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ Use_Across_The_Web__c: false }),
    });
    assert.equal(patch.status, 204);

    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('side_panel.html'));
    await page.locator('[data-testid=org-turned-off]').waitFor({ timeout: 20_000 });
    assert.equal(
      await page.locator('[data-testid=org-turned-off]').textContent(),
      'Your Salesforce admin has turned off Sidecar for your org.',
    );
    assert.equal(await page.getByRole('tab').count(), 0);
    assert.equal(await page.locator('[data-testid=login]').count(), 0);
    await page.close();
    assert.deepEqual(realErrors(ext.errors), []);
  });
});
