// My Feed's paging as the user scrolls, against devorg's demo org with 50
// more web visits than it ships: each scroll to the bottom shows 15 more
// (15, 30, 45), and a filter or an order chosen after paging is still the
// one shown after the next scroll. Before the fix one scroll to the bottom
// loaded every alert (88 at once here): Chrome's scroll anchoring kept the
// view at the bottom as each page was added, which fired another scroll at
// the bottom, which asked for another page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

const VISITS = 50;

describe('My Feed paging', () => {
  let org;
  let ext;
  let api;
  let panel;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    const [maria] = await api.query("SELECT Id FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
    // One visit a minute, the newest a minute ago: all in the 30-day window.
    const now = Date.now();
    const records = Array.from({ length: VISITS }, (_, i) => ({
      attributes: { type: 'Engagement_Event__c' },
      Type__c: 'Web Visit',
      Occurred_At__c: new Date(now - (i + 1) * 60_000).toISOString(),
      Contact__c: maria.Id,
      Url__c: `https://acmerobotics.com/page-${i}`,
    }));
    const { status, body } = await api.post('/composite/sobjects', { allOrNone: true, records });
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(body.every((r) => r.success), JSON.stringify(body));
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 60, notify: false } });
    // As narrow and short as a side panel: 15 alerts overflow it.
    await panel.setViewportSize({ width: 400, height: 600 });
    await panel.locator('#tab-feed').click();
    await panel.locator('[data-testid=feed-list]').waitFor({ timeout: 20_000 });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const alerts = (page) => page.locator('[data-testid=feed-alert]');
  const count = () => alerts(panel).count();
  /** Ten animation frames: scroll events fire once a frame, so a page any later scroll event added shows by then. */
  const frames = () => panel.evaluate(() => new Promise((done) => {
    let n = 0;
    const next = () => (++n >= 10 ? done() : requestAnimationFrame(next));
    requestAnimationFrame(next);
  }));
  /** Scrolls to the bottom once, waits until at least `want` alerts show, lets the page settle; answers how many show. */
  const scrollUntil = async (want) => {
    await panel.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await eventually(async () => (await count()) >= want, { timeout: 5_000 });
    await frames();
    return count();
  };
  const kindsShown = () => alerts(panel).evaluateAll((list) => [...new Set(list.map((li) => [...li.classList].find((c) => c.startsWith('kind-'))))]);

  test('each scroll to the bottom shows 15 more: 15, 30, 45', async () => {
    assert.equal(await count(), 15, 'the first page');
    assert.equal(await scrollUntil(30), 30, 'the second page after the first scroll');
    assert.equal(await scrollUntil(45), 45, 'the third page after the second scroll');
    assert.equal(await panel.locator('[data-testid=feed-more]').count(), 1, 'more are left');
  });

  test('a filter chosen after paging stays on as the user scrolls', async () => {
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.locator('[data-testid=feed-kind-visit]').click();
    await eventually(async () => (await count()) === 15);
    assert.equal(await count(), 15, 'a new filter starts at the first page');
    assert.equal(await scrollUntil(30), 30, 'the filtered list pages too');
    assert.equal(await panel.locator('[data-testid=feed-kind-visit]').getAttribute('aria-pressed'), 'true', 'the filter is still on');
    assert.deepEqual(await kindsShown(), ['kind-visit'], 'only visits show');
  });

  test('an order chosen after paging stays as the user scrolls', async () => {
    await panel.evaluate(() => window.scrollTo(0, 0));
    const first = () => alerts(panel).first().getAttribute('data-key');
    const newest = await first();
    await panel.locator('[data-testid=feed-order]').selectOption('oldest');
    await eventually(async () => (await count()) === 15 && (await first()) !== newest);
    const oldest = await first();
    assert.notEqual(oldest, newest, 'the oldest visit is now first');
    assert.equal(await scrollUntil(30), 30);
    assert.equal(await first(), oldest, 'still oldest first');
    assert.equal(await panel.locator('[data-testid=feed-order]').inputValue(), 'oldest');
    assert.deepEqual(await kindsShown(), ['kind-visit'], 'and still only visits');
    assert.deepEqual(ext.errors, []);
  });
});
