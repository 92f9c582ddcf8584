// Conformance: the real jsforce (pinned in package.json, unmodified) against
// the real devorg binary. Each check is something a jsforce user does on a
// real org: the OAuth2 web-server flow with PKCE, a token refresh after the
// access token expired, query with automatic query-more, CRUD, collections
// with allOrNone, describe and SOSL. `cargo xtask test` sets
// SIDECAR_DEVORG_BIN; devorg runs on a free port with a throwaway database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import jsforce from 'jsforce';
import { startDevorg } from '../e2e/support/fixtures.mjs';

const USERNAME = 'ian@sidecar.devorg';
const CLIENT_ID = 'SidecarDevorg';
const REDIRECT_URI = 'http://localhost/callback';
// SOSL treats - and other punctuation as operators: keep markers alphanumeric.
const MARKER = `Jsf${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const BULK_ROWS = 2100;

/**
 * The OAuth2 web-server flow with PKCE exactly as a jsforce app does it:
 * jsforce makes the verifier and the authorize URL, the "browser" follows it
 * (devorg's --auto-approve stands in for the login page and answers with the
 * redirect at once), and `conn.authorize(code)` trades the code for tokens.
 */
async function pkceLogin(loginUrl) {
  const oauth2 = new jsforce.OAuth2({ loginUrl, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, useVerifier: true });
  const state = randomUUID();
  const authorizeUrl = oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state });
  assert.match(authorizeUrl, /[?&]code_challenge=[\w-]{43}(&|$)/, 'jsforce sends a PKCE challenge');

  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(response.status, 302, `authorize answers with a redirect: ${await response.clone().text()}`);
  const location = new URL(response.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get('state'), state);
  const code = location.searchParams.get('code');
  assert.ok(code, `the redirect carries a code: ${location}`);

  const conn = new jsforce.Connection({ oauth2 });
  const userInfo = await conn.authorize(code);
  return { conn, userInfo };
}

const leads = (n, fields = {}) =>
  Array.from({ length: n }, (_, i) => ({ LastName: `${MARKER} ${String(i).padStart(4, '0')}`, Company: MARKER, ...fields }));

describe('jsforce against devorg', () => {
  let devorg;
  let session;
  // Logs in once, on first use, so a broken OAuth endpoint fails the tests
  // that need a session instead of the harness.
  const connection = async () => {
    session ??= pkceLogin(devorg.url);
    return (await session).conn;
  };

  before(async () => {
    devorg = await startDevorg(['--auto-approve', USERNAME]);
  });
  after(async () => {
    await devorg?.stop();
  });

  test('jsforce reaches devorg (harness check: the versions resource needs no session)', async () => {
    const conn = new jsforce.Connection({ instanceUrl: devorg.url });
    const versions = await conn.request('/services/data');
    assert.ok(Array.isArray(versions) && versions.length > 0, JSON.stringify(versions));
    assert.ok(versions.some((v) => v.version === conn.version), `jsforce's default version ${conn.version} is served`);
  });

  test('OAuth2 authorization code flow with PKCE', async () => {
    session = pkceLogin(devorg.url);
    const { conn, userInfo } = await session;
    assert.match(conn.accessToken, /^00D\w{12,15}!/, 'access token has the Salesforce shape');
    assert.ok(conn.refreshToken, 'refresh_token scope granted a refresh token');
    assert.equal(new URL(conn.instanceUrl).origin, new URL(devorg.url).origin);
    assert.match(userInfo.id, /^005\w{15}$/);
    assert.match(userInfo.organizationId, /^00D\w{15}$/);
    const me = await conn.sobject('User').retrieve(userInfo.id, { fields: ['Username'] });
    assert.equal(me.Username, USERNAME);
  });

  test('create, retrieve, update, delete', async () => {
    const conn = await connection();
    const Lead = conn.sobject('Lead');
    const created = await Lead.create({ LastName: `${MARKER} Crud`, Company: 'Crud Co', Email: 'crud@example.com' });
    assert.equal(created.success, true);
    assert.match(created.id, /^00Q\w{15}$/);

    const fetched = await Lead.retrieve(created.id);
    assert.equal(fetched.Id, created.id);
    assert.equal(fetched.Company, 'Crud Co');
    assert.equal(fetched.attributes.type, 'Lead');

    const updated = await Lead.update({ Id: created.id, Company: 'Crud Renamed', Title: 'CTO' });
    assert.deepEqual(updated, { id: created.id, success: true, errors: [] });
    const reread = await Lead.retrieve(created.id, { fields: ['Company', 'Title'] });
    assert.equal(reread.Company, 'Crud Renamed');
    assert.equal(reread.Title, 'CTO');

    const deleted = await Lead.destroy(created.id);
    assert.deepEqual(deleted, { id: created.id, success: true, errors: [] });
    await assert.rejects(Lead.retrieve(created.id), (err) => err.errorCode === 'NOT_FOUND');
  });

  test('describeGlobal and describe', async () => {
    const conn = await connection();
    const global = await conn.describeGlobal();
    assert.ok(global.sobjects.some((s) => s.name === 'Lead' && s.keyPrefix === '00Q'));
    const lead = await conn.sobject('Lead').describe();
    assert.equal(lead.name, 'Lead');
    const lastName = lead.fields.find((f) => f.name === 'LastName');
    assert.equal(lastName?.type, 'string');
    assert.equal(lastName?.nillable, false);
  });

  test(`query with automatic query-more over ${BULK_ROWS} rows`, async () => {
    const conn = await connection();
    // Collection create, 200 records per request (jsforce splits with allowRecursive).
    const results = await conn.sobject('Lead').create(leads(BULK_ROWS), { allOrNone: true, allowRecursive: true });
    assert.equal(results.length, BULK_ROWS);
    assert.ok(results.every((r) => r.success), JSON.stringify(results.find((r) => !r.success)));
    const createdIds = new Set(results.map((r) => r.id));

    const soql = `SELECT Id, LastName FROM Lead WHERE Company = '${MARKER}'`;
    const first = await conn.query(soql);
    assert.equal(first.totalSize, BULK_ROWS);
    assert.equal(first.done, false);
    assert.equal(first.records.length, 2000, 'the default batch is 2,000 rows');
    // jsforce keeps the locator (the last path segment) and rebuilds the URL on its base.
    assert.match(first.nextRecordsUrl, /\/services\/data\/v[\d.]+\/query\/[^/]+$/);
    const rest = await conn.queryMore(first.nextRecordsUrl);
    assert.equal(rest.done, true);
    assert.equal(rest.records.length, BULK_ROWS - 2000);

    let pages = 0;
    const query = conn.query(soql, { autoFetch: true, maxFetch: 10_000 });
    query.on('fetch', () => pages++);
    const all = await query;
    assert.ok(pages >= 2, `query-more was used (${pages} pages)`);
    assert.equal(all.totalSize, BULK_ROWS);
    assert.equal(all.records.length, BULK_ROWS);
    assert.deepEqual(new Set(all.records.map((r) => r.Id)), createdIds, 'every row exactly once');
  });

  test('SOSL search', async () => {
    const conn = await connection();
    const word = `${MARKER}Sosl`;
    const { id } = await conn.sobject('Lead').create({ LastName: word, Company: 'Search Co' });
    const found = await conn.search(`FIND {${word}} IN NAME FIELDS RETURNING Lead(Id, LastName)`);
    assert.deepEqual(
      found.searchRecords.map((r) => [r.attributes.type, r.Id, r.LastName]),
      [['Lead', id, word]],
    );
  });

  test('20-record collection update with allOrNone fails and rolls back', async () => {
    const conn = await connection();
    const Lead = conn.sobject('Lead');
    const created = await Lead.create(leads(20, { Title: 'Before' }), { allOrNone: true });
    const ids = created.map((r) => r.id);

    const changes = ids.map((Id) => ({ Id, Title: 'After' }));
    changes[7].Status = 'Not A Real Status'; // restricted picklist: rejected
    const results = await Lead.update(changes, { allOrNone: true });
    assert.equal(results.length, 20);
    assert.ok(results.every((r) => r.success === false), 'allOrNone: every record fails');
    assert.equal(results[7].errors[0].statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const others = results.filter((_, i) => i !== 7);
    assert.ok(others.every((r) => r.errors[0]?.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK'), JSON.stringify(others[0]));

    const stored = await Lead.retrieve(ids, { fields: ['Title', 'Status'] });
    assert.deepEqual(stored.map((r) => r.Title), ids.map(() => 'Before'), 'nothing changed');
  });

  test('an expired access token is refreshed transparently', async () => {
    const shortLived = await startDevorg(['--auto-approve', USERNAME, '--session-ttl', '2']);
    try {
      const { conn } = await pkceLogin(shortLived.url);
      const firstToken = conn.accessToken;
      await conn.sobject('Lead').describe();
      const refreshed = [];
      conn.on('refresh', (accessToken) => refreshed.push(accessToken));

      await new Promise((resolve) => setTimeout(resolve, 3_000));
      // A write: jsforce must resend the body after refreshing.
      const created = await conn.sobject('Lead').create({ LastName: `${MARKER} Refresh`, Company: 'Refresh Co' });
      assert.equal(created.success, true, 'the call after expiry succeeded');
      assert.equal(refreshed.length, 1, 'jsforce refreshed once');
      assert.notEqual(conn.accessToken, firstToken);
      assert.equal(conn.accessToken, refreshed[0]);
    } finally {
      await shortLived.stop();
    }
  });
});
