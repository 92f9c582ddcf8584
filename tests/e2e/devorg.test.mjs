// The real devorg binary, as the extension and third-party clients reach it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDevorg } from './support/fixtures.mjs';

describe('devorg binary', () => {
  let org;
  before(async () => {
    org = await startDevorg();
  });
  after(async () => {
    await org?.stop();
  });

  test('picks a free port, prints it, and serves the versions list', async () => {
    assert.match(org.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${org.url}/services/data`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json;charset=UTF-8');
    const versions = await response.json();
    assert.ok(versions.some((v) => v.version === '62.0' && v.url === '/services/data/v62.0'));
  });

  test('answers unknown paths with a Salesforce error array, not a bare 404', async () => {
    const response = await fetch(`${org.url}/services/data/v62.0/nope`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
});
