// The REST API as a test checks results through it: a session for a seeded
// user (the real OAuth code flow with PKCE against devorg started with
// `--auto-approve USER`), then plain fetch calls. Tests assert what the org
// holds, not only what the panel shows.
import { createHash, randomBytes } from 'node:crypto';

const VERSION = 'v62.0';
const base64url = (buf) => buf.toString('base64').replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/** A session for the user devorg auto-approves. */
export async function restSession(orgUrl) {
  const verifier = base64url(randomBytes(48));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const redirect = 'http://localhost/callback';
  const authorize = new URL('/services/oauth2/authorize', orgUrl);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'SidecarDevorg', redirect_uri: redirect, code_challenge: challenge, state: 'e2e' })) {
    authorize.searchParams.set(k, v);
  }
  const answer = await fetch(authorize, { redirect: 'manual' });
  if (answer.status !== 302) throw new Error(`authorize answered ${answer.status}: start devorg with --auto-approve`);
  const code = new URL(answer.headers.get('location')).searchParams.get('code');
  const token = await fetch(new URL('/services/oauth2/token', orgUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'SidecarDevorg', redirect_uri: redirect, code_verifier: verifier }),
  });
  const body = await token.json();
  if (!token.ok) throw new Error(`token: ${JSON.stringify(body)}`);
  return { ...rest(orgUrl, body.access_token), refreshToken: body.refresh_token, userId: body.id.split('/').pop() };
}

/** A session for `username` through devorg's login form (as an admin logs in; no browser). */
export async function loginAs(orgUrl, username, password = 'sidecar') {
  const redirect = 'http://localhost/callback';
  const login = await fetch(new URL('/services/oauth2/authorize', orgUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ response_type: 'code', client_id: 'SidecarDevorg', redirect_uri: redirect, username, password, action: 'allow' }),
  });
  if (login.status !== 302) throw new Error(`login as ${username} answered ${login.status}`);
  const code = new URL(login.headers.get('location')).searchParams.get('code');
  const token = await fetch(new URL('/services/oauth2/token', orgUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'SidecarDevorg', redirect_uri: redirect }),
  });
  const body = await token.json();
  if (!token.ok) throw new Error(`token: ${JSON.stringify(body)}`);
  return rest(orgUrl, body.access_token);
}

/** REST calls with `accessToken`; each returns `{ status, body }`. */
export function rest(orgUrl, accessToken) {
  const call = async (method, path, body) => {
    const response = await fetch(new URL(`/services/data/${VERSION}${path}`, orgUrl), {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    accessToken,
    call,
    async query(soql) {
      const { status, body } = await call('GET', `/query?q=${encodeURIComponent(soql)}`);
      if (status !== 200) throw new Error(`query ${soql}: ${status} ${JSON.stringify(body)}`);
      return body.records;
    },
    get: (path) => call('GET', path),
    patch: (path, body) => call('PATCH', path, body),
    post: (path, body) => call('POST', path, body),
  };
}

/** Whether devorg still honours `refreshToken` (a refresh_token grant succeeds). */
export async function refreshWorks(orgUrl, refreshToken) {
  const answer = await fetch(new URL('/services/oauth2/token', orgUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'SidecarDevorg' }),
  });
  return answer.ok;
}
