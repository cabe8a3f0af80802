// The sign-in helpers of src/oidc.js that need no browser: PKCE, state, nonce and the ID token
// checks. Run with `node --test test/` (the Maven build does, in its test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  authorizationRequest, base64url, callbackCode, checkIdToken, codeChallenge, logoutUrl, needsRenewal, randomString,
  safeReturnPath, sessionFrom, SignInError
} from '../src/oidc.js';

const config = {
  mode: 'oidc',
  issuer: 'https://issuer.example',
  clientId: 'pages',
  authorizationEndpoint: 'https://login.example/oauth2/authorize',
  tokenEndpoint: 'https://login.example/oauth2/token',
  logoutEndpoint: 'https://login.example/logout',
  scopes: ['openid', 'email', 'profile']
};

function token(claims) {
  const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

function reason(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SignInError, String(error));
    return error.reason;
  }
  assert.fail('no SignInError');
}

test('the S256 challenge of the verifier in RFC 7636, appendix B', async () => {
  assert.equal(
    await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
  );
});

test('the challenge is the base64url SHA-256 of any verifier, as a server computes it', async () => {
  for (let i = 0; i < 20; i++) {
    const verifier = randomString();
    assert.equal(await codeChallenge(verifier), createHash('sha256').update(verifier).digest('base64url'));
  }
});

test('base64url has no padding and no + or /', () => {
  for (let i = 0; i < 50; i++) {
    const bytes = randomBytes(i);
    assert.equal(base64url(bytes), Buffer.from(bytes).toString('base64url'));
  }
});

test('verifiers are 43 unreserved characters and never repeat', () => {
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const verifier = randomString();
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    seen.add(verifier);
  }
  assert.equal(seen.size, 200);
});

test('the authorization request asks for a code with PKCE S256, a state and a nonce', async () => {
  const { url, pending } = await authorizationRequest(config, { redirectUri: 'https://city.example/auth.html', returnTo: '/clerk.html#/task/7', now: 1000 });
  const params = new URL(url).searchParams;
  assert.equal(new URL(url).origin + new URL(url).pathname, config.authorizationEndpoint);
  assert.equal(params.get('response_type'), 'code');
  assert.equal(params.get('client_id'), 'pages');
  assert.equal(params.get('redirect_uri'), 'https://city.example/auth.html');
  assert.equal(params.get('scope'), 'openid email profile');
  assert.equal(params.get('state'), pending.state);
  assert.equal(params.get('nonce'), pending.nonce);
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.equal(params.get('code_challenge'), createHash('sha256').update(pending.verifier).digest('base64url'));
  assert.ok(!url.includes(pending.verifier), 'the verifier never leaves the tab');
  assert.notEqual(pending.state, pending.nonce);
  assert.equal(pending.returnTo, '/clerk.html#/task/7');
  assert.equal(pending.startedAt, 1000);
});

test('the callback is accepted only with the state this tab sent, in time', () => {
  const pending = { state: 'abc', startedAt: 0 };
  assert.equal(callbackCode(new URLSearchParams('code=c1&state=abc'), pending, 1000), 'c1');
  assert.equal(reason(() => callbackCode(new URLSearchParams('code=c1&state=xyz'), pending, 1000)), 'state');
  assert.equal(reason(() => callbackCode(new URLSearchParams('code=c1'), pending, 1000)), 'state');
  assert.equal(reason(() => callbackCode(new URLSearchParams('code=c1&state=abc'), null, 1000)), 'noRequest');
  assert.equal(reason(() => callbackCode(new URLSearchParams('code=c1&state=abc'), pending, 11 * 60 * 1000)), 'tooSlow');
  assert.equal(reason(() => callbackCode(new URLSearchParams('error=access_denied&state=abc'), pending, 1000)), 'refused');
  assert.equal(reason(() => callbackCode(new URLSearchParams('state=abc'), pending, 1000)), 'noCode');
});

test('the ID token must name our issuer, our client and our nonce, and be in date', () => {
  const now = 1_700_000_000_000;
  const good = { iss: config.issuer, aud: 'pages', nonce: 'n1', exp: now / 1000 + 600, 'cognito:username': 'clerk.water' };
  const check = (claims) => checkIdToken(token(claims), { issuer: config.issuer, clientId: 'pages', nonce: 'n1', now });
  assert.equal(check(good)['cognito:username'], 'clerk.water');
  assert.equal(check({ ...good, aud: ['other', 'pages'] }).nonce, 'n1');
  assert.equal(reason(() => check({ ...good, iss: 'https://evil.example' })), 'issuer');
  assert.equal(reason(() => check({ ...good, aud: 'other' })), 'audience');
  assert.equal(reason(() => check({ ...good, nonce: 'n2' })), 'nonce');
  assert.equal(reason(() => check({ ...good, nonce: undefined })), 'nonce');
  assert.equal(reason(() => check({ ...good, exp: now / 1000 - 3600 })), 'expired');
  assert.equal(reason(() => checkIdToken('not-a-token', { issuer: config.issuer, clientId: 'pages', nonce: 'n1', now })), 'malformedToken');
  // a renewed ID token carries no nonce, and none is asked for
  assert.equal(checkIdToken(token({ ...good, nonce: undefined }), { issuer: config.issuer, clientId: 'pages', now }).iss, config.issuer);
});

test('the session keeps the refresh token a renewal does not return, and renews a minute early', () => {
  const now = 1_000_000;
  const first = sessionFrom({ access_token: 'a1', refresh_token: 'r1', id_token: token({ 'cognito:username': 'clerk.water' }), expires_in: 3600 }, null, now);
  assert.deepEqual(first, { accessToken: 'a1', idToken: first.idToken, refreshToken: 'r1', expiresAt: now + 3_600_000, username: 'clerk.water' });
  const renewed = sessionFrom({ access_token: 'a2', expires_in: 3600 }, first, now + 10);
  assert.equal(renewed.refreshToken, 'r1');
  assert.equal(renewed.accessToken, 'a2');
  assert.equal(renewed.username, 'clerk.water');
  assert.equal(needsRenewal(first, now + 3_600_000 - 61_000), false);
  assert.equal(needsRenewal(first, now + 3_600_000 - 59_000), true);
});

test('only paths of this origin are places to return to', () => {
  assert.equal(safeReturnPath('/owner.html#/models'), '/owner.html#/models');
  for (const elsewhere of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', undefined, null]) {
    assert.equal(safeReturnPath(elsewhere), '/clerk.html');
  }
});

test('sign-out goes to the issuer with the client and the signed-out page', () => {
  const url = new URL(logoutUrl(config, 'https://city.example'));
  assert.equal(url.origin + url.pathname, 'https://login.example/logout');
  assert.equal(url.searchParams.get('client_id'), 'pages');
  assert.equal(url.searchParams.get('logout_uri'), 'https://city.example/auth.html');
});

// ---- renewal, with the browser's storage and fetch stood in for

function browserStandIns(answer) {
  const store = new Map();
  globalThis.sessionStorage = {
    getItem: (key) => (store.has(key) ? store.get(key) : null),
    setItem: (key, value) => store.set(key, String(value)),
    removeItem: (key) => store.delete(key)
  };
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push(Object.fromEntries(new URLSearchParams(init.body)));
    return answer();
  };
  return calls;
}

const json = (status, body) => ({ ok: status < 400, status, json: async () => body });

test('one renewal for many calls, with the refresh token, keeping it when none comes back', async () => {
  const { renewSession, currentSession } = await import('../src/oidc.js');
  const calls = browserStandIns(() => json(200, { access_token: 'a2', expires_in: 3600 }));
  sessionStorage.setItem('cityflow.session', JSON.stringify({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 }));
  const [first, second] = await Promise.all([renewSession(config), renewSession(config)]);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0], { grant_type: 'refresh_token', client_id: 'pages', refresh_token: 'r1' });
  assert.equal(first.accessToken, 'a2');
  assert.equal(second.accessToken, 'a2');
  assert.equal(currentSession().refreshToken, 'r1');
});

test('a refused renewal ends the session; an unreachable issuer does not', async () => {
  const { renewSession, currentSession } = await import('../src/oidc.js');
  browserStandIns(() => json(400, { error: 'invalid_grant' }));
  sessionStorage.setItem('cityflow.session', JSON.stringify({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 }));
  assert.equal(await renewSession(config), null);
  assert.equal(currentSession(), null);

  browserStandIns(() => {
    throw new TypeError('Failed to fetch');
  });
  sessionStorage.setItem('cityflow.session', JSON.stringify({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 }));
  assert.equal(await renewSession(config), null);
  assert.equal(currentSession().accessToken, 'a1');
});
