// One token refresh at a time across the extension's pages, against devorg
// with refresh token rotation on (as an admin turns on "Enable Refresh Token
// Rotation"): the side panel and the Workspace tab both find the access token
// expired at the same moment; exactly one of them refreshes (a Web Lock), the
// other uses the token it stored, and both stay logged in. Had both sent the
// same refresh token, the second would be a reuse of a rotated-out token and
// devorg, like Salesforce, would revoke the whole login, which the REST API
// checks below would show. Also: the words a rep sees when the org's app
// requires a client secret.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { rest } from './support/rest.mjs';

const SESSION_TTL_SECONDS = 3;

/** Console errors other than the browser's own line for a failed (401) request. */
const realErrors = (errors) => errors.filter((e) => !e.includes('Failed to load resource'));

describe('token refresh with rotation, two pages at once', () => {
  let org;
  let ext;
  before(async () => {
    org = await startDevorg([
      '--auto-approve', 'ian@sidecar.devorg',
      '--session-ttl', String(SESSION_TTL_SECONDS),
      '--oauth-rotation',
      '--oauth-client', 'SidecarWithSecret:s3cret',
    ]);
    ext = await launchExtension();
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const stored = async () => {
    const { sidecarLogin } = await ext.worker.evaluate(() => chrome.storage.local.get('sidecarLogin'));
    const { sidecarAccess } = await ext.worker.evaluate(() => chrome.storage.session.get('sidecarAccess'));
    return { refreshToken: sidecarLogin?.refreshToken, accessToken: sidecarAccess?.accessToken };
  };

  test('the side panel and the Workspace tab refresh an expired token once, and the login survives', async () => {
    const panel = await loggedInPanel(ext, org.url);
    const workspace = await ext.context.newPage();
    await workspace.goto(ext.pageUrl('workspace.html'));
    await workspace.locator('[data-testid=workspace-tab]').first().waitFor({ timeout: 20_000 });
    const first = await stored();
    assert.ok(first.refreshToken && first.accessToken);

    // Every token request of either page (and of the worker, through the context).
    const grants = [];
    ext.context.on('request', (request) => {
      if (request.url() === `${org.url}/services/oauth2/token`) grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type'));
    });
    await new Promise((r) => setTimeout(r, (SESSION_TTL_SECONDS + 1) * 1000));
    assert.equal((await rest(org.url, first.accessToken).call('GET', '/limits')).status, 401, 'the access token expired');

    // Both pages start over at the same moment: each asks the org, gets 401, and wants a refresh.
    await Promise.all([panel.reload(), workspace.reload()]);
    await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('[data-testid=user-name]').textContent(), 'Ian Wright');
    await workspace.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
    assert.match(await workspace.locator('[data-testid=header-line]').textContent(), /^Welcome, Ian\./);
    assert.equal(await panel.locator('[data-testid=login-prompt]').count(), 0);
    assert.deepEqual(grants, ['refresh_token'], 'one refresh for both pages, no new login');

    // The org's view: the rotated refresh token was stored, and the login (its family) is alive.
    const now = await stored();
    assert.notEqual(now.refreshToken, first.refreshToken, 'rotation: a new refresh token, and it was kept');
    assert.notEqual(now.accessToken, first.accessToken);
    const api = rest(org.url, now.accessToken);
    assert.equal((await api.call('GET', '/limits')).status, 200, 'the new access token works');
    const refresh = await fetch(`${org.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: now.refreshToken, client_id: 'SidecarDevorg' }),
    });
    assert.equal(refresh.status, 200, `the stored refresh token is still live: ${await refresh.clone().text()}`);
    assert.ok((await refresh.json()).refresh_token, 'and rotates again');
    assert.equal((await api.call('GET', '/limits')).status, 200, 'nothing of the family was revoked');

    await panel.close();
    await workspace.close();
    assert.deepEqual(realErrors(ext.errors), []);
  });

  test('an app that requires its client secret gets a message for the admin', async () => {
    await ext.worker.evaluate(() => chrome.storage.local.set({ clientId: 'SidecarWithSecret' }));
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('side_panel.html'));
    // Logged in already (the rotated session above): log out through the options' storage.
    await ext.worker.evaluate(() => Promise.all([chrome.storage.local.remove('sidecarLogin'), chrome.storage.session.remove('sidecarAccess')]));
    await page.reload();
    await page.getByRole('button', { name: 'Log in to Salesforce' }).click();
    const prompt = page.locator('[data-testid=login-prompt]');
    await prompt.getByText('Require Secret for Web Server Flow', { exact: false }).waitFor({ timeout: 20_000 });
    const text = await prompt.textContent();
    assert.match(text, /Ask your Salesforce admin to turn off "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow"/);
    await page.close();
  });
});
