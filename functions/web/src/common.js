// What every page shares: message bundles (Simplified Chinese and English), the API client with
// problem+json errors, staff sign-in (the local one, or the OIDC issuer's: oidc.js), and small DOM
// and time helpers.
import * as oidc from './oidc.js';

const LANG_KEY = 'cityflow.lang';
const TOKEN_KEY = 'cityflow.token';
const LANGS = ['zh-CN', 'en'];
let messages = {};
let lang = 'en';
const listeners = [];

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key, params = {}) {
  let text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), messages);
  if (text != null && typeof text === 'object' && typeof text.other === 'string' && params.count != null) {
    // A message with plural forms ({"one": …, "other": …}) takes the one the language's rules pick.
    text = text[new Intl.PluralRules(lang).select(Number(params.count))] || text.other;
  }
  if (typeof text !== 'string') {
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] == null ? '' : String(params[name])));
}

/** Like t(), but undefined when the bundle has no such message. */
export function tOptional(key) {
  const text = t(key);
  return text === key ? undefined : text;
}

/** The form text in the current language: forms/ hold English, the bundle's formText maps it. */
export function formText(english) {
  return (messages.formText && messages.formText[english]) || english;
}

export function currentLang() {
  return lang;
}

/** Loads the bundle of the chosen (or the browser's) language and fills every [data-i18n] element. */
export async function initI18n() {
  const saved = localStorage.getItem(LANG_KEY);
  const browser = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  await setLang(LANGS.includes(saved) ? saved : browser);
}

async function setLang(next) {
  const response = await fetch(`/messages/${next}.json`);
  messages = await response.json();
  lang = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
  translateStatic(document);
  listeners.forEach((listener) => listener());
}

/** Calls `listener` after every language switch (pages re-render their dynamic parts). */
export function onLangChange(listener) {
  listeners.push(listener);
}

/** Fills text (data-i18n) and attributes (data-i18n-attr="placeholder:key;aria-label:key"). */
export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((node) => {
    node.dataset.i18nAttr.split(';').forEach((pair) => {
      const [attr, key] = pair.split(':');
      node.setAttribute(attr, t(key));
    });
  });
  if (document.body.dataset.titleKey) {
    document.title = t(document.body.dataset.titleKey);
  }
}

/** The language switch: one button that offers the other language, named in that language. */
export function mountLangSwitch(button) {
  const label = () => {
    const other = lang === 'en' ? 'zh-CN' : 'en';
    button.textContent = other === 'en' ? 'English' : '简体中文';
    button.lang = other;
    button.title = t('common.switchLanguage');
  };
  button.addEventListener('click', () => setLang(lang === 'en' ? 'zh-CN' : 'en'));
  onLangChange(label);
  label();
}

/** An API failure with the problem's detail and the field it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.field = problem.field;
    this.errors = problem.errors || [];
  }
}

/** The issuer's sign-in settings once a staff page signed in with it; null with the local sign-in. */
let issuer = null;
/** What a staff page does when the API refuses the session and the page may not redirect. */
let onSessionLost = () => {};

function send(path, { method = 'GET', body, multipart, headers = {}, text = false }, token) {
  return fetch(path, {
    method,
    headers: {
      Accept: text ? 'application/xml, text/plain' : 'application/json',
      // A multipart body sets its own Content-Type with the boundary.
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers
    },
    body: multipart ?? (body === undefined ? undefined : JSON.stringify(body))
  });
}

/**
 * Calls the case API: JSON (or a multipart body) in, JSON out, the staff token when signed in. With
 * the issuer's sign-in the token is renewed before it expires, and a refused token is renewed once
 * and the call repeated (the API refused it before doing anything); when that fails too, the
 * browser goes to sign in and comes back to the same page.
 */
export async function api(path, options = {}) {
  let token = issuer ? await oidc.accessToken(issuer) : sessionStorage.getItem(TOKEN_KEY);
  let response = await send(path, options, token);
  if (response.status === 401 && issuer && token) {
    const renewed = await oidc.renewSession(issuer);
    if (renewed) {
      token = renewed.accessToken;
      response = await send(path, options, token);
    }
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // not a problem document: the status alone tells what happened
    }
    if (response.status === 401 && token) {
      if (issuer) {
        sessionLost();
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    }
    throw new ApiError(response.status, problem);
  }
  if (issuer && token) {
    oidc.noteAcceptedCall();
  }
  if (response.status === 204) {
    return null;
  }
  return options.text ? response.text() : response.json();
}

/** The API refused the issuer's token and no renewal helped: sign in again, back to this page. */
function sessionLost() {
  oidc.clearSession();
  if (oidc.mayRedirectToSignIn()) {
    oidc.noteRedirectToSignIn();
    oidc.beginSignIn(issuer);
  } else {
    onSessionLost();
  }
}

/** The text to show for a failed call: the field it names and what is wrong with it. */
export function describeError(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return t('common.error.signIn');
    }
    if (error.status === 404) {
      return t('common.error.notFound');
    }
    if (error.status >= 500) {
      return t('common.error.server');
    }
    const named = (field, message) => (field ? `${field}: ${message}` : message);
    const details = error.errors.length
      ? error.errors.map((e) => named(e.field, e.message)).join('; ')
      : named(error.field, error.message);
    return t('common.error.rejected', { details });
  }
  return t('common.error.network');
}

/** Creates an element: el('button', {type: 'button', onclick}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Shows a status or error message in a live region, so screen readers announce it. */
export function announce(region, text, kind = 'info') {
  region.textContent = text;
  region.className = `message message-${kind}`;
  region.hidden = !text;
}

export function formatDateTime(iso) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(isoDate) {
  if (!isoDate) {
    return '';
  }
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(`${isoDate}T12:00:00`));
}

/** "3 d 4 h left" or "overdue by 2 h": the time to an SLA due date, in words of the bundle. */
export function slaCountdown(dueIso, now = Date.now()) {
  if (!dueIso) {
    return { text: t('sla.none'), state: 'none' };
  }
  const minutes = Math.round((new Date(dueIso).getTime() - now) / 60000);
  const span = Math.abs(minutes);
  const days = Math.floor(span / 1440);
  const hours = Math.floor((span % 1440) / 60);
  const mins = span % 60;
  const amount =
    days > 0 ? t('sla.daysHours', { days, hours }) : hours > 0 ? t('sla.hoursMinutes', { hours, minutes: mins }) : t('sla.minutes', { minutes: mins });
  if (minutes < 0) {
    return { text: t('sla.overdueBy', { amount }), state: 'overdue' };
  }
  return { text: t('sla.left', { amount }), state: minutes < 24 * 60 ? 'soon' : 'ok' };
}

/** Reads a File as base64 (without the data: prefix), for JSON uploads. */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Staff pages: shows the sign-in until a token is held, then calls `onSignedIn(me)`. `roles` are
 * the roles that may use the page. GET /api/web/sign-in says which sign-in: the local form
 * (user name and password), or a button that sends the browser to the OIDC issuer.
 */
export async function mountStaffSession(options) {
  const config = await oidc.signInConfig();
  if (config.mode === 'oidc') {
    mountIssuerSignIn(config, options);
  } else {
    mountLocalSignIn(options);
  }
}

function staffEntry({ signInSection, appSection, userLabel, signOutButton, roles, onSignedIn }, message, forget) {
  return async () => {
    const me = await api('/api/staff/me');
    if (!me.roles.some((role) => roles.includes(role))) {
      forget();
      announce(message, t('common.error.wrongRole'), 'error');
      signInSection.hidden = false;
      return false;
    }
    signInSection.hidden = true;
    appSection.hidden = false;
    userLabel.textContent = me.username;
    signOutButton.hidden = false;
    await onSignedIn(me);
    return true;
  };
}

function mountLocalSignIn(options) {
  const { signInSection, appSection, signOutButton } = options;
  const form = signInSection.querySelector('form');
  const message = signInSection.querySelector('[role="alert"]');
  const enter = staffEntry(options, message, () => sessionStorage.removeItem(TOKEN_KEY));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    announce(message, '');
    const data = new FormData(form);
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username: data.get('username'), password: data.get('password') })
      });
      if (!response.ok) {
        announce(message, t('common.signIn.failed'), 'error');
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, (await response.json()).access_token);
      await enter();
    } catch (error) {
      announce(message, describeError(error), 'error');
    }
  });
  signOutButton.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    location.reload();
  });
  if (sessionStorage.getItem(TOKEN_KEY)) {
    enter().catch(() => {
      signInSection.hidden = false;
      appSection.hidden = true;
    });
  } else {
    signInSection.hidden = false;
  }
}

/** The issuer's sign-in: the password form gives way to one button; the issuer asks the rest. */
function mountIssuerSignIn(config, options) {
  const { signInSection, appSection, signOutButton } = options;
  issuer = config;
  signInSection.querySelector('form').hidden = true;
  const message = el('div', { role: 'alert', id: 'sign-in-message', hidden: true });
  signInSection.append(
    el('div', { class: 'stack narrow' },
      el('p', { 'data-i18n': 'common.signIn.withIssuer' }, t('common.signIn.withIssuer')),
      message,
      el('button', { type: 'button', class: 'primary', id: 'sign-in-issuer', 'data-i18n': 'common.signIn.submit', onclick: () => oidc.beginSignIn(config) },
        t('common.signIn.submit')))
  );
  const showSignIn = (text) => {
    signInSection.hidden = false;
    appSection.hidden = true;
    signOutButton.hidden = true;
    announce(message, text || '', 'error');
  };
  onSessionLost = () => showSignIn(t('common.error.signIn'));
  const enter = staffEntry(options, message, oidc.clearSession);
  signOutButton.addEventListener('click', () => oidc.signOut(config));
  if (oidc.currentSession()) {
    enter()
      .then((entered) => {
        // Another account is needed: signing in again would bring back this one from the
        // issuer's own session, so offer to sign out there first.
        signOutButton.hidden = entered === false ? false : signOutButton.hidden;
      })
      .catch((error) => {
        // A refused session has already gone to sign in, or called onSessionLost.
        if (error instanceof ApiError && error.status === 403) {
          showSignIn(t('common.error.wrongRole'));
          signOutButton.hidden = false;
        } else if (!(error instanceof ApiError && error.status === 401)) {
          showSignIn(describeError(error));
        }
      });
  } else {
    showSignIn();
  }
}
