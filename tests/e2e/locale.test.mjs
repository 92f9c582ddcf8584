// A German rep in a multi-currency org (devorg `--multi-currency`: USD
// corporate, dated exchange rates): Lena Vogel, de_DE, EUR, Europe/Berlin,
// in a browser whose own time zone is on another day. The Workspace shows
// her JPY opportunity as "JPY 4.747.500 (EUR …)", the euros computed here
// from the org's dated rates read through the REST API, and the side panel's
// record view shows the same; a bulk edit of the
// Close Date typed "31.12.2026" saves 2026-12-31 on every selected row
// (checked through the API), and one of the Amount typed "5.000" saves
// 5,000 in each row's own currency; the To Do
// "Today" group is Berlin's today, not the browser's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { loginAs } from './support/rest.mjs';

const LENA = 'lena@sidecar.devorg';
const ZONE = 'Europe/Berlin';

/** YYYY-MM-DD in `zone`, `days` from now. */
const dayIn = (zone, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(Date.now() + days * 86_400_000));

/** A browser zone whose today is not Berlin's today, now. */
const otherZone = () => ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => dayIn(z) !== dayIn(ZONE));

/** `n` as de_DE shows it with `decimals` (grouping `.`, decimal `,`). */
const german = (n, decimals) => {
  const [int, frac] = n.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
};

describe('a de_DE rep with EUR in a multi-currency org', () => {
  let org;
  let ext;
  let lena;
  let panel;
  let ws;
  let browserZone;
  let lenaId;

  before(async () => {
    org = await startDevorg(['--auto-approve', LENA, '--multi-currency']);
    lena = await loginAs(org.url, LENA);
    [{ Id: lenaId }] = await lena.query(`SELECT Id FROM User WHERE Username = '${LENA}'`);
    browserZone = otherZone();
    ext = await launchExtension({ timeZone: browserZone });
    panel = await loggedInPanel(ext, org.url);
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const row = (id) => ws.locator(`[data-testid=grid-row][data-id="${id}"]`);
  const cell = (id, column) => row(id).locator(`.grid-cell[data-column="${column}"]`);

  test('the Workspace shows a JPY opportunity in yen with its value in euros at the close date\'s rates', async () => {
    const [saito] = await lena.query(
      "SELECT Id, Amount, CurrencyIsoCode, CloseDate FROM Opportunity WHERE Name = 'Saito - Ground-mounted Panels'",
    );
    assert.equal(saito.CurrencyIsoCode, 'JPY');
    assert.equal(saito.Amount, 4747500);
    const [me] = await lena.query(`SELECT DefaultCurrencyIsoCode, LocaleSidKey, TimeZoneSidKey FROM User WHERE Username = '${LENA}'`);
    assert.deepEqual([me.DefaultCurrencyIsoCode, me.LocaleSidKey, me.TimeZoneSidKey], ['EUR', 'de_DE', ZONE]);
    // The rate of each currency on the close date: StartDate <= day < NextStartDate.
    const rates = await lena.query('SELECT IsoCode, ConversionRate, StartDate, NextStartDate FROM DatedConversionRate');
    const rate = (iso) =>
      rates.find((r) => r.IsoCode === iso && r.StartDate <= saito.CloseDate && (!r.NextStartDate || saito.CloseDate < r.NextStartDate)).ConversionRate;
    const euros = Math.round((saito.Amount / rate('JPY')) * rate('EUR') * 100) / 100;

    [ws] = await Promise.all([ext.context.waitForEvent('page'), panel.locator('[data-testid=open-workspace]').click()]);
    await ws.locator('[data-testid=workspace-tab]', { hasText: 'My Open Opportunities' }).click();
    await ws.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
    const shown = (await cell(saito.Id, 'Amount').textContent()).trim();
    assert.equal(shown, `JPY 4.747.500 (EUR ${german(euros, 2)})`);
    assert.match(shown, /^JPY 4\.747\.500 \(EUR \d{1,3}(\.\d{3})*,\d{2}\)$/);
  });

  test('the side panel shows the same opportunity in yen with its euros, and its dates in German', async () => {
    const [saito] = await lena.query("SELECT Id, CloseDate FROM Opportunity WHERE Name = 'Saito - Ground-mounted Panels'");
    await panel.locator('[data-testid=global-search]').fill('Saito');
    await panel.locator('[data-testid=global-search]').press('Enter');
    const hit = panel.locator('[data-testid=search-hit][data-object=Opportunity]', { hasText: 'Saito - Ground-mounted Panels' });
    await hit.first().click();
    await panel.locator('[data-testid=record-title]', { hasText: 'Saito - Ground-mounted Panels' }).waitFor();
    const workspaceShown = (await cell(saito.Id, 'Amount').textContent()).trim();
    assert.equal((await panel.locator('.key-fields [data-testid=field-Amount] .field-display').textContent()).trim(), workspaceShown);
    const [y, m, d] = saito.CloseDate.split('-');
    assert.equal((await panel.locator('.key-fields [data-testid=field-CloseDate] .field-display').textContent()).trim(), `${d}.${m}.${y}`);
  });

  test('bulk edits in German formats: a Close Date typed as 31.12.2026 saves 2026-12-31, an amount of 5.000 saves 5,000 in each row\'s own currency', async () => {
    const mine = await lena.query(
      `SELECT Id, CurrencyIsoCode, Amount FROM Opportunity WHERE IsClosed = false AND OwnerId = '${lenaId}' ORDER BY Name`,
    );
    // One of each currency she has (EUR, USD, JPY).
    const picked = [...new Map(mine.map((o) => [o.CurrencyIsoCode, o])).values()];
    assert.ok(new Set(picked.map((o) => o.CurrencyIsoCode)).size > 1, `rows in several currencies: ${JSON.stringify(picked)}`);
    for (const o of picked) await row(o.Id).locator('[data-testid=row-select]').click();
    await cell(picked[0].Id, 'CloseDate').dblclick();
    const editor = row(picked[0].Id).locator('.grid-cell.editing input');
    await editor.fill('31.12.2026');
    await editor.press('Enter');
    for (const o of picked) await cell(o.Id, 'CloseDate').filter({ hasText: '31.12.2026' }).waitFor();
    const after = await lena.query(`SELECT Id, CloseDate, CurrencyIsoCode, Amount FROM Opportunity WHERE Id IN ('${picked.map((o) => o.Id).join("','")}')`);
    for (const o of picked) {
      const saved = after.find((a) => a.Id === o.Id);
      assert.equal(saved.CloseDate, '2026-12-31', `${o.Id} saved the German date`);
      assert.deepEqual([saved.CurrencyIsoCode, saved.Amount], [o.CurrencyIsoCode, o.Amount], 'currency and amount untouched');
    }

    // An amount typed in her format goes to every selected row, each in its own currency.
    await cell(picked[0].Id, 'Amount').dblclick();
    const amountEditor = row(picked[0].Id).locator('.grid-cell.editing input');
    await amountEditor.fill('5.000');
    await amountEditor.press('Enter');
    for (const o of picked) await cell(o.Id, 'Amount').filter({ hasText: `${o.CurrencyIsoCode} 5.000` }).waitFor();
    const amounts = await lena.query(`SELECT Id, Amount, CurrencyIsoCode FROM Opportunity WHERE Id IN ('${picked.map((o) => o.Id).join("','")}')`);
    for (const o of picked) {
      const saved = amounts.find((a) => a.Id === o.Id);
      assert.deepEqual([saved.Amount, saved.CurrencyIsoCode], [5000, o.CurrencyIsoCode], `${o.Id}: 5,000 in its own currency`);
    }
  });

  test("To Do's Today is the rep's day in her Salesforce time zone, not the browser's", async () => {
    const berlinToday = dayIn(ZONE);
    const browserToday = dayIn(browserZone);
    assert.notEqual(berlinToday, browserToday, `the browser (${browserZone}) is on another day`);
    const make = async (Subject, ActivityDate) => {
      const { status, body } = await lena.post('/sobjects/Task', { Subject, ActivityDate, Status: 'Not Started', Priority: 'Normal' });
      assert.equal(status, 201, JSON.stringify(body));
      return body.id;
    };
    const berlin = await make('Call back (Berlin today)', berlinToday);
    const browser = await make("Send deck (browser's today)", browserToday);
    await panel.reload();
    await panel.locator('#tab-to-do').click();
    const today = panel.locator('[data-testid=todo-group][data-group=Today]');
    await today.locator(`[data-testid=todo-item][data-id="${berlin}"]`).waitFor({ timeout: 20_000 });
    assert.equal(await today.locator(`[data-testid=todo-item][data-id="${browser}"]`).count(), 0);
    const dueToday = await lena.query(`SELECT Id FROM Task WHERE OwnerId = '${lenaId}' AND IsClosed = false AND ActivityDate = TODAY`);
    const shown = await today.locator('[data-testid=todo-item]').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(shown.sort(), dueToday.map((t) => t.Id).sort(), "the org's TODAY (her zone) and the panel agree");
  });
});
