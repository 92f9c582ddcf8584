// Layout at the widths a rep gives the side panel (issue 18): at 320, 400
// and 600 px, every panel screen (Home with matches and people not in the
// CRM, an opened record, the create form, To Do, My Feed) and the Workspace
// at 1280 px show nothing past the viewport's edge, no text over other
// text and no button label on two lines (`support/layout.mjs` says how
// each is measured). A screenshot of each screen goes to
// `dist/screenshots/` (or `SIDECAR_SCREENSHOTS`), to look at, not compared;
// Home and a record also in the dark theme.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchExtension, loggedInPanel, startDevorg } from './support/fixtures.mjs';
import { layoutProblems } from './support/layout.mjs';

const SHOTS = process.env.SIDECAR_SCREENSHOTS ?? join(process.env.SIDECAR_EXTENSION_DIR ?? 'dist/extension', '..', 'screenshots');

describe('layout at panel widths', () => {
  let org;
  let ext;
  let panel;
  let tab;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    org = await startDevorg(['--auto-approve', 'ian@sidecar.devorg']);
    ext = await launchExtension();
    panel = await loggedInPanel(ext, org.url, { privacy: { contextualInsights: true, blockedSites: [], inIncognito: false } });
    await panel.setViewportSize({ width: 400, height: 800 });
    // The page the panel reads: a matched Account's team page.
    tab = await ext.context.newPage();
    await tab.goto(`${org.url}/demo/acme-robotics/team.html`);
    await tab.bringToFront();
    await panel.locator('[data-testid=insight-candidates]').waitFor({ timeout: 20_000 });
  });
  after(async () => {
    await ext?.close();
    await org?.stop();
  });

  /** Checks the page as it is now; a screenshot named `name`. */
  const check = async (page, name) => {
    // Fonts and images (icons) settle before measuring.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForLoadState('load');
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const problems = await page.evaluate(layoutProblems);
    assert.deepEqual(problems, [], `layout problems on ${name} (screenshot in ${SHOTS})`);
  };
  const tabTo = async (slug) => {
    await panel.locator(`#tab-${slug}`).click();
    await panel.locator(`[data-testid=screen-${slug}]`).waitFor();
  };
  const closeRecord = async () => {
    if (await panel.locator('[data-testid=record-close]').count()) await panel.locator('[data-testid=record-close]').click();
    if (await panel.locator('[data-testid=create-cancel]').count()) await panel.locator('[data-testid=create-cancel]').click();
  };

  for (const width of [320, 400, 600]) {
    test(`every panel screen fits ${width} px`, async () => {
      await panel.setViewportSize({ width, height: 800 });
      await tabTo('home');
      await closeRecord();
      await panel.locator('[data-testid=insight-match]').first().waitFor();
      await panel.locator('[data-testid=insight-candidate]').first().waitFor();
      await panel.evaluate(() => window.scrollTo(0, 0));
      await check(panel, `panel-${width}-home`);

      await panel.locator('[data-testid=insight-match][data-object=Contact] .insight-name').first().click();
      await panel.locator('[data-testid=record-view][data-object=Contact]').waitFor();
      await check(panel, `panel-${width}-record`);
      await panel.locator('[data-testid=key-fields] [data-testid^=edit-]').first().click();
      await panel.locator('[data-testid=key-save]').waitFor();
      await check(panel, `panel-${width}-record-editing`);
      await panel.locator('[data-testid=key-cancel]').click();

      await panel.locator('[data-testid=new-object]').selectOption('Lead');
      await panel.locator('.create-form').waitFor();
      await check(panel, `panel-${width}-create`);
      await closeRecord();

      await tabTo('to-do');
      await panel.locator('.todo-item').first().waitFor({ timeout: 20_000 });
      await check(panel, `panel-${width}-todo`);

      await tabTo('feed');
      await panel.locator('.feed-alert, [data-testid=feed-empty]').first().waitFor({ timeout: 20_000 });
      await check(panel, `panel-${width}-feed`);
    });
  }

  test('the dark theme (following the browser) fits too', async () => {
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.setViewportSize({ width: 400, height: 800 });
    await tabTo('home');
    await panel.locator('[data-testid=insight-match]').first().waitFor();
    await check(panel, 'panel-400-home-dark');
    await panel.locator('[data-testid=insight-match][data-object=Contact] .insight-name').first().click();
    await panel.locator('[data-testid=record-view][data-object=Contact]').waitFor();
    // The page's own colours changed with the browser's (not a light card on black).
    const [page, card] = await panel.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('[data-testid=record-view]')).backgroundColor]);
    assert.notEqual(page, 'rgb(243, 243, 243)');
    assert.notEqual(card, 'rgb(255, 255, 255)');
    await check(panel, 'panel-400-record-dark');
    await closeRecord();
    await panel.emulateMedia({ colorScheme: 'light' });
  });

  test('the Workspace fits 1280 px', async () => {
    await panel.setViewportSize({ width: 400, height: 800 });
    await tabTo('home');
    const [ws] = await Promise.all([ext.context.waitForEvent('page'), panel.locator('[data-testid=open-workspace]').click()]);
    await ws.setViewportSize({ width: 1280, height: 900 });
    await ws.locator('[data-testid=header-line]').waitFor({ timeout: 30_000 });
    await ws.locator('[data-testid=grid-row]').first().waitFor();
    await check(ws, 'workspace-1280');
    // Header and body columns line up (the body's scrollbar takes no column's width).
    const drift = await ws.evaluate(() => {
      const head = [...document.querySelectorAll('.grid-head .grid-header > *')].map((c) => Math.round(c.getBoundingClientRect().left));
      const body = [...document.querySelector('.grid-body .grid-row').children].map((c) => Math.round(c.getBoundingClientRect().left));
      return head.map((left, i) => Math.abs(left - (body[i] ?? left))).reduce((a, b) => Math.max(a, b), 0);
    });
    assert.ok(drift <= 1, `header and body columns drift by ${drift}px`);
    await ws.close();
  });
});
