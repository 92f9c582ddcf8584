// The org's switch for Sidecar (the Sidecar_Settings__c hierarchy custom
// setting) turned off at Ian's profile by the admin through the REST API:
// the side panel and the Workspace show the admin's message instead of
// Sidecar, and the worker's background poll stops (no feed query reaches
// devorg, whose request log says what arrived, and no badge). A rep without
// the Sidecar User permission set cannot read the switch: asked to get it,
// with nothing else read.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { loginAs } from './support/rest.mjs';

const REFRESH_ALARM = 'sidecar-refresh';
const OFF_FOR_YOU = 'Your Salesforce admin has turned off Sidecar for you.';

describe('the org switch, off at profile level', () => {
  let org;
  let ext;
  let panel;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg', '--log-requests']);
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 1, notify: false } });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const badge = () => ext.worker.evaluate(() => chrome.action.getBadgeText({}));
  const poll = () => ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 50 }), REFRESH_ALARM);
  /** The SOQL of the queries devorg received since request number `from`. */
  const queriesSince = (from) =>
    org.requests
      .slice(from)
      .filter((r) => r.startsWith('GET /services/data/v62.0/query?q='))
      .map((r) => decodeURIComponent(r.slice(r.indexOf('q=') + 2).replaceAll('+', ' ')));

  /** My Feed's queries go in composite requests. */
  const isFeedPoll = (r) => r.startsWith('POST /services/data/v62.0/composite');

  test('while on, a poll reads the switch, then the feed, and raises the badge', async () => {
    const from = org.requests.length;
    await poll();
    const since = () => org.requests.slice(from);
    const feed = await eventually(async () => since().findIndex(isFeedPoll) + 1, { timeout: 20_000 });
    assert.ok(feed, `the feed was polled: ${JSON.stringify(since())}`);
    const switchQuery = since().findIndex((r) => r.includes('Sidecar_Settings__c'));
    assert.ok(switchQuery >= 0 && switchQuery < feed - 1, `the switch is asked first: ${JSON.stringify(since())}`);
    assert.ok(await eventually(async () => (await badge()) !== ''), 'the demo has unseen alerts');
  });

  test('off for Ian\'s profile: no poll, no badge; the panel and the Workspace show the message', async () => {
    const admin = await loginAs(org.url, 'admin@sidecar.devorg');
    const [ian] = await admin.query("SELECT Id, ProfileId FROM User WHERE Username = 'ian@sidecar.devorg'");
    assert.ok(ian.ProfileId.startsWith('00e'), ian.ProfileId);
    const created = await admin.post('/sobjects/Sidecar_Settings__c', { Name: 'Standard User', SetupOwnerId: ian.ProfileId, Use_Across_The_Web__c: false });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // The org-wide row still says on: the profile's row decides.
    const rows = await admin.query('SELECT SetupOwnerId, Use_Across_The_Web__c FROM Sidecar_Settings__c ORDER BY SetupOwnerId');
    assert.deepEqual(rows.map((r) => [r.SetupOwnerId.slice(0, 3), r.Use_Across_The_Web__c]), [['00D', true], ['00e', false]]);

    const from = org.requests.length;
    await poll();
    await eventually(async () => queriesSince(from).some((q) => q.includes('FROM Sidecar_Settings__c')), { timeout: 20_000 });
    assert.equal(await eventually(async () => (await badge()) === ''), true, `no badge: ${await badge()}`);
    // Give a (wrong) feed query time to arrive; none may.
    await new Promise((r) => setTimeout(r, 1500));
    const asked = queriesSince(from);
    assert.deepEqual(asked.filter((q) => !q.includes('FROM Sidecar_Settings__c')), [], 'nothing but the switch was asked');
    assert.deepEqual(org.requests.slice(from).filter(isFeedPoll), [], 'no feed poll');

    // The open panel was told at the poll: the admin's message, no screens.
    await panel.locator('[data-testid=org-turned-off]').waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('[data-testid=org-turned-off]').textContent(), OFF_FOR_YOU);
    assert.equal(await panel.getByRole('tab').count(), 0, 'no Home, To Do or My Feed');

    // Opened again, the panel and the Workspace ask the switch themselves.
    const beforePages = org.requests.length;
    await panel.reload();
    await panel.locator('[data-testid=org-turned-off]').waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('[data-testid=org-turned-off]').textContent(), OFF_FOR_YOU);
    assert.equal(await panel.getByRole('tab').count(), 0, 'no Home, To Do or My Feed');

    const workspace = await ext.context.newPage();
    await workspace.goto(ext.pageUrl('workspace.html'));
    await workspace.locator('[data-testid=org-turned-off]').waitFor({ timeout: 20_000 });
    assert.equal(await workspace.locator('[data-testid=org-turned-off]').textContent(), OFF_FOR_YOU);
    assert.equal(await workspace.locator('[data-testid=workspace-body]').count(), 0, 'no grid');
    await new Promise((r) => setTimeout(r, 500));
    const pages = queriesSince(beforePages);
    assert.deepEqual(pages.filter((q) => !q.includes('FROM Sidecar_Settings__c')), [], `the pages read no records: ${JSON.stringify(pages)}`);
    await workspace.close();
    assert.deepEqual(ext.errors.filter((e) => !e.includes('Failed to load resource')), []);
  });
});

describe('the org switch, unreadable', () => {
  let org;
  let ext;
  before(async () => {
    org = await startDevorg(['--auto-approve', 'pat@sidecar.devorg', '--log-requests']);
    ext = await launchExtension();
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  test('a Standard User without the Sidecar User permission set is asked to get it, and Sidecar stays idle', async () => {
    const admin = await loginAs(org.url, 'admin@sidecar.devorg');
    const [standard] = await admin.query("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const created = await admin.post('/sobjects/User', {
      Username: 'pat@sidecar.devorg', LastName: 'Pat', Alias: 'pat', Email: 'pat@sidecar.devorg', TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', EmailEncodingKey: 'UTF-8', ProfileId: standard.Id, IsActive: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const from = org.requests.length;
    const panel = await ext.context.newPage();
    await ext.worker.evaluate((url) => chrome.storage.local.set({ loginHost: { kind: 'custom', url } }), org.url);
    await panel.goto(ext.pageUrl('side_panel.html'));
    await panel.getByRole('button', { name: 'Log in to Salesforce' }).click();
    await panel.locator('[data-testid=org-turned-off]').waitFor({ timeout: 20_000 });
    assert.equal(
      await panel.locator('[data-testid=org-turned-off]').textContent(),
      "Sidecar can't read your org's Sidecar settings. Ask your Salesforce admin to assign you the Sidecar User permission set.",
    );
    assert.equal(await panel.getByRole('tab').count(), 0);
    // The switch answered INVALID_TYPE, describeGlobal lists Engagement_Event__c: nothing else was read.
    const asked = org.requests.slice(from).filter((r) => r.includes('/query') || r.includes('/sobjects'));
    const what = asked.map((r) => decodeURIComponent(r));
    assert.ok(what.some((r) => r.includes('FROM Sidecar_Settings__c')), JSON.stringify(what));
    assert.ok(what.some((r) => r.endsWith('/sobjects')), JSON.stringify(what));
    assert.deepEqual(what.filter((r) => !/FROM (Sidecar_Settings__c|User)\b/.test(r) && !r.endsWith('/sobjects')), []);
    await panel.close();
  });
});
