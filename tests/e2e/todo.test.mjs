// The To Do List in the side panel against devorg's demo org: Ian's open
// tasks and no one else's; "Due today" and "Overdue" agree with SOQL run
// through the REST API (devorg's date literals follow the user's zone);
// completing sets a closed Status in the org and the task leaves the open
// groups; a refused update rolls the checkbox back with the reason; a label
// survives reopening the panel; the keyboard alone moves and completes;
// opened again, the list shows from its cache before the org answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

describe('the To Do List', () => {
  let org;
  let ext;
  let api;
  let panel;
  let zone;

  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    zone = (await (await fetch(new URL('/services/oauth2/userinfo', org.url), { headers: { authorization: `Bearer ${api.accessToken}` } })).json()).zoneinfo;
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url);
    await openTodo();
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  async function openTodo() {
    await panel.locator('#tab-to-do').click();
    await panel.locator('[data-testid=todo-item]').first().waitFor({ timeout: 20_000 });
    await panel.locator('[data-testid=todo] [role=status]').waitFor({ state: 'detached' }).catch(() => {});
  }
  const shownIds = async (where = '') => new Set(await panel.locator(`${where} [data-testid=todo-item]`.trim()).evaluateAll((els) => els.map((e) => e.dataset.id)));
  const ids = async (soql) => new Set((await api.query(soql)).map((r) => r.Id));
  /** The user's today in their org time zone, as YYYY-MM-DD, shifted by `days`. */
  const day = (days = 0) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const openGroups = '[data-testid=todo-group]:not([data-group=Completed])';

  test("shows the user's open tasks, none of anyone else's, and hides tasks overdue by more than 30 days", async () => {
    const me = api.userId;
    const expected = await ids(`SELECT Id FROM Task WHERE OwnerId = '${me}' AND IsClosed = false AND (ActivityDate = null OR ActivityDate >= ${day(-30)})`);
    const stale = await ids(`SELECT Id FROM Task WHERE OwnerId = '${me}' AND IsClosed = false AND ActivityDate < ${day(-30)}`);
    const others = await ids(`SELECT Id FROM Task WHERE OwnerId != '${me}'`);
    assert.ok(expected.size > 3, `${expected.size} open`);
    const shown = await shownIds(openGroups);
    assert.deepEqual([...shown].sort(), [...expected].sort());
    for (const id of others) assert.ok(!shown.has(id), `another user's task ${id} is listed`);
    for (const id of stale) assert.ok(!shown.has(id), `${id} is overdue by more than 30 days`);
  });

  test('"Due today" and "Overdue" match what SOQL says', async () => {
    const me = api.userId;
    await panel.locator('[data-testid=filter-due-today]').click();
    const today = await ids(`SELECT Id FROM Task WHERE OwnerId = '${me}' AND IsClosed = false AND ActivityDate = TODAY`);
    assert.ok(today.size > 0, 'the demo has tasks due today');
    assert.deepEqual([...(await shownIds())].sort(), [...today].sort());
    await panel.locator('[data-testid=filter-due-today]').click();

    await panel.locator('[data-testid=filter-overdue]').click();
    const overdue = await ids(`SELECT Id FROM Task WHERE OwnerId = '${me}' AND IsClosed = false AND ActivityDate < TODAY`);
    assert.ok(overdue.size > 0, 'the demo has overdue tasks');
    assert.deepEqual([...(await shownIds())].sort(), [...overdue].sort(), 'Overdue includes those overdue by more than 30 days');
    await panel.locator('[data-testid=filter-overdue]').click();
  });

  test('completing a task sets a closed Status in the org and it leaves the open groups', async () => {
    const item = panel.locator(`${openGroups} [data-testid=todo-item]`).first();
    const id = await item.getAttribute('data-id');
    await item.locator('[data-testid=todo-complete]').click();
    await panel.locator(`[data-testid=todo-group][data-group=Completed] [data-testid=todo-item][data-id="${id}"]`).waitFor();
    // The list moves the task at once (optimistically); the update reaches
    // the org a moment later.
    const task = await eventually(async () => {
      const [t] = await api.query(`SELECT Status, IsClosed FROM Task WHERE Id = '${id}'`);
      return t.IsClosed ? t : null;
    });
    assert.deepEqual([task?.Status, task?.IsClosed], ['Completed', true]);
    assert.ok(!(await shownIds(openGroups)).has(id));
  });

  test('when the org refuses the update, the checkbox rolls back and the reason shows', async () => {
    const item = panel.locator(`${openGroups} [data-testid=todo-item]`).first();
    const id = await item.getAttribute('data-id');
    // Someone deletes the task meanwhile: devorg refuses the update.
    const gone = await api.call('DELETE', `/sobjects/Task/${id}`);
    assert.equal(gone.status, 204);
    await item.locator('[data-testid=todo-complete]').click();
    const row = panel.locator(`[data-testid=todo-item][data-id="${id}"]`);
    await row.locator('[data-testid=todo-item-error]').waitFor();
    assert.match(await row.locator('[data-testid=todo-item-error]').textContent(), /\S/);
    assert.equal(await row.locator('[data-testid=todo-complete]').getAttribute('aria-checked'), 'false');
    assert.ok((await shownIds(openGroups)).has(id), 'still listed as open');
  });

  test('a task opens in place, moves to tomorrow and to a date in the org, and opens what it is about', async () => {
    const me = api.userId;
    const [task] = await api.query(`SELECT Id, Subject, Description, What.Name, What.Type FROM Task WHERE OwnerId = '${me}' AND IsClosed = false AND WhatId != null AND ActivityDate >= ${day(0)} ORDER BY ActivityDate LIMIT 1`);
    assert.ok(task, 'the demo has an open task about a record');
    const item = panel.locator(`[data-testid=todo-item][data-id="${task.Id}"]`);
    await item.locator('[data-testid=todo-subject]').click();
    const detail = item.locator('[data-testid=todo-detail]');
    await detail.waitFor();
    assert.equal(await item.locator('[data-testid=todo-subject]').getAttribute('aria-expanded'), 'true');
    assert.equal((await detail.locator('[data-testid=todo-comments]').textContent()).trim(), task.Description?.trim() || 'No comments.');

    await detail.locator('[data-testid=todo-reschedule-tomorrow]').click();
    await item.locator('[data-testid=todo-due]').filter({ hasText: new RegExp(`^${Number(day(1).slice(5, 7))}/${Number(day(1).slice(8))}/`) }).waitFor();
    assert.ok(await eventually(async () => (await api.query(`SELECT ActivityDate FROM Task WHERE Id = '${task.Id}'`))[0].ActivityDate === day(1)), 'the org has tomorrow');

    await detail.locator('[data-testid=todo-reschedule-date]').fill(day(9));
    assert.ok(await eventually(async () => (await api.query(`SELECT ActivityDate FROM Task WHERE Id = '${task.Id}'`))[0].ActivityDate === day(9)), 'the org has the picked date');

    // What the task is about opens on Home.
    await detail.locator('[data-testid=todo-related]', { hasText: task.What.Name }).click();
    await panel.locator('[data-testid=record-title]', { hasText: task.What.Name }).waitFor();
    assert.equal(await panel.locator('[data-testid=record-view]').getAttribute('data-object'), task.What.Type);
    await openTodo();
  });

  test('a tick never overwrites a colleague\'s change to the task\'s status; their change to another field does not block it', async () => {
    const items = panel.locator(`${openGroups} [data-testid=todo-item]`);
    const [first, second] = [await items.nth(0).getAttribute('data-id'), await items.nth(1).getAttribute('data-id')];
    const status = async (id) => (await api.query(`SELECT Status, IsClosed, Subject FROM Task WHERE Id = '${id}'`))[0];
    const { Status: was } = await status(first);
    const theirStatus = was === 'Deferred' ? 'Waiting on someone else' : 'Deferred';
    // If-Unmodified-Since has whole seconds: their changes must fall in a later second than the list's read.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await api.patch(`/sobjects/Task/${first}`, { Status: theirStatus })).status, 204);
    assert.equal((await api.patch(`/sobjects/Task/${second}`, { Subject: 'Renamed by a colleague' })).status, 204);

    // The status they set wins until the rep decides again: the tick is not saved, and the row says why.
    await panel.locator(`[data-testid=todo-item][data-id="${first}"] [data-testid=todo-complete]`).click();
    const row = panel.locator(`[data-testid=todo-item][data-id="${first}"]`);
    await row.locator('[data-testid=todo-item-error]', { hasText: 'Someone else changed this task after your list was loaded' }).waitFor();
    const kept = await status(first);
    assert.deepEqual([kept.Status, kept.IsClosed], [theirStatus, false], 'nothing was overwritten');
    assert.equal(await row.locator('[data-testid=todo-complete]').getAttribute('aria-checked'), 'false');

    // Their new subject does not touch the status: the tick goes through, and their subject stays.
    await panel.locator(`[data-testid=todo-item][data-id="${second}"] [data-testid=todo-complete]`).click();
    assert.ok(await eventually(async () => (await status(second)).IsClosed === true), 'the tick reached the org');
    assert.equal((await status(second)).Subject, 'Renamed by a colleague');
  });

  test('a label added to a task survives reopening the panel, and stays out of the org', async () => {
    await panel.locator('[data-testid=label-manager] summary').click();
    await panel.locator('[data-testid=label-name]').fill('Urgent');
    await panel.locator('[data-testid=label-add]').click();
    await panel.locator('[data-testid=label-item]', { hasText: 'Urgent' }).waitFor();
    const item = panel.locator(`${openGroups} [data-testid=todo-item]`).nth(1);
    const id = await item.getAttribute('data-id');
    await item.locator('[data-testid=todo-label-menu]').click();
    await item.getByRole('menuitemcheckbox', { name: 'Urgent' }).click();
    await item.locator('[data-testid=todo-label]', { hasText: 'Urgent' }).waitFor();

    await panel.reload();
    await panel.locator('[data-testid=user-name]').waitFor({ timeout: 20_000 });
    await openTodo();
    await panel.locator(`[data-testid=todo-item][data-id="${id}"] [data-testid=todo-label]`, { hasText: 'Urgent' }).waitFor();
    const stored = await ext.worker.evaluate((key) => chrome.storage.sync.get(key), `todo.${api.userId}`);
    assert.match(stored[`todo.${api.userId}`], /"name":"Urgent"/);
    const [task] = await api.query(`SELECT Subject, Description FROM Task WHERE Id = '${id}'`);
    assert.ok(!JSON.stringify(task).includes('Urgent'), 'labels are never written to the org');
  });

  test('a new task is created in the org and listed; a star filters it', async () => {
    await panel.locator('[data-testid=new-task]').click();
    await panel.locator('[data-testid=new-task-subject]').fill('Call back about the pilot');
    await panel.locator('[data-testid=new-task-due]').fill(day(0));
    await panel.locator('[data-testid=new-task-priority]').selectOption('High');
    await panel.locator('[data-testid=new-task-save]').click();
    const item = panel.locator('[data-testid=todo-item]', { hasText: 'Call back about the pilot' });
    await item.waitFor({ timeout: 8000 }).catch(async (e) => {
      throw new Error(`${e.message}\nform: ${await panel.locator('[data-testid=todo]').innerText()}`);
    });
    assert.equal(await item.locator('[data-testid=todo-flag]').count(), 1, 'high priority shows the red flag');
    const [created] = await api.query("SELECT Id, OwnerId, ActivityDate, Priority FROM Task WHERE Subject = 'Call back about the pilot'");
    assert.deepEqual([created.OwnerId, created.ActivityDate, created.Priority], [api.userId, day(0), 'High']);
    assert.equal(await item.getAttribute('data-id'), created.Id);

    await item.locator('[data-testid=todo-star]').click();
    await panel.locator('[data-testid=filter-starred]').click();
    assert.deepEqual([...(await shownIds())], [created.Id]);
    await panel.locator('[data-testid=filter-starred]').click();
  });

  test('the keyboard alone moves between tasks and completes one', async () => {
    const items = panel.locator(`${openGroups} [data-testid=todo-item]`);
    const second = await items.nth(1).getAttribute('data-id');
    await items.first().focus();
    await panel.keyboard.press('ArrowDown');
    assert.equal(await panel.evaluate(() => document.activeElement?.dataset.id), second);
    await panel.keyboard.press(' ');
    await panel.locator(`[data-testid=todo-group][data-group=Completed] [data-testid=todo-item][data-id="${second}"]`).waitFor();
    const [task] = await api.query(`SELECT IsClosed FROM Task WHERE Id = '${second}'`);
    assert.equal(task.IsClosed, true);
    // Chromium logs every 4xx: the deleted task's 404, the conditional saves' 412s (a colleague's change; this list's own earlier one).
    assert.deepEqual(ext.errors.filter((e) => !e.includes('404') && !e.includes('412')), []);
  });

  test('opened again, the list shows from the cache before the org has answered anything', async () => {
    // Every request the new panel sends to the org is held, never answered.
    const held = [];
    const page = await ext.context.newPage();
    await page.route(`${org.url}/**`, (route) => {
      held.push(decodeURIComponent(route.request().url()).replaceAll('+', ' '));
    });
    try {
      await page.goto(ext.pageUrl('side_panel.html'));
      await page.locator('#tab-to-do').click();
      await page.locator('[data-testid=todo-item]').first().waitFor({ timeout: 20_000 });
      const shown = await page.locator('[data-testid=todo-item]').evaluateAll((els) => els.map((e) => e.dataset.id));
      const ians = await ids(`SELECT Id FROM Task WHERE OwnerId = '${api.userId}'`);
      assert.ok(shown.length > 3, `${shown.length} cached tasks shown`);
      for (const id of shown) assert.ok(ians.has(id), `${id} is one of Ian's tasks`);
      assert.equal(await page.locator('[data-testid=user-name]').count(), 0, 'the org has not said who the user is');
      assert.equal(await page.locator('[data-testid=todo] [role=status]').textContent(), 'Updating…');
      // Until the org's switch says Sidecar may run, the list asks the org nothing.
      assert.deepEqual(held.filter((u) => u.includes('FROM Task')), [], `held: ${held.join(' | ')}`);
    } finally {
      await page.close();
    }
  });
  test('a task ticked while the org is unreachable stays ticked, says it is kept, and is saved when the org is back', async () => {
    await openTodo();
    const item = panel.locator(`${openGroups} [data-testid=todo-item]`).first();
    const id = await item.getAttribute('data-id');
    await org.kill();
    try {
      await item.locator('[data-testid=todo-complete]').click();
      const row = panel.locator(`[data-testid=todo-item][data-id="${id}"]`);
      await row.locator('[data-testid=todo-item-error]', { hasText: 'Not saved yet: kept on this computer, and sent when Salesforce can be reached.' }).waitFor();
      assert.equal(await row.locator('[data-testid=todo-complete]').getAttribute('aria-checked'), 'true', 'still ticked');
      const kept = await ext.worker.evaluate(() => chrome.storage.local.get('pendingEdits'));
      assert.deepEqual(kept.pendingEdits.edits.map((e) => [e.object, e.id, e.field, e.value]), [['Task', id, 'Status', 'Completed']]);
    } finally {
      await org.restart();
    }
    const saved = await eventually(async () => (await api.query(`SELECT IsClosed FROM Task WHERE Id = '${id}'`))[0]?.IsClosed === true, { timeout: 40_000, interval: 500 });
    assert.ok(saved, 'the kept tick reached the org once it was back');
    assert.ok(await eventually(async () => (await ext.worker.evaluate(() => chrome.storage.local.get('pendingEdits'))).pendingEdits.edits.length === 0), 'nothing waits any more');
    // The browser logs each request the stopped org refused; nothing else may be logged.
    const refused = (e) => e.endsWith('Failed to load resource: net::ERR_CONNECTION_REFUSED');
    ext.errors.splice(0, ext.errors.length, ...ext.errors.filter((e) => !refused(e)));
  });
});
