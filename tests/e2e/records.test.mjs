// Records in the side panel against the demo org: a record found by search
// opens; a Key Field edited in place is saved (checked through the REST
// API); a Lead created without its required Last Name shows the org's
// message on that field, then is created once it is filled; and an edit
// made while the org is unreachable is kept, marked unsaved, and saved once
// the org is back, even through a reload of the panel while it was down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { restSession } from './support/rest.mjs';

describe('records in the side panel', () => {
  let org;
  let ext;
  let page;
  let api;
  before(async () => {
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    api = await restSession(org.url);
    ext = await launchExtension();
    page = await loggedInPanel(ext, org.url);
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  const openFromSearch = async (text, object, title) => {
    await page.locator('[data-testid=global-search]').fill(text);
    await page.locator('[data-testid=global-search]').press('Enter');
    const hit = page.locator(`[data-testid=search-hit][data-object=${object}]`, { hasText: title });
    await hit.first().waitFor();
    await hit.first().click();
    await page.locator('[data-testid=record-title]', { hasText: title }).waitFor();
  };

  test('a record found by search opens with its Key Fields', async () => {
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    const view = page.locator('[data-testid=record-view]');
    assert.equal(await view.getAttribute('data-object'), 'Contact');
    const [contact] = await api.query("SELECT Id, Email FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
    assert.equal(await view.getAttribute('data-id'), contact.Id);
    assert.match(await page.locator('[data-testid=field-Email]').textContent(), /maria\.chen@acmerobotics\.com/);
    assert.equal(await page.locator('.key-fields [data-testid=field-Department]').count(), 0);

    // A field added to Key Fields stays there for every Contact, after reopening.
    await page.locator('[data-testid=add-field]').selectOption('Department');
    await page.locator('.key-fields [data-testid=field-Department]').waitFor();
    await openFromSearch('Jonas Weber', 'Contact', 'Jonas Weber');
    await page.locator('.key-fields [data-testid=field-Department]').waitFor();
    // The choice follows the user to other machines: it is kept in sync storage.
    const stored = async () => ext.worker.evaluate(async () => ({
      sync: (await chrome.storage.sync.get('keyFields.Contact'))['keyFields.Contact'],
      local: (await chrome.storage.local.get('keyFields.Contact'))['keyFields.Contact'],
    }));
    const kept = await stored();
    assert.deepEqual(JSON.parse(kept.sync), ['Department'], JSON.stringify(kept));
    assert.equal(kept.local, undefined, 'no second copy in local storage');

    // The user's own addition can be removed again; the layout's fields cannot.
    assert.equal(await page.locator('[data-testid=remove-Email]').count(), 0, "the layout's Email stays");
    await page.locator('[data-testid=remove-Department]').click();
    await page.locator('.key-fields [data-testid=field-Department]').waitFor({ state: 'detached' });
    assert.ok(await eventually(async () => (await stored()).sync === '[]'), 'the removal is kept');
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    await page.locator('.key-fields [data-testid=field-Email]').waitFor();
    assert.equal(await page.locator('.key-fields [data-testid=field-Department]').count(), 0, 'removed for every Contact');
  });

  test('editing a Key Field saves it to the org', async () => {
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    await page.locator('[data-testid=edit-Title]').click();
    await page.locator('#edit-Title').fill('Chief Robotics Officer');
    await page.locator('#edit-Title').press('Enter');
    const saved = await eventually(async () => {
      const [c] = await api.query("SELECT Title FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
      return c.Title === 'Chief Robotics Officer';
    });
    assert.ok(saved, 'the org has the new title');
    await page.locator('[data-testid=field-Title]', { hasText: 'Chief Robotics Officer' }).waitFor();
    // The org's answer may still be on its way when the new title shows.
    await page.locator('[data-testid=pending-Title]').waitFor({ state: 'detached' });
  });

  test('Key Fields are edited from the keyboard alone: the editor takes the focus, Tab moves on, Enter saves, Escape cancels', async () => {
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    const title = async () => (await api.query("SELECT Title FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'"))[0].Title;
    // The editor's input and the pencil share a name (`edit-Title`): the tag tells them apart.
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.id || document.activeElement?.dataset?.testid || ''}`);
    // The pencil, reached by the keyboard and pressed with Enter.
    await page.locator('[data-testid=edit-Title]').focus();
    await page.keyboard.press('Enter');
    assert.ok(await eventually(async () => (await focused()) === 'INPUT:edit-Title'), 'the editor takes the focus');
    await page.locator('[data-testid=key-save]').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Head of Robotics');
    await page.keyboard.press('Tab');
    const next = await focused();
    assert.match(next, /^(INPUT|SELECT|TEXTAREA):edit-/, 'Tab goes to the next field\'s editor');
    assert.notEqual(next, 'INPUT:edit-Title');
    await page.keyboard.press('Enter');
    assert.ok(await eventually(async () => (await title()) === 'Head of Robotics'), 'Enter saved the changed field');
    await page.locator('[data-testid=key-save]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=field-Title]', { hasText: 'Head of Robotics' }).waitFor();
    assert.ok(await eventually(async () => (await focused()) === 'BUTTON:edit-Title'), 'the focus is back on the pencil');

    // Escape gives the edit up: nothing is sent, the field shows the org's value.
    await page.keyboard.press('Enter');
    assert.ok(await eventually(async () => (await focused()) === 'INPUT:edit-Title'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Not this one');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=key-save]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=field-Title]', { hasText: 'Head of Robotics' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await title(), 'Head of Robotics');
    assert.equal(await page.locator('[data-testid=pending-Title]').count(), 0);
  });

  test('an opened record comes into view with a header (icon, close); its Account opens from a link', async () => {
    // A short panel: the record opens below the search box and its hits.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 400, height: 420 });
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    const header = page.locator('[data-testid=record-header]');
    await header.locator('.object-icon-contact img').waitFor();
    const inView = () => header.evaluate((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
    assert.ok(await eventually(inView), 'the opened record scrolled into view');
    // devorg has no UI of its own: no "Open in Salesforce" there.
    assert.equal(await header.locator('[data-testid=open-in-salesforce]').count(), 0);
    // The Account is a Key Field or, on some layouts, among the other fields.
    if (await page.locator('[data-testid=open-AccountId]').count() === 0) await page.locator('[data-testid=show-all-fields]').click();
    await page.locator('[data-testid=open-AccountId]').click();
    await page.locator('[data-testid=record-view][data-object=Account]').waitFor();
    await page.locator('[data-testid=record-title]', { hasText: 'Acme Robotics' }).waitFor();
    // Kept in view while its fields scroll under it.
    assert.equal(await header.evaluate((h) => getComputedStyle(h).position), 'sticky');
    assert.ok(await eventually(inView), 'and so did the Account opened from it');
    await page.locator('[data-testid=record-close]').click();
    await page.locator('[data-testid=record-view]').waitFor({ state: 'detached' });
    await page.setViewportSize(viewport);
  });

  test('a Key Field someone changed since the record was opened is not overwritten; Keep mine saves it', async () => {
    await openFromSearch('Jonas Weber', 'Contact', 'Jonas Weber');
    const [jonas] = await api.query("SELECT Id FROM Contact WHERE FirstName = 'Jonas' AND LastName = 'Weber'");
    // If-Unmodified-Since has whole seconds: a colleague's change in the
    // same second as the read would not be seen (Salesforce's too).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const theirs = await api.patch(`/sobjects/Contact/${jonas.Id}`, { Title: 'Head of Procurement' });
    assert.equal(theirs.status, 204);
    const patches = [];
    const listen = (r) => { if (r.method() === 'PATCH') patches.push(r.headers()['if-unmodified-since'] ?? ''); };
    page.on('request', listen);
    await page.locator('[data-testid=edit-Title]').click();
    await page.locator('#edit-Title').fill('VP Operations');
    await page.locator('#edit-Title').press('Enter');
    await page.locator('[data-testid=conflict-Title]').waitFor();
    assert.match(await page.locator('[data-testid=field-Title]').textContent(), /Theirs: Head of Procurement.*Yours: VP Operations/);
    const [kept] = await api.query(`SELECT Title FROM Contact WHERE Id = '${jonas.Id}'`);
    assert.equal(kept.Title, 'Head of Procurement', 'nothing was overwritten');
    assert.match(patches[0] ?? '', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/, 'the save was conditional');

    await page.locator('[data-testid=keep-mine-Title]').click();
    assert.ok(await eventually(async () => (await api.query(`SELECT Title FROM Contact WHERE Id = '${jonas.Id}'`))[0].Title === 'VP Operations'), 'Keep mine saved it');
    await page.locator('[data-testid=field-Title]', { hasText: 'VP Operations' }).waitFor();
    await page.locator('[data-testid=conflict-Title]').waitFor({ state: 'detached' });
    page.off('request', listen);
  });

  test('a Lead without its required Last Name shows the org message on that field, then saves', async () => {
    await page.locator('[data-testid=new-object]').selectOption('Lead');
    await page.locator('[data-testid=create-form]').waitFor();
    await page.locator('#new-Company').fill('Umbrella Analytics');
    await page.locator('#new-Company').press('Enter');
    await page.locator('[data-testid=create-save]').click();
    const message = page.locator('#new-LastName-message');
    await message.waitFor();
    assert.match(await message.textContent(), /required/i);
    assert.equal(await page.locator('#new-LastName').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#new-Company').inputValue(), 'Umbrella Analytics', 'the filled-in field is kept');
    assert.deepEqual(await api.query("SELECT Id FROM Lead WHERE Company = 'Umbrella Analytics'"), [], 'nothing created yet');

    await page.locator('#new-LastName').fill('Liu');
    await page.locator('#new-LastName').press('Enter');
    await page.locator('[data-testid=create-save]').click();
    await page.locator('[data-testid=record-view][data-object=Lead]').waitFor();
    const leads = await api.query("SELECT Id, LastName, Status FROM Lead WHERE Company = 'Umbrella Analytics'");
    assert.equal(leads.length, 1);
    assert.equal(leads[0].LastName, 'Liu');
    assert.equal(leads[0].Status, 'Open - Not Contacted', "the picklist's default was sent");
    assert.equal(await page.locator('[data-testid=record-view]').getAttribute('data-id'), leads[0].Id);
  });

  test('a Contact is created under an Account picked by typing part of its name; from an Account, it starts under it', async () => {
    const [acme] = await api.query("SELECT Id FROM Account WHERE Name = 'Acme Robotics'");
    const [ian] = await api.query("SELECT Id, Name FROM User WHERE Username = 'ian@sidecar.devorg'");
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    await page.locator('[data-testid=new-object]').selectOption('Contact');
    await page.locator('[data-testid=create-form]').waitFor();
    // The fields a rep needs: the name's parts and the Account, the rep as owner.
    for (const field of ['FirstName', 'LastName', 'Title', 'AccountId', 'Email', 'Phone', 'OwnerId']) {
      await page.locator(`#new-${field}`).waitFor();
    }
    assert.equal(await page.locator('#new-OwnerId').inputValue(), ian.Name);
    assert.equal(await page.locator('#new-AccountId').inputValue(), '', 'created from a Contact: no Account yet');
    await page.locator('#new-FirstName').fill('Rosa');
    await page.locator('#new-LastName').fill('Zubiri-Diaz');
    const account = page.locator('#new-AccountId');
    await account.pressSequentially('acme rob', { delay: 20 });
    await page.locator('[data-testid=lookup-option]', { hasText: 'Acme Robotics' }).click();
    assert.equal(await account.inputValue(), 'Acme Robotics');
    await page.locator('[data-testid=create-save]').click();
    await page.locator('[data-testid=record-view][data-object=Contact]').waitFor();
    const [rosa] = await api.query("SELECT Id, FirstName, AccountId, OwnerId FROM Contact WHERE LastName = 'Zubiri-Diaz'");
    assert.deepEqual([rosa.FirstName, rosa.AccountId, rosa.OwnerId], ['Rosa', acme.Id, ian.Id]);
    await page.locator('[data-testid=field-AccountId]', { hasText: 'Acme Robotics' }).waitFor();

    // From the Account itself, a new Contact starts under it.
    await openFromSearch('Acme Robotics', 'Account', 'Acme Robotics');
    await page.locator('[data-testid=new-object]').selectOption('Contact');
    await page.locator('[data-testid=create-form]').waitFor();
    assert.equal(await page.locator('#new-AccountId').inputValue(), 'Acme Robotics');
    await page.locator('#new-LastName').fill('Okoye-Brandt');
    await page.locator('[data-testid=create-save]').click();
    await page.locator('[data-testid=record-view][data-object=Contact]').waitFor();
    const [okoye] = await api.query("SELECT AccountId FROM Contact WHERE LastName = 'Okoye-Brandt'");
    assert.equal(okoye.AccountId, acme.Id);
  });

  test('an edit made while the org is unreachable is kept and saved when it is back', async () => {
    await openFromSearch('Maria Chen', 'Contact', 'Maria Chen');
    await page.locator('[data-testid=edit-Phone]').click();
    await page.locator('#edit-Phone').fill('+1 415 555 0199');
    await org.kill();
    await page.locator('#edit-Phone').press('Enter');
    await page.locator('[data-testid=offline-banner]').waitFor();
    await page.locator('[data-testid=pending-Phone]').waitFor();
    assert.match(await page.locator('[data-testid=field-Phone]').textContent(), /555 0199/, 'the user still sees their value');
    const kept = await ext.worker.evaluate(() => chrome.storage.local.get('pendingEdits'));
    assert.equal(kept.pendingEdits.edits[0].value, '+1 415 555 0199', 'the unsaved edit is stored');
    // The list of waiting changes says what waits, and why.
    const words = '1 change not saved yet, kept on this computer. It will be sent when Salesforce can be reached.';
    assert.equal((await page.locator('[data-testid=panel-pending-summary]').textContent()).trim(), words);
    await page.locator('[data-testid=panel-pending-summary]').click();
    assert.match(await page.locator('[data-testid=pending-edit]').textContent(), /Maria Chen · (Business )?Phone: “\+1 415 555 0199”Not saved yet: kept on this computer/);

    // The panel reloaded while the org is still down says what waits, and sends it once the org is back.
    await page.reload();
    const waiting = page.locator('[data-testid=kept-summary]');
    await waiting.waitFor({ timeout: 20_000 });
    assert.equal((await waiting.textContent()).trim(), words);
    await org.restart();
    const saved = await eventually(
      async () => {
        const [c] = await api.query("SELECT Phone FROM Contact WHERE Email = 'maria.chen@acmerobotics.com'");
        return c.Phone === '+1 415 555 0199';
      },
      { timeout: 40_000, interval: 500 },
    );
    assert.ok(saved, 'the edit reached the org once it was back');
    await eventually(async () => (await page.locator('[data-testid=offline-banner]').count()) === 0);
    assert.equal(await page.locator('[data-testid=pending-Phone]').count(), 0);
    await page.locator('[data-testid=panel-pending]').waitFor({ state: 'detached' });
  });
});
