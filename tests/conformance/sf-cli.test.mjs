// Conformance: the real Salesforce CLI (`sf`, @salesforce/cli pinned in
// package.json, unmodified) against the real devorg binary: what a
// Salesforce developer types every day. Logging in with an access token,
// SOQL queries (JSON and CSV), single-record create/get/update/delete,
// sObject list and describe, SOSL search, and the tree import and export
// that move related records between orgs. Every change the CLI makes is
// checked through devorg's REST API, not only through the CLI's own output.
//
// The CLI runs hermetically: HOME and the XDG directories point into a
// throwaway directory (nothing reaches the user's ~/.sf), the generic Unix
// keychain stores the token in that directory, and telemetry, autoupdate,
// the new-version check, release notes and the DNS check of the instance
// URL are off, so it talks to nothing but devorg. `cargo xtask test`
// sets SIDECAR_DEVORG_BIN; devorg runs on a free port with a throwaway
// database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startDevorg } from '../e2e/support/fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USERNAME = 'ian@sidecar.devorg';
const CLIENT_ID = 'SidecarDevorg';
const REDIRECT_URI = 'http://localhost/callback';
const ALIAS = 'devorg';
// SOSL treats - and other punctuation as operators: keep markers alphanumeric.
const MARKER = `Sfc${randomUUID().replaceAll('-', '').slice(0, 10)}`;
// The REST version the checks below read with; the CLI picks its own.
const API = 'v62.0';

/** An access token from devorg's OAuth2 web-server flow with PKCE (S256). */
async function accessToken(loginUrl) {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL('/services/oauth2/authorize', loginUrl);
  const params = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: 'api', code_challenge: challenge, code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const redirect = await fetch(authorize, { redirect: 'manual' });
  assert.equal(redirect.status, 302, await redirect.text());
  const code = new URL(redirect.headers.get('location')).searchParams.get('code');
  const token = await fetch(new URL('/services/oauth2/token', loginUrl), {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  assert.equal(token.status, 200, await token.clone().text());
  return (await token.json()).access_token;
}

/**
 * The environment `sf` runs in: its own HOME, nothing shared with the
 * user's CLI, nothing sent anywhere. node_modules/.bin comes first on PATH
 * because the CLI starts `sf` again for some commands.
 */
function sfEnvironment(home) {
  const env = {
    PATH: [join(ROOT, 'node_modules/.bin'), process.env.PATH].join(delimiter),
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    TMPDIR: home,
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_TELEMETRY_DISABLE_ACKNOWLEDGEMENT: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
    SF_DISABLE_DNS_CHECK: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    SF_DISABLE_SOURCE_MEMBER_POLLING: 'true',
    SF_NO_TABLE_STYLE: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: 'true',
    // No proxy from the user's shell between the CLI and devorg.
    NO_PROXY: '*',
  };
  return env;
}

describe('the Salesforce CLI against devorg', () => {
  let devorg;
  let home;
  let token;

  /** Runs `sf args...` in the throwaway HOME; resolves { code, stdout, stderr }. */
  const sf = (args, extraEnv = {}) =>
    new Promise((done) => {
      execFile('sf', args, { cwd: home, env: { ...sfEnvironment(home), ...extraEnv }, timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
        done({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** `sf args... --json`, asserting success; returns `result`. */
  const sfJson = async (args, extraEnv) => {
    const run = await sf([...args, '--json'], extraEnv);
    let parsed;
    try {
      parsed = JSON.parse(run.stdout);
    } catch {
      assert.fail(`sf ${args.join(' ')} printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    assert.equal(parsed.status, 0, `sf ${args.join(' ')} failed:\n${JSON.stringify(parsed, null, 2)}\n${run.stderr}`);
    return parsed.result;
  };

  /** devorg's REST API with the same token the CLI holds. */
  const rest = async (path, init = {}) => {
    const response = await fetch(new URL(`/services/data/${API}/${path}`, devorg.url), {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const soql = async (query) => {
    const { status, body } = await rest(`query?q=${encodeURIComponent(query)}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body.records;
  };

  before(async () => {
    devorg = await startDevorg(['--auto-approve', USERNAME]);
    home = mkdtempSync(join(tmpdir(), 'sidecar-sf-'));
    token = await accessToken(devorg.url);
    // The first command of the suite: every other one needs the org it saves.
    await sfJson(['org', 'login', 'access-token', '--instance-url', devorg.url, '--alias', ALIAS, '--no-prompt'], { SF_ACCESS_TOKEN: token });
  });
  after(async () => {
    await devorg?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('sf org display shows the org logged in with the access token', async () => {
    const org = await sfJson(['org', 'display', '--target-org', ALIAS]);
    assert.equal(org.username, USERNAME);
    assert.match(org.id, /^00D\w{15}$/);
    assert.equal(new URL(org.instanceUrl).origin, new URL(devorg.url).origin);
    assert.equal(org.connectedStatus, 'Connected');
    // The org id the CLI stored is the org's own Organization row.
    const [organization] = await soql('SELECT Id, IsSandbox FROM Organization');
    assert.equal(organization.Id, org.id);
    assert.equal(organization.IsSandbox, false);
  });

  test('the token stays in the throwaway HOME', async () => {
    const stored = JSON.parse(readFileSync(join(home, '.sfdx', `${USERNAME}.json`), 'utf8'));
    assert.equal(stored.username, USERNAME);
    assert.notEqual(stored.accessToken, token, 'the generic keychain stores the token encrypted');
  });

  test('sf data query with a parent field, as JSON and as CSV', async () => {
    const account = await rest('sobjects/Account', { method: 'POST', body: JSON.stringify({ Name: `${MARKER} Query Co` }) });
    assert.equal(account.status, 201, JSON.stringify(account.body));
    for (const last of ['Alvarez', 'Brandt']) {
      const contact = await rest('sobjects/Contact', { method: 'POST', body: JSON.stringify({ LastName: last, Email: `${last.toLowerCase()}@example.com`, AccountId: account.body.id }) });
      assert.equal(contact.status, 201, JSON.stringify(contact.body));
    }
    const query = `SELECT Id, LastName, Account.Name FROM Contact WHERE Account.Name = '${MARKER} Query Co' ORDER BY LastName`;
    const result = await sfJson(['data', 'query', '--query', query, '--target-org', ALIAS]);
    assert.equal(result.totalSize, 2);
    assert.deepEqual(result.records.map((r) => [r.LastName, r.Account.Name]), [['Alvarez', `${MARKER} Query Co`], ['Brandt', `${MARKER} Query Co`]]);

    const csv = await sf(['data', 'query', '--query', query, '--target-org', ALIAS, '--result-format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split(/\r?\n/);
    assert.deepEqual(lines[0].split(','), ['Id', 'LastName', 'Account.Name']);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(1)), [['Alvarez', `${MARKER} Query Co`], ['Brandt', `${MARKER} Query Co`]]);
  });

  test('sf data create, get, update and delete record', async () => {
    const name = `${MARKER} Crud`;
    const created = await sfJson(['data', 'create', 'record', '--sobject', 'Account', '--values', `Name='${name}' Phone='555-0100' Industry=Energy`, '--target-org', ALIAS]);
    assert.equal(created.success, true);
    assert.match(created.id, /^001\w{15}$/);
    const stored = await rest(`sobjects/Account/${created.id}?fields=Name,Phone,Industry`);
    assert.equal(stored.status, 200);
    assert.deepEqual([stored.body.Name, stored.body.Phone, stored.body.Industry], [name, '555-0100', 'Energy']);

    const fetched = await sfJson(['data', 'get', 'record', '--sobject', 'Account', '--record-id', created.id, '--target-org', ALIAS]);
    assert.equal(fetched.Id, created.id);
    assert.equal(fetched.Name, name);
    assert.equal(fetched.attributes.type, 'Account');

    await sfJson(['data', 'update', 'record', '--sobject', 'Account', '--record-id', created.id, '--values', "Phone='555-0199' Rating=Hot", '--target-org', ALIAS]);
    const updated = await rest(`sobjects/Account/${created.id}?fields=Name,Phone,Rating`);
    assert.deepEqual([updated.body.Name, updated.body.Phone, updated.body.Rating], [name, '555-0199', 'Hot']);

    await sfJson(['data', 'delete', 'record', '--sobject', 'Account', '--record-id', created.id, '--target-org', ALIAS]);
    const gone = await rest(`sobjects/Account/${created.id}`);
    assert.equal(gone.status, 404, JSON.stringify(gone.body));
  });

  test('sf data update record refuses a bad picklist value and changes nothing', async () => {
    const lead = await rest('sobjects/Lead', { method: 'POST', body: JSON.stringify({ LastName: `${MARKER} Strict`, Company: 'Strict Co' }) });
    const run = await sf(['data', 'update', 'record', '--sobject', 'Lead', '--record-id', lead.body.id, '--values', "Status='Not A Status' Title=CEO", '--target-org', ALIAS, '--json']);
    assert.notEqual(run.code, 0);
    assert.match(JSON.parse(run.stdout).message, /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST|bad value for restricted picklist/);
    const stored = await rest(`sobjects/Lead/${lead.body.id}?fields=Status,Title`);
    assert.equal(stored.body.Title, null, 'nothing was saved');
  });

  test('sf sobject list and describe', async () => {
    const all = await sfJson(['sobject', 'list', '--sobject', 'all', '--target-org', ALIAS]);
    const global = await rest('sobjects');
    assert.deepEqual([...all].sort(), global.body.sobjects.map((s) => s.name).sort(), 'every object of describeGlobal');
    assert.ok(all.includes('Account') && all.includes('Organization'));
    const custom = await sfJson(['sobject', 'list', '--sobject', 'custom', '--target-org', ALIAS]);
    assert.deepEqual([...custom].sort(), global.body.sobjects.filter((s) => s.custom).map((s) => s.name).sort());

    const account = await sfJson(['sobject', 'describe', '--sobject', 'Account', '--target-org', ALIAS]);
    const direct = await rest('sobjects/Account/describe');
    assert.equal(account.name, 'Account');
    assert.equal(account.keyPrefix, '001');
    assert.deepEqual(account.fields.map((f) => f.name), direct.body.fields.map((f) => f.name));
    assert.ok(account.childRelationships.some((r) => r.relationshipName === 'Contacts' && r.childSObject === 'Contact'));
  });

  test('sf data search', async () => {
    const word = `${MARKER}Sosl`;
    const lead = await rest('sobjects/Lead', { method: 'POST', body: JSON.stringify({ LastName: word, Company: 'Search Co' }) });
    const result = await sfJson(['data', 'search', '--query', `FIND {${word}} IN NAME FIELDS RETURNING Lead(Id, LastName)`, '--target-org', ALIAS]);
    assert.deepEqual(result.searchRecords.map((r) => [r.attributes.type, r.Id, r.LastName]), [['Lead', lead.body.id, word]]);
  });

  test('sf data import tree from files and from a plan, and sf data export tree', async () => {
    const dir = mkdtempSync(join(home, 'tree-'));
    const accounts = (suffix) => ({
      records: [
        {
          attributes: { type: 'Account', referenceId: 'AccountRef1' },
          Name: `${MARKER} ${suffix} One`,
          Industry: 'Energy',
          Contacts: {
            records: [
              { attributes: { type: 'Contact', referenceId: 'ContactRef1' }, LastName: 'Okafor', Email: 'okafor@example.com' },
              { attributes: { type: 'Contact', referenceId: 'ContactRef2' }, LastName: 'Lindqvist' },
            ],
          },
        },
        { attributes: { type: 'Account', referenceId: 'AccountRef2' }, Name: `${MARKER} ${suffix} Two` },
      ],
    });
    const treeOf = async (suffix) => {
      const rows = await soql(`SELECT Id, Name, Industry, (SELECT LastName, Email FROM Contacts ORDER BY LastName) FROM Account WHERE Name LIKE '${MARKER} ${suffix}%' ORDER BY Name`);
      return rows.map((a) => [a.Name, a.Industry, (a.Contacts?.records ?? []).map((c) => [c.LastName, c.Email])]);
    };
    const want = (suffix) => [
      [`${MARKER} ${suffix} One`, 'Energy', [['Lindqvist', null], ['Okafor', 'okafor@example.com']]],
      [`${MARKER} ${suffix} Two`, null, []],
    ];

    // --files: one sObject tree file, the records nested by child relationship.
    writeFileSync(join(dir, 'Account.json'), JSON.stringify(accounts('Files')));
    const imported = await sfJson(['data', 'import', 'tree', '--files', join(dir, 'Account.json'), '--target-org', ALIAS]);
    assert.deepEqual(imported.map((r) => r.refId).sort(), ['AccountRef1', 'AccountRef2', 'ContactRef1', 'ContactRef2']);
    assert.deepEqual(await treeOf('Files'), want('Files'));
    const ids = Object.fromEntries(imported.map((r) => [r.refId, r.id]));
    const okafor = await rest(`sobjects/Contact/${ids.ContactRef1}?fields=AccountId,LastName`);
    assert.deepEqual([okafor.body.LastName, okafor.body.AccountId], ['Okafor', ids.AccountRef1]);

    // --plan: parents first, then children that point at them by @reference.
    const planDir = mkdtempSync(join(dir, 'plan-'));
    writeFileSync(
      join(planDir, 'Account.json'),
      JSON.stringify({ records: accounts('Plan').records.map(({ Contacts, ...a }) => ({ ...a, attributes: { ...a.attributes } })) }),
    );
    const contacts = accounts('Plan').records[0].Contacts.records.map((c) => ({ ...c, AccountId: '@AccountRef1' }));
    writeFileSync(join(planDir, 'Contact.json'), JSON.stringify({ records: contacts }));
    writeFileSync(
      join(planDir, 'plan.json'),
      JSON.stringify([
        { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Account.json'] },
        { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['Contact.json'] },
      ]),
    );
    const planned = await sfJson(['data', 'import', 'tree', '--plan', join(planDir, 'plan.json'), '--target-org', ALIAS]);
    assert.equal(planned.length, 4, JSON.stringify(planned));
    assert.deepEqual(await treeOf('Plan'), want('Plan'));

    // export tree writes what import tree reads: export, import the copy, compare.
    const exportDir = join(dir, 'export');
    const exportQuery = `SELECT Name, Industry, (SELECT LastName, Email FROM Contacts) FROM Account WHERE Name LIKE '${MARKER} Files%'`;
    await sfJson(['data', 'export', 'tree', '--query', exportQuery, '--output-dir', exportDir, '--plan', '--target-org', ALIAS]);
    const files = readdirSync(exportDir).sort();
    assert.ok(files.some((f) => f.endsWith('plan.json')), files.join(', '));
    const exportedAccounts = JSON.parse(readFileSync(join(exportDir, files.find((f) => /Accounts?\.json$/.test(f))), 'utf8'));
    assert.deepEqual(exportedAccounts.records.map((r) => r.Name).sort(), [`${MARKER} Files One`, `${MARKER} Files Two`]);
    // Rename the exported copies so the round trip is told apart from the originals.
    for (const f of files) {
      const text = readFileSync(join(exportDir, f), 'utf8').replaceAll(`${MARKER} Files`, `${MARKER} Again`);
      writeFileSync(join(exportDir, f), text);
    }
    const plan = files.find((f) => f.endsWith('plan.json'));
    await sfJson(['data', 'import', 'tree', '--plan', join(exportDir, plan), '--target-org', ALIAS]);
    assert.deepEqual(await treeOf('Again'), want('Again'));
  });

  test('sf data import tree: a bad record rolls the whole file back', async () => {
    const dir = mkdtempSync(join(home, 'bad-'));
    const records = [
      { attributes: { type: 'Account', referenceId: 'Good1' }, Name: `${MARKER} Rollback Good` },
      // Name is required: this record fails after the first was inserted.
      { attributes: { type: 'Account', referenceId: 'Bad1' }, Industry: 'Energy' },
    ];
    writeFileSync(join(dir, 'Account.json'), JSON.stringify({ records }));
    const run = await sf(['data', 'import', 'tree', '--files', join(dir, 'Account.json'), '--target-org', ALIAS, '--json']);
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stdout, /Bad1/);
    assert.deepEqual(await soql(`SELECT Id FROM Account WHERE Name LIKE '${MARKER} Rollback%'`), [], 'nothing was created');
  });
});
