// Contextual insights against devorg's /demo/ pages (served on loopback,
// which the manifest may read): the company page shows its Account; the
// team page shows the known Contact and Lead and offers the new people,
// one of whom is added as a Lead through its prefilled form (checked through the API; the toast's Undo deletes it) and matched on
// the next visit, another as a Contact of the matched Account; a press
// release with a contact's new title offers the update and saves it in one
// request; "Wrong match?" searches the org; the unknown company's page
// offers to add it. Every page
// visit sends exactly one search to the org, and no request carries page
// text other than the search terms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchExtension, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

describe('contextual insights', () => {
  let org;
  let ext;
  let api;
  let panel;
  let tab;
  /** Requests the panel sent to the org's REST API, by kind. */
  const searches = [];
  const bodies = [];
  const patches = [];

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    ext = await launchExtension();
    await ext.worker.evaluate((url) => chrome.storage.local.set({
      loginHost: { kind: 'custom', url },
      privacy: { contextualInsights: true, blockedSites: [], inIncognito: false },
    }), org.url);
    panel = await ext.context.newPage();
    panel.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.includes('/search') || u.pathname.includes('/parameterizedSearch')) searches.push(decodeURIComponent(u.search));
      if (r.postData()) bodies.push(r.postData());
      if (r.method() === 'PATCH') patches.push(u.pathname);
    });
    await panel.goto(ext.pageUrl('side_panel.html'));
    await panel.getByRole('button', { name: 'Log in to Salesforce' }).click();
    await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    tab = await ext.context.newPage();
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  /** Opens a demo page in the other tab, makes it active, and waits for the panel's answer. */
  const visit = async (path) => {
    const before = searches.length;
    await tab.goto(`${org.url}/demo/${path}`);
    await tab.bringToFront();
    await panel.locator('[data-testid=insight-matches], [data-testid=insight-candidates], [data-testid=insights-empty], [data-testid=insights-error]')
      .first().waitFor({ timeout: 20_000 });
    const error = panel.locator('[data-testid=insights-error]');
    assert.equal(await error.count(), 0, (await error.count()) ? await error.textContent() : '');
    return () => searches.length - before;
  };
  const matches = async () => panel.locator('[data-testid=insight-match]').evaluateAll((els) => els.map((e) => `${e.dataset.object}:${e.querySelector('.insight-name').textContent}`));
  const candidates = async () => panel.locator('[data-testid=insight-candidate]').evaluateAll((els) => els.map((e) => e.dataset.name));

  test("the company page shows its Account, with one search", async () => {
    const sent = await visit('acme-robotics/index.html');
    const found = await matches();
    assert.ok(found.includes('Account:Acme Robotics'), found.join(', '));
    assert.match(await panel.locator('[data-testid=insight-match][data-object=Account] [data-testid=insight-why]').first().textContent(), /Same (website domain|LinkedIn profile)/);
    assert.equal(sent(), 1, 'exactly one search for the visit');
  });

  test('the team page shows the known people and offers the new ones; an added Lead is found on the next visit', async () => {
    let sent = await visit('acme-robotics/team.html');
    const found = await matches();
    assert.ok(found.includes('Contact:Maria Chen'), found.join(', '));
    assert.ok(found.includes('Lead:David Okafor'), found.join(', '));
    const offered = await candidates();
    assert.ok(offered.includes('Priya Raman') && offered.includes('Tom Becker'), offered.join(', '));
    assert.equal(sent(), 1);

    // "Add as Lead" opens a short form, prefilled from the page; nothing is created yet.
    const priya = panel.locator('[data-testid=insight-candidate][data-name="Priya Raman"]');
    const leadsNamed = async () => api.query("SELECT Id FROM Lead WHERE Email = 'priya.raman@acmerobotics.com'");
    await priya.locator('[data-testid=insight-add]').click();
    await priya.locator('[data-testid=insight-add-form]').waitFor();
    assert.equal(await priya.locator('[data-testid=add-LastName]').inputValue(), 'Raman');
    assert.equal(await priya.locator('[data-testid=add-Company]').inputValue(), 'Acme Robotics');
    assert.equal((await leadsNamed()).length, 0, 'the form creates nothing until saved');
    // Cancel, then again: edited before saving.
    await priya.locator('[data-testid=insight-add-cancel]').click();
    await priya.locator('[data-testid=insight-add]').click();
    await priya.locator('[data-testid=add-Title]').fill('Head of Partnerships');
    await priya.locator('[data-testid=insight-add-save]').click();
    await panel.locator('[data-testid=toast]', { hasText: 'Priya Raman was added as a Lead.' }).waitFor();
    await panel.locator('[data-testid=insight-match][data-object=Lead]', { hasText: 'Priya Raman' }).waitFor();
    const [lead] = await api.query("SELECT FirstName, LastName, Email, Company, Title, LeadSource FROM Lead WHERE Email = 'priya.raman@acmerobotics.com'");
    assert.deepEqual([lead.FirstName, lead.LastName, lead.Company, lead.Title, lead.LeadSource], ['Priya', 'Raman', 'Acme Robotics', 'Head of Partnerships', 'Web']);

    // Undo deletes it; added again, it stays.
    await panel.locator('[data-testid=toast-undo]').click();
    await panel.locator('[data-testid=insight-notice]', { hasText: 'Priya Raman was removed from Salesforce.' }).waitFor();
    assert.equal((await leadsNamed()).length, 0, 'Undo deleted the Lead');
    await priya.locator('[data-testid=insight-add]').click();
    await priya.locator('[data-testid=insight-add-save]').click();
    await panel.locator('[data-testid=insight-match][data-object=Lead]', { hasText: 'Priya Raman' }).waitFor();
    await panel.locator('[data-testid=toast-close]').click();
    assert.equal((await leadsNamed()).length, 1);

    await tab.goto('about:blank');
    sent = await visit('acme-robotics/team.html');
    assert.ok((await matches()).includes('Lead:Priya Raman'));
    assert.ok(!(await candidates()).includes('Priya Raman'));
    assert.ok(sent() <= 1, 'a revisit is served from the session cache or one search');
  });

  test("a matched account shows its open opportunities and contacts; a call is logged from a match", async () => {
    await visit('acme-robotics/index.html');
    const contacts = panel.locator('[data-testid=account-contacts]');
    await contacts.waitFor();
    assert.match(await contacts.textContent(), /Maria Chen/);
    await panel.locator('[data-testid=account-opportunities]').waitFor();

    await visit('acme-robotics/team.html');
    const maria = panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Maria Chen' });
    const mariaId = await maria.getAttribute('data-id');
    const callsOf = () => api.query(`SELECT Id, Status, IsClosed FROM Task WHERE WhoId = '${mariaId}' AND TaskSubtype = 'Call' AND Subject = 'Call'`);
    const before = new Set((await callsOf()).map((t) => t.Id));
    await maria.locator('[data-testid=insight-log-call]').click();
    await panel.locator('[data-testid=insight-notice]', { hasText: 'Call logged.' }).waitFor();
    const logged = (await callsOf()).filter((t) => !before.has(t.Id));
    assert.equal(logged.length, 1, 'one call logged');
    assert.deepEqual([logged[0].Status, logged[0].IsClosed], ['Completed', true]);
  });

  test('"Wrong match?" lets the user say it is none of these, and it is remembered', async () => {
    await visit('acme-robotics/team.html');
    const david = panel.locator('[data-testid=insight-match][data-object=Lead]', { hasText: 'David Okafor' });
    await david.locator('[data-testid=insight-wrong]').click();
    await david.locator('[data-testid=insight-none]').click();
    await panel.locator('[data-testid=insight-candidate][data-name="David Okafor"]').waitFor();
    assert.ok(!(await matches()).includes('Lead:David Okafor'));
    await tab.goto('about:blank');
    await visit('acme-robotics/team.html');
    assert.ok(!(await matches()).includes('Lead:David Okafor'), 'the correction is remembered');
    const stored = await ext.worker.evaluate(() => chrome.storage.local.get('insightsCorrections'));
    assert.ok(JSON.stringify(stored).includes('david.okafor@acmerobotics.com'));
  });

  test("the unknown company's page offers to add it", async () => {
    const sent = await visit('umbrella-analytics/index.html');
    assert.ok((await candidates()).includes('Umbrella Analytics'), (await candidates()).join(', '));
    assert.equal(await panel.locator('[data-testid=insight-candidate][data-kind=company]').count() >= 1, true);
    assert.equal(sent(), 1);
  });

  test("a person on a matched Account's team page becomes a Contact of that Account, once", async () => {
    await visit('acme-robotics/team.html');
    const [acme] = await api.query("SELECT Id FROM Account WHERE Name = 'Acme Robotics'");
    const tom = panel.locator('[data-testid=insight-candidate][data-name="Tom Becker"]');
    await tom.locator('[data-testid=insight-add-contact]').click();
    const form = tom.locator('[data-testid=insight-add-form]');
    await form.waitFor();
    assert.equal(await form.getAttribute('aria-label'), 'New Contact');
    assert.equal(await tom.locator('[data-testid=add-LastName]').inputValue(), 'Becker');
    assert.equal(await tom.locator('[data-testid=add-Title]').inputValue(), 'Office Manager');
    await tom.locator('[data-testid=add-Title]').fill('Operations Manager');
    await tom.locator('[data-testid=insight-add-save]').click();
    await panel.locator('[data-testid=toast]', { hasText: 'Tom Becker was added as a Contact of Acme Robotics.' }).waitFor();
    const contacts = await api.query("SELECT FirstName, LastName, AccountId, Title FROM Contact WHERE LastName = 'Becker'");
    assert.equal(contacts.length, 1);
    assert.deepEqual([contacts[0].FirstName, contacts[0].AccountId, contacts[0].Title], ['Tom', acme.Id, 'Operations Manager']);
    await panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Tom Becker' }).waitFor();
    await panel.locator('[data-testid=toast-close]').click();

    // Without an e-mail to check by, the Account's Contacts are checked by name.
    await tom.locator('[data-testid=insight-add-contact]').click();
    await tom.locator('[data-testid=insight-add-save]').click();
    await panel.locator('[data-testid=insight-duplicate]', { hasText: 'Tom Becker is already in Salesforce (Contact).' }).waitFor();
    assert.equal((await api.query("SELECT Id FROM Contact WHERE LastName = 'Becker'")).length, 1, 'no second Contact');
  });

  test("a page showing Maria Chen's new title offers the update, and saving it changes her Title in one request", async () => {
    const [before] = await api.query("SELECT Id, Title FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
    assert.equal(before.Title, 'VP Engineering');
    await visit('acme-robotics/news.html');
    const maria = panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Maria Chen' });
    const update = maria.locator('[data-testid=insight-update]');
    await update.waitFor();
    const change = update.locator('[data-testid=insight-change][data-field=Title]');
    assert.equal((await change.textContent()).replace(/\s+/g, ' ').trim(), 'Title: VP Engineering → Chief Operating Officer');
    const patchesBefore = patches.length;
    await update.locator('[data-testid=insight-update-save]').click();
    await panel.locator('[data-testid=insight-notice]', { hasText: "Maria Chen's Title was updated." }).waitFor();
    assert.equal(patches.length - patchesBefore, 1, 'one request saves the update');
    const [after] = await api.query(`SELECT Title FROM Contact WHERE Id = '${before.Id}'`);
    assert.equal(after.Title, 'Chief Operating Officer');
    // Read again, the page and the record agree: nothing more to offer.
    await panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Maria Chen' }).waitFor();
    await panel.waitForFunction(() => !document.querySelector('[data-testid=insight-update]'));
  });

  test('"Wrong match?" searches the org for the right record', async () => {
    await visit('acme-robotics/team.html');
    const maria = panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Maria Chen' });
    await maria.locator('[data-testid=insight-wrong]').click();
    const search = maria.locator('[data-testid=insight-choose-search]');
    await search.fill('x');
    await maria.locator('[data-testid=insight-choose-go]').click();
    await maria.locator('[role=alert]', { hasText: 'Type at least 2 letters or digits to search.' }).waitFor();
    await search.fill('Jonas');
    await maria.locator('[data-testid=insight-choose-go]').click();
    const jonas = maria.locator('[data-testid=insight-choose-hit]', { hasText: 'Jonas Weber (Contact)' });
    await jonas.waitFor();
    assert.equal(await maria.locator('[data-testid=insight-choose-hit]', { hasText: '(Account)' }).count(), 0, 'a person is matched to a Contact or Lead');
    await jonas.click();
    const chosen = panel.locator('[data-testid=insight-match][data-object=Contact]', { hasText: 'Jonas Weber' });
    await chosen.waitFor();
    assert.match(await chosen.locator('[data-testid=insight-why]').textContent(), /You chose it/);
  });

  test('no request carries page text beyond the search terms', async () => {
    const pageText = ['Office Manager', 'San Francisco', 'Chief Technology Officer', 'Boston, MA'];
    for (const q of searches) for (const text of pageText) assert.ok(!q.includes(text), `search sent page text "${text}": ${q}`);
    for (const b of bodies) for (const text of ['Office Manager', 'Boston, MA']) assert.ok(!b.includes(text), `a request body carries "${text}"`);
    assert.deepEqual(ext.errors.filter((e) => e.startsWith('chrome-extension://')), [], 'no errors on the extension pages');
  });
});
