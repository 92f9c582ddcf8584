// The instruction box against devorg: on the Acme Robotics page (its
// Account matched exactly), "log a call: pricing, follow up in 2 weeks"
// creates a completed call and an open follow-up (checked through the
// API); on one of its opportunities, "stage negotiation, close date next
// friday, amount 50k" previews three changes, saves them in ONE request,
// and Ctrl+Z takes them back. No request carries the instruction's text:
// only the values saved reach the org.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

describe('instructions', () => {
  let org;
  let ext;
  let api;
  let panel;
  let tab;
  let zone;
  /** Every request the panel sent: method, URL and body. */
  const sent = [];

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    [{ TimeZoneSidKey: zone }] = await api.query(`SELECT TimeZoneSidKey FROM User WHERE Id = '${api.userId}'`);
    ext = await launchExtension();
    await ext.worker.evaluate((url) => chrome.storage.local.set({
      loginHost: { kind: 'custom', url },
      privacy: { contextualInsights: true, blockedSites: [], inIncognito: false },
    }), org.url);
    panel = await ext.context.newPage();
    panel.on('request', (r) => sent.push({ method: r.method(), url: decodeURIComponent(r.url()), body: r.postData() ?? '' }));
    await panel.goto(ext.pageUrl('side_panel.html'));
    await panel.getByRole('button', { name: 'Log in to Salesforce' }).click();
    await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    tab = await ext.context.newPage();
    await tab.goto(`${org.url}/demo/acme-robotics/index.html`);
    await tab.bringToFront();
    await panel.locator('[data-testid=insight-match][data-object=Account]').first().waitFor({ timeout: 20_000 });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  /** Today in the user's Salesforce time zone, moved by `days`: YYYY-MM-DD. */
  const day = (days = 0, from = new Date()) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(from);
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  /** Friday of next week (weeks start on Monday), as the box reads "next friday". */
  const nextFriday = () => {
    const today = new Date(`${day()}T12:00:00Z`);
    const toMonday = (today.getUTCDay() + 6) % 7;
    return day(7 - toMonday + 4);
  };
  /** Requests sent while `act` ran, other than reads. */
  const writesDuring = async (act) => {
    const start = sent.length;
    await act();
    return sent.slice(start).filter((r) => r.method !== 'GET');
  };
  const neverSent = (text) => {
    const carried = sent.filter((r) => r.url.toLowerCase().includes(text.toLowerCase()) || r.body.toLowerCase().includes(text.toLowerCase()));
    assert.deepEqual(carried.map((r) => `${r.method} ${r.url}`), [], `no request carries "${text}"`);
  };

  test('on the matched Account, a call and its follow-up are logged in one request', async () => {
    const account = panel.locator('[data-testid=insight-match][data-object=Account]', { hasText: 'Acme Robotics' });
    const accountId = await account.getAttribute('data-id');
    const box = account.locator('[data-testid=instruction-input]');
    const tasksOf = () => api.query(`SELECT Id, Subject, Status, IsClosed, TaskSubtype, ActivityDate, Description FROM Task WHERE WhatId = '${accountId}' ORDER BY CreatedDate`);
    const before = new Set((await tasksOf()).map((t) => t.Id));

    // "/" focuses the box; Enter previews what it understood.
    await panel.evaluate(() => document.activeElement?.blur());
    await panel.keyboard.press('/');
    const focused = await panel.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.dataset?.testid}`);
    assert.equal(focused, 'INPUT instruction-input', '"/" focuses the first box');
    await box.fill('log a call: pricing, follow up in 2 weeks');
    await box.press('Enter');
    const preview = account.locator('[data-testid=instruction-preview]');
    await preview.waitFor();
    const news = await preview.locator('[data-testid=instruction-new]').allTextContents();
    assert.equal(news.length, 2, news.join(' | '));
    assert.match(news[0], /Log a call \(completed today\): pricing/);
    assert.match(news[1], /New task: Follow up, due/);
    assert.equal((await tasksOf()).length, before.size, 'the preview saves nothing');

    // Enter again saves both, in one request.
    const writes = await writesDuring(async () => {
      await box.press('Enter');
      await account.locator('[data-testid=instruction-note]', { hasText: 'Saved 2 tasks.' }).waitFor();
    });
    assert.deepEqual(writes.map((w) => `${w.method} ${new URL(w.url).pathname}`), ['POST /services/data/v62.0/composite']);
    const created = (await tasksOf()).filter((t) => !before.has(t.Id));
    assert.equal(created.length, 2, JSON.stringify(created));
    const call = created.find((t) => t.TaskSubtype === 'Call');
    const followUp = created.find((t) => t.Subject === 'Follow up');
    assert.deepEqual([call.Subject, call.Status, call.IsClosed, call.Description, call.ActivityDate], ['Call', 'Completed', true, 'pricing', day()]);
    assert.deepEqual([followUp.IsClosed, followUp.ActivityDate], [false, day(14)]);
    assert.equal(await box.inputValue(), '', 'the box is empty for the next instruction');

    // ↑ recalls it; the words of the instruction never left the browser.
    await box.press('ArrowUp');
    assert.equal(await box.inputValue(), 'log a call: pricing, follow up in 2 weeks');
    await box.fill('');
    neverSent('log a call');
    neverSent('follow up in 2 weeks');
  });

  test('on an opportunity, three changes are previewed, saved in one request, and undone with Ctrl+Z', async () => {
    // Acme's open opportunity (the seed has it in Negotiation: moved back first).
    const [{ Id: id }] = await api.query("SELECT Id FROM Opportunity WHERE Account.Name = 'Acme Robotics' AND IsClosed = false ORDER BY CloseDate LIMIT 1");
    assert.equal((await api.patch(`/sobjects/Opportunity/${id}`, { StageName: 'Qualification', Amount: 12500 })).status, 204);
    const [opp] = await api.query(`SELECT Id, Name, StageName, CloseDate, Amount FROM Opportunity WHERE Id = '${id}'`);
    await panel.locator('[data-testid=account-opportunities] button', { hasText: opp.Name }).first().click();
    const view = panel.locator(`[data-testid=record-view][data-id="${opp.Id}"]`);
    await view.waitFor();
    const box = view.locator('[data-testid=instruction-input]');
    await box.fill('stage negotiation, close date next friday, amount 50k');
    await box.press('Enter');
    const changes = view.locator('[data-testid=instruction-change]');
    await view.locator('[data-testid=instruction-preview]').waitFor();
    assert.deepEqual(await changes.evaluateAll((rows) => rows.map((r) => r.dataset.field)), ['StageName', 'CloseDate', 'Amount']);
    assert.equal(await changes.nth(0).locator('[data-testid=instruction-before]').textContent(), opp.StageName);

    const writes = await writesDuring(async () => {
      await box.press('Enter');
      await view.locator('[data-testid=instruction-note]', { hasText: 'Saved 3 changes.' }).waitFor();
    });
    assert.equal(writes.length, 1, writes.map((w) => w.url).join(', '));
    assert.match(writes[0].url, /\/composite$/);
    const [saved] = await api.query(`SELECT StageName, CloseDate, Amount FROM Opportunity WHERE Id = '${opp.Id}'`);
    assert.deepEqual([saved.StageName, saved.CloseDate, saved.Amount], ['Negotiation/Review', nextFriday(), 50000]);
    // The record view shows what the org holds now.
    await view.locator('[data-testid=field-StageName]', { hasText: 'Negotiation/Review' }).waitFor();

    // Ctrl+Z in the empty box: every field back, in one request after the check.
    await box.focus();
    await box.press('Control+z');
    await view.locator('[data-testid=instruction-note]', { hasText: 'Undone.' }).waitFor();
    const [back] = await api.query(`SELECT StageName, CloseDate, Amount FROM Opportunity WHERE Id = '${opp.Id}'`);
    assert.deepEqual([back.StageName, back.CloseDate, back.Amount], [opp.StageName, opp.CloseDate, opp.Amount]);
    neverSent('next friday');
    neverSent('stage negotiation');
  });

  test('what is not understood is said, with a suggestion, and nothing is saved', async () => {
    const view = panel.locator('[data-testid=record-view]');
    const box = view.locator('[data-testid=instruction-input]');
    await box.fill('stage foo');
    await box.press('Enter');
    await view.locator('[data-testid=instruction-problem]', { hasText: '"foo" isn\'t a Stage value' }).waitFor();
    assert.equal(await view.locator('[data-testid=instruction-save]').isDisabled(), true);
    // Tab completes a field's name.
    await box.fill('prob');
    await box.press('Tab');
    assert.equal(await box.inputValue(), 'probability (%) ');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'Tab completed rather than moving on');
  });

  test('on the Workspace\'s selected rows, one instruction is one bulk edit, undone with Ctrl+Z', async () => {
    const ids = [];
    for (const [n, stage] of [[1, 'Prospecting'], [2, 'Needs Analysis'], [3, 'Prospecting']]) {
      const { status, body } = await api.post('/sobjects/Opportunity', { Name: `E2E Instr ${n}`, StageName: stage, CloseDate: '2027-03-01', Amount: 1000 * n });
      assert.equal(status, 201, JSON.stringify(body));
      ids.push(body.id);
    }
    const [ws] = await Promise.all([ext.context.waitForEvent('page'), panel.locator('[data-testid=open-workspace]').click()]);
    const writes = [];
    ws.on('request', (r) => r.method() !== 'GET' && r.url().includes('/services/data/') && writes.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await ws.locator('[data-testid=workspace-tab]', { hasText: 'My Open Opportunities' }).click();
    await ws.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
    await ws.locator('[data-testid="filter-Name"]').fill('E2E Instr');
    await ws.locator('[data-testid=shown-count]', { hasText: '3 of' }).waitFor();
    const box = ws.locator('[data-testid=instruction-input]');
    assert.equal(await box.isDisabled(), true, 'nothing selected: nothing to instruct');
    for (const id of ids.slice(0, 2)) await ws.locator(`[data-testid=grid-row][data-id="${id}"] [data-testid=row-select]`).click();
    await ws.locator('[data-testid=selection-count]', { hasText: '2 of 20 rows selected.' }).waitFor();

    await box.fill('stage qualification, amount 75k');
    await box.press('Enter');
    const changes = ws.locator('[data-testid=instruction-change]');
    await ws.locator('[data-testid=instruction-preview]').waitFor();
    assert.deepEqual(await changes.locator('[data-testid=instruction-before]').allTextContents(), ['Prospecting, Needs Analysis', '$1,000.00, $2,000.00']);
    await box.press('Enter');
    await ws.locator('[data-testid=workspace-notice]', { hasText: '2 rows saved.' }).waitFor();
    assert.deepEqual(writes, ['PATCH /services/data/v62.0/composite/sobjects'], 'one save request for both rows');
    const saved = await api.query(`SELECT Name, StageName, Amount FROM Opportunity WHERE Name LIKE 'E2E Instr%' ORDER BY Name`);
    assert.deepEqual(saved.map((o) => [o.StageName, o.Amount]), [['Qualification', 75000], ['Qualification', 75000], ['Prospecting', 3000]]);

    // Ctrl+Z in the empty box is the grid's undo.
    await box.press('Control+z');
    const undone = JSON.stringify([['Prospecting', 1000], ['Needs Analysis', 2000], ['Prospecting', 3000]]);
    const now = async () => JSON.stringify((await api.query(`SELECT StageName, Amount FROM Opportunity WHERE Name LIKE 'E2E Instr%' ORDER BY Name`)).map((o) => [o.StageName, o.Amount]));
    await eventually(async () => (await now()) === undone);
    assert.equal(await now(), undone);
    await ws.close();
  });
});
