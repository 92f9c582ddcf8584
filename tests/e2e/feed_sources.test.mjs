// My Feed on an org as Salesforce ships it: devorg started with the
// real-org describes (SIDECAR_E2E_DESCRIBES) and without our custom
// Engagement_Event__c (`--without`, which Salesforce shows the same way as
// an object the user may not read). Salesforce's own records raise the
// alerts: a tracked email opened (its tracking fields set through the API),
// a reply to another (an incoming EmailMessage with its sender's relation)
// and a lead a colleague reassigned to the user (the LeadHistory rows the
// org writes, checked through the API). Each raises the badge at the next
// poll; the alert and a clicked desktop notification open the person. The
// options page says which sources are on and why Engagement Events are not.
// Then, on a second org with Engagement_Event__c, clicks and visits show too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { loginAs, restSession } from './support/rest.mjs';

const REFRESH_ALARM = 'sidecar-refresh';

/** The feed tab of `panel`, loaded. */
async function openFeed(panel) {
  await panel.locator('#tab-feed').click();
  await panel.locator('[data-testid=feed-list], [data-testid=feed-empty]').first().waitFor({ timeout: 20_000 });
}

const badgeOf = (ext) => ext.worker.evaluate(() => chrome.action.getBadgeText({}));
const pollNow = (ext) => ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 50 }), REFRESH_ALARM);

describe('My Feed from EmailMessage and field history, without Engagement_Event__c', () => {
  let org;
  let ext;
  let api;
  let panel;
  let opened; // { email, personId, personName }
  let replied; // { email, personId }
  let lead; // { Id, Name }
  let historyId;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg', '--without', 'Engagement_Event__c']);
    api = await restSession(org.url);
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 1, notify: false } });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  /** Ian's tracked emails to a contact, never opened, with their recipient. */
  async function unopenedEmails() {
    const emails = await api.query(
      `SELECT Id, Subject, (SELECT RelationId, Relation.Name FROM EmailMessageRelations WHERE RelationType = 'ToAddress' AND RelationObjectType = 'Contact') ` +
        `FROM EmailMessage WHERE CreatedById = '${api.userId}' AND Incoming = false AND IsTracked = true AND FirstOpenedDate = null AND IsBounced = false ORDER BY MessageDate DESC`,
    );
    return emails
      .filter((e) => e.EmailMessageRelations?.records?.length)
      .map((e) => ({ email: e, personId: e.EmailMessageRelations.records[0].RelationId, personName: e.EmailMessageRelations.records[0].Relation.Name }));
  }

  test('the feed loads from Salesforce\'s own records, and Engagement Events are not asked for', async () => {
    assert.equal((await api.get('/sobjects/Engagement_Event__c/describe')).status, 404, 'the org has no Engagement_Event__c for this user');
    await openFeed(panel);
    assert.ok((await panel.locator('[data-testid=feed-alert]').count()) > 0, 'the demo org\'s tracked emails and reassignments');
    assert.equal(await panel.locator('[data-testid=feed-error]').count(), 0);
    assert.equal(await eventually(async () => (await badgeOf(ext)) === ''), true, 'seen: no badge');
  });

  test('an open, a reply and a reassignment each raise an alert and the badge at the next poll', async () => {
    const candidates = await unopenedEmails();
    assert.ok(candidates.length >= 2, `two unopened tracked emails to contacts: ${candidates.length}`);
    [opened, replied] = candidates;
    const now = new Date().toISOString();

    // The recipient opens the first email: Salesforce's tracking sets these fields.
    const patch = await api.patch(`/sobjects/EmailMessage/${opened.email.Id}`, { IsOpened: true, FirstOpenedDate: now, LastOpenedDate: now });
    assert.equal(patch.status, 204, JSON.stringify(patch.body));

    // The second one's recipient replies.
    const reply = await api.post('/sobjects/EmailMessage', {
      Subject: `Re: ${replied.email.Subject}`, TextBody: 'Sounds good, let us talk.', Incoming: true, Status: '0', MessageDate: now,
      ReplyToEmailMessageId: replied.email.Id, FromAddress: 'someone@example.com', ToAddress: 'ian@sidecar.devorg',
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const relation = await api.post('/sobjects/EmailMessageRelation', { EmailMessageId: reply.body.id, RelationId: replied.personId, RelationType: 'FromAddress' });
    assert.equal(relation.status, 201, JSON.stringify(relation.body));

    // A colleague hands one of her leads to Ian.
    const maya = await loginAs(org.url, 'maya@sidecar.devorg');
    const [mayaUser] = await maya.query("SELECT Id FROM User WHERE Username = 'maya@sidecar.devorg'");
    [lead] = await maya.query(`SELECT Id, Name FROM Lead WHERE OwnerId = '${mayaUser.Id}' AND IsConverted = false ORDER BY Name LIMIT 1`);
    assert.ok(lead, 'Maya owns a lead');
    const handover = await maya.patch(`/sobjects/Lead/${lead.Id}`, { OwnerId: api.userId });
    assert.equal(handover.status, 204, JSON.stringify(handover.body));
    const rows = await api.query(`SELECT Id, NewValue, CreatedById FROM LeadHistory WHERE LeadId = '${lead.Id}' AND Field = 'Owner' ORDER BY CreatedDate DESC`);
    const idRow = rows.find((r) => r.NewValue === api.userId);
    assert.ok(idRow, `the org recorded the change with ids: ${JSON.stringify(rows)}`);
    assert.equal(idRow.CreatedById, mayaUser.Id, 'by Maya');
    historyId = idRow.Id;

    await pollNow(ext);
    assert.equal(await eventually(async () => (await badgeOf(ext)) === '3', { timeout: 20_000 }), true, `badge: ${await badgeOf(ext)}`);
    await panel.locator('[data-testid=feed-refresh]').click({ timeout: 20_000 });
    const alert = (key) => panel.locator(`[data-testid=feed-alert][data-key="${key}"]`);
    await alert(`email:${opened.email.Id}`).waitFor();
    assert.match(await alert(`email:${opened.email.Id}`).textContent(), new RegExp(`${opened.personName}.*Opened - 1 open`));
    assert.match(await alert(`email:${replied.email.Id}`).locator('[data-testid=feed-summary]').textContent(), /^Replied - /);
    assert.match(await alert(`event:${historyId}`).textContent(), new RegExp(`${lead.Name}.*Assigned to you`));
    const top = await panel.locator('[data-testid=feed-alert]').evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-key')));
    assert.deepEqual(new Set(top), new Set([`email:${opened.email.Id}`, `email:${replied.email.Id}`, `event:${historyId}`]), 'the three are the newest');
    assert.equal(await eventually(async () => (await badgeOf(ext)) === ''), true, 'seen again: no badge');
  });

  test('the reassignment opens the lead, and a clicked notification opens the person', async () => {
    await panel.locator(`[data-testid=feed-alert][data-key="event:${historyId}"] [data-testid=feed-open]`).click();
    await panel.locator(`[data-testid=record-view][data-id="${lead.Id}"]`).waitFor();

    // A desktop notification cannot be clicked from a test: the worker's
    // click listener is called as Chrome calls it.
    await ext.worker.evaluate((id) => globalThis.sidecarOpenFromNotification(id), `email:${opened.email.Id}|Contact|${opened.personId}`);
    await panel.locator(`[data-testid=record-view][data-id="${opened.personId}"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(ext.errors, []);
  });

  test('the options page says which sources are on, and why Engagement Events are not', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    const sources = page.locator('[data-testid=feed-source]');
    await sources.first().waitFor({ timeout: 20_000 });
    const list = await sources.evaluateAll((els) => els.map((e) => ({ active: e.getAttribute('data-active'), text: e.textContent })));
    assert.equal(list.length, 3, JSON.stringify(list));
    assert.match(list[0].text, /Email opens, bounces and replies.*email tracking/);
    assert.equal(list[0].active, 'true');
    assert.match(list[1].text, /Records assigned to you.*Lead: reassigned to you \(from LeadHistory, where its Owner changes are tracked\)/);
    assert.equal(list[1].active, 'true');
    assert.match(list[2].text, /Link clicks and web visits.*aren't in your org, or your profile can't read them/);
    assert.equal(list[2].active, 'false');
    await page.close();
  });
});

describe('My Feed with Engagement_Event__c: clicks and visits too', () => {
  let org;
  let ext;
  let api;
  let panel;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { feed: { pollMinutes: 1, notify: false } });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  test('a link click on a tracked email and a web visit show beside the email\'s own opens', async () => {
    await openFeed(panel);
    const [contact] = await api.query("SELECT Id, Name FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
    // An email nobody opened yet: what the alert counts is then only what this test adds.
    const [email] = await api.query(
      `SELECT Id FROM EmailMessage WHERE CreatedById = '${api.userId}' AND IsTracked = true AND Incoming = false AND FirstOpenedDate = null AND IsBounced = false ORDER BY MessageDate DESC LIMIT 1`,
    );
    const now = new Date().toISOString();
    // Salesforce's tracking records the open; the marketing tool writes its own copy of it, and the click.
    const opened = await api.patch(`/sobjects/EmailMessage/${email.Id}`, { IsOpened: true, FirstOpenedDate: now, LastOpenedDate: now });
    assert.equal(opened.status, 204, JSON.stringify(opened.body));
    const open = await api.post('/sobjects/Engagement_Event__c', { Type__c: 'Email Open', Occurred_At__c: now, Contact__c: contact.Id, Email_Message__c: email.Id });
    const click = await api.post('/sobjects/Engagement_Event__c', { Type__c: 'Link Click', Occurred_At__c: now, Contact__c: contact.Id, Email_Message__c: email.Id, Url__c: 'https://acmerobotics.com/pricing' });
    const visit = await api.post('/sobjects/Engagement_Event__c', { Type__c: 'Web Visit', Occurred_At__c: now, Contact__c: contact.Id, Url__c: 'https://acmerobotics.com/demo' });
    for (const r of [open, click, visit]) assert.equal(r.status, 201, JSON.stringify(r.body));

    await pollNow(ext);
    await panel.locator('[data-testid=feed-refresh]').click({ timeout: 20_000 });
    const emailAlert = panel.locator(`[data-testid=feed-alert][data-key="email:${email.Id}"]`);
    await emailAlert.waitFor();
    assert.equal(await emailAlert.locator('[data-testid=feed-summary]').textContent(), 'Clicked - 1 open, 1 click', 'the click counts; the tool\'s copy of the open does not');
    const visitAlert = panel.locator(`[data-testid=feed-alert][data-key="event:${visit.body.id}"]`);
    assert.match(await visitAlert.textContent(), /Maria Chen.*Visited - acmerobotics\.com\/demo/);

    const page = await ext.context.newPage();
    await page.goto(ext.pageUrl('options.html'));
    await page.locator('[data-testid=feed-source]').nth(2).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-testid=feed-source]').nth(2).getAttribute('data-active'), 'true');
    assert.deepEqual(ext.errors, []);
  });
});
