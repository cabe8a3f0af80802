// Staff sign-in with an OIDC issuer (Cognito's hosted UI on AWS; docs/adr/0018): the authorization
// code flow with PKCE (S256) for a public client, in plain browser code. The pages hold no secret.
// Tokens live in sessionStorage: one tab, gone when it closes. The functions above the line take
// their randomness, clock and storage as arguments so that Node's test runner can check them
// (test/oidc.test.mjs); the ones below it drive the browser.

/** Where the issuer sends the browser back: the sign-in callback and the signed-out page. */
export const CALLBACK_PATH = '/auth.html';

const SESSION_KEY = 'cityflow.session';
const PENDING_KEY = 'cityflow.signIn.pending';
const REDIRECTED_KEY = 'cityflow.signIn.redirectedAt';
const SIGNED_OUT_FROM_KEY = 'cityflow.signIn.signedOutFrom';
/** A sign-in not finished within this time is abandoned (the issuer's codes live minutes). */
const PENDING_LIFETIME_MS = 10 * 60 * 1000;
/** Tokens are renewed this long before they expire, so a call never leaves with a stale one. */
const RENEW_MARGIN_MS = 60 * 1000;
/** Clock difference between the browser and the issuer that is still accepted. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A sign-in that cannot go on; `reason` is a short code shown to the user and the tests. */
export class SignInError extends Error {
  constructor(reason, detail) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.reason = reason;
  }
}

/** Base64url without padding (RFC 4648 §5), as PKCE and JWTs use it. */
export function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlDecode(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** `byteCount` random bytes as base64url: 32 bytes give a 43-character PKCE verifier. */
export function randomString(byteCount = 32, random = globalThis.crypto) {
  const bytes = new Uint8Array(byteCount);
  random.getRandomValues(bytes);
  return base64url(bytes);
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier, subtle = globalThis.crypto.subtle) {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The claims of a JWT, unchecked: the token came straight from the issuer over TLS. */
export function jwtClaims(token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) {
    throw new SignInError('malformedToken');
  }
  try {
    return JSON.parse(new TextDecoder().decode(base64urlDecode(parts[1])));
  } catch {
    throw new SignInError('malformedToken');
  }
}

/**
 * The authorization request: the URL to send the browser to and what must be kept until it comes
 * back (state, nonce, the PKCE verifier, where to return).
 */
export async function authorizationRequest(config, { redirectUri, returnTo, now = Date.now(), random = globalThis.crypto }) {
  const pending = {
    state: randomString(32, random),
    nonce: randomString(32, random),
    verifier: randomString(32, random),
    redirectUri,
    returnTo: safeReturnPath(returnTo),
    startedAt: now
  };
  const url = new URL(config.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', config.scopes.join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await codeChallenge(pending.verifier, random.subtle));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), pending };
}

/**
 * The code of the issuer's answer, after checking that it answers the request this tab made: the
 * same state, not too old. An error answer or a forged state throws.
 */
export function callbackCode(params, pending, now = Date.now()) {
  if (!pending) {
    throw new SignInError('noRequest');
  }
  if (!params.get('state') || params.get('state') !== pending.state) {
    throw new SignInError('state');
  }
  if (params.get('error')) {
    throw new SignInError('refused', params.get('error_description') || params.get('error'));
  }
  if (now - pending.startedAt > PENDING_LIFETIME_MS) {
    throw new SignInError('tooSlow');
  }
  const code = params.get('code');
  if (!code) {
    throw new SignInError('noCode');
  }
  return code;
}

/** Checks the ID token the code was exchanged for: our issuer, our client, our nonce, in date. */
export function checkIdToken(idToken, { issuer, clientId, nonce, now = Date.now() }) {
  const claims = jwtClaims(idToken);
  if (claims.iss !== issuer) {
    throw new SignInError('issuer');
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) {
    throw new SignInError('audience');
  }
  if (nonce !== undefined && claims.nonce !== nonce) {
    throw new SignInError('nonce');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now - CLOCK_SKEW_MS) {
    throw new SignInError('expired');
  }
  return claims;
}

/** The session kept from a token response; a refresh that returns no refresh token keeps the old. */
export function sessionFrom(tokens, previous = null, now = Date.now()) {
  const claims = tokens.id_token ? jwtClaims(tokens.id_token) : {};
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token || previous?.idToken,
    refreshToken: tokens.refresh_token || previous?.refreshToken,
    expiresAt: now + Number(tokens.expires_in || 0) * 1000,
    username: claims['cognito:username'] || claims.preferred_username || previous?.username || claims.sub
  };
}

/** Whether the access token should be renewed before the next call. */
export function needsRenewal(session, now = Date.now()) {
  return !session.expiresAt || session.expiresAt - now < RENEW_MARGIN_MS;
}

/** Only a path of this origin is a place to return to: never another site. */
export function safeReturnPath(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : '/clerk.html';
}

/** The issuer's sign-out URL (Cognito's parameters: client_id and logout_uri). */
export function logoutUrl(config, origin) {
  const url = new URL(config.logoutEndpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', origin + CALLBACK_PATH);
  return url.toString();
}

// ---- the browser ----

let configPromise;

/** How staff sign in here: `{mode: 'local'}` or the issuer's endpoints (GET /api/web/sign-in). */
export function signInConfig() {
  configPromise ??= fetch('/api/web/sign-in', { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : { mode: 'local' }))
    .catch(() => ({ mode: 'local' }));
  return configPromise;
}

export function currentSession() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Sends the browser to the issuer's sign-in; it comes back to `returnTo` (default: here). */
export async function beginSignIn(config, returnTo = location.pathname + location.search + location.hash) {
  const { url, pending } = await authorizationRequest(config, { redirectUri: location.origin + CALLBACK_PATH, returnTo });
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(url);
}

/**
 * Finishes the sign-in on the callback page: checks the answer, exchanges the code with the PKCE
 * verifier, checks the ID token and keeps the session. Returns the path to go back to. A request is
 * used once: reloading the callback page cannot replay it.
 */
export async function completeSignIn(config, search = location.search) {
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PENDING_KEY));
  } catch {
    // unreadable: as if there were none
  }
  sessionStorage.removeItem(PENDING_KEY);
  const code = callbackCode(new URLSearchParams(search), pending);
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier
  });
  checkIdToken(tokens.id_token, { issuer: config.issuer, clientId: config.clientId, nonce: pending.nonce });
  saveSession(sessionFrom(tokens));
  return pending.returnTo;
}

/** Where a failed sign-in should offer to start again. */
export function pendingReturnPath() {
  try {
    return safeReturnPath(JSON.parse(sessionStorage.getItem(PENDING_KEY))?.returnTo);
  } catch {
    return safeReturnPath(undefined);
  }
}

async function tokenRequest(config, params) {
  let response;
  try {
    response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(params)
    });
  } catch {
    throw new SignInError('unreachable');
  }
  let body = {};
  try {
    body = await response.json();
  } catch {
    // no JSON: the status says enough
  }
  if (!response.ok || !body.access_token) {
    throw new SignInError('token', body.error || `HTTP ${response.status}`);
  }
  return body;
}

let renewal = null;

/**
 * Renews the access token with the refresh token; one renewal at a time however many calls need
 * it. Resolves to the new session, or null: with no session left when the issuer refused, with the
 * old one kept when the issuer could not be reached (the next call tries again).
 */
export function renewSession(config) {
  renewal ??= (async () => {
    const session = currentSession();
    if (!session?.refreshToken) {
      return null;
    }
    try {
      const tokens = await tokenRequest(config, {
        grant_type: 'refresh_token',
        client_id: config.clientId,
        refresh_token: session.refreshToken
      });
      if (tokens.id_token) {
        checkIdToken(tokens.id_token, { issuer: config.issuer, clientId: config.clientId });
      }
      const renewed = sessionFrom(tokens, session);
      saveSession(renewed);
      return renewed;
    } catch (error) {
      if (error.reason !== 'unreachable') {
        clearSession();
      }
      return null;
    }
  })().finally(() => {
    renewal = null;
  });
  return renewal;
}

/** The access token for the next call, renewed first when it is about to expire. */
export async function accessToken(config) {
  const session = currentSession();
  if (!session) {
    return null;
  }
  if (needsRenewal(session) && session.refreshToken) {
    const renewed = await renewSession(config);
    // Not renewed: the API decides about the old token (a refusal sends the browser to sign in).
    return renewed ? renewed.accessToken : currentSession()?.accessToken ?? session.accessToken;
  }
  return session.accessToken;
}

/**
 * Whether the page may send the browser to the issuer by itself after the API refused the token.
 * Not twice without a successful call in between: a token the API never accepts would loop.
 */
export function mayRedirectToSignIn() {
  return !sessionStorage.getItem(REDIRECTED_KEY);
}

export function noteRedirectToSignIn() {
  sessionStorage.setItem(REDIRECTED_KEY, String(Date.now()));
}

/** A call succeeded with the session: the next refusal may send the browser to sign in again. */
export function noteAcceptedCall() {
  sessionStorage.removeItem(REDIRECTED_KEY);
}

/**
 * Signs out: forgets the tokens, revokes the refresh token where the issuer allows it (best
 * effort), and ends the issuer's session, which sends the browser to the signed-out page.
 */
export async function signOut(config) {
  const session = currentSession();
  clearSession();
  sessionStorage.removeItem(REDIRECTED_KEY);
  sessionStorage.setItem(SIGNED_OUT_FROM_KEY, safeReturnPath(location.pathname + location.hash));
  if (config.revocationEndpoint && session?.refreshToken) {
    try {
      await fetch(config.revocationEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: session.refreshToken, client_id: config.clientId }),
        signal: AbortSignal.timeout(3000)
      });
    } catch {
      // the issuer's sign-out below still ends the session there
    }
  }
  location.assign(logoutUrl(config, location.origin));
}

/** The page signed out from, for the signed-out page's "sign in again". */
export function signedOutFrom() {
  return safeReturnPath(sessionStorage.getItem(SIGNED_OUT_FROM_KEY) || undefined);
}
