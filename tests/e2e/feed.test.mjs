// My Feed against devorg's demo org: an Engagement_Event__c inserted
// through the REST API while the panel shows the feed raises the toolbar
// badge at the worker's next poll and shows the "New alerts - Refresh"
// prompt (the list does not reshuffle by itself); after Refresh the alert
// is on top, opens its person on Home, and once dismissed stays gone after
// the panel is reopened.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

const REFRESH_ALARM = 'sidecar-refresh';

describe('My Feed', () => {
  let org;
  let ext;
  let api;
  let panel;
  let eventId;
  let maria;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    [maria] = await api.query("SELECT Id FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 1, notify: false } });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const openFeed = async () => {
    await panel.locator('#tab-feed').click();
    await panel.locator('[data-testid=feed-list], [data-testid=feed-empty]').first().waitFor({ timeout: 20_000 });
  };
  const badge = () => ext.worker.evaluate(() => chrome.action.getBadgeText({}));
  const poll = () => ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 50 }), REFRESH_ALARM);

  test('the feed lists the demo alerts, newest first, and looking at them clears the badge', async () => {
    await openFeed();
    assert.ok((await panel.locator('[data-testid=feed-alert]').count()) > 0, 'the demo org has engagement');
    assert.ok((await panel.locator('[data-testid=feed-alert]').count()) <= 15, 'the first page holds 15');
    assert.equal(await eventually(async () => (await badge()) === ''), true, 'seen: no badge');
  });

  test('a new engagement raises the badge at the next poll and offers a Refresh instead of reshuffling', async () => {
    const firstKey = await panel.locator('[data-testid=feed-alert]').first().getAttribute('data-key');
    const { status, body } = await api.post('/sobjects/Engagement_Event__c', {
      Type__c: 'Web Visit', Occurred_At__c: new Date().toISOString(), Contact__c: maria.Id, Url__c: 'https://acmerobotics.com/pricing',
    });
    assert.equal(status, 201, JSON.stringify(body));
    eventId = body.id;
    await poll();
    assert.equal(await eventually(async () => (await badge()) === '1', { timeout: 20_000 }), true, `badge: ${await badge()}`);
    await panel.locator('[data-testid=feed-refresh]', { hasText: 'New alerts - Refresh' }).waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator('[data-testid=feed-alert]').first().getAttribute('data-key'), firstKey, 'the list stayed put');

    await panel.locator('[data-testid=feed-refresh]').click();
    const top = panel.locator('[data-testid=feed-alert]').first();
    await panel.locator(`[data-testid=feed-alert][data-key="event:${eventId}"]`).waitFor();
    assert.equal(await top.getAttribute('data-key'), `event:${eventId}`, 'the new alert is on top');
    assert.match(await top.textContent(), /Maria Chen/);
    assert.equal(await eventually(async () => (await badge()) === ''), true, 'seen again: no badge');
  });

  test('an alert opens its person on Home', async () => {
    await panel.locator(`[data-testid=feed-alert][data-key="event:${eventId}"] [data-testid=feed-open]`).click();
    await panel.locator(`[data-testid=record-view][data-id="${maria.Id}"]`).waitFor();
  });

  test('a dismissed alert stays gone after the panel is reopened', async () => {
    await openFeed();
    const alert = panel.locator(`[data-testid=feed-alert][data-key="event:${eventId}"]`);
    await alert.locator('[data-testid=feed-dismiss]').click();
    await alert.waitFor({ state: 'detached' });
    await panel.reload();
    await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    await openFeed();
    assert.equal(await panel.locator(`[data-testid=feed-alert][data-key="event:${eventId}"]`).count(), 0);
    assert.ok((await panel.locator('[data-testid=feed-alert]').count()) > 0, 'the others are still there');
    assert.deepEqual(ext.errors, []);
  });
});
