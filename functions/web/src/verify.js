// The public check of a permit certificate (docs/adr/0021, 0022): the QR code on the certificate
// opens this page with its code (verify.html?code=XXXX-XXXX-XXXX-XXXX); anyone can also type the
// code printed on the paper. It asks GET /api/public/certificates/{code} and says in words whether
// the city issued the certificate, whether it still holds (valid, expired after its last valid day,
// or revoked by the city, with the day and the reason) and what it says, for comparing with the
// paper. No sign-in.
import './style.css';
import './verify.css';
import { ApiError, api, describeError, el, formatDate, initI18n, mountLangSwitch, onLangChange, t } from './common.js';

/** common.js keeps the chosen language under this key; this page starts in Chinese. */
const LANG_KEY = 'cityflow.lang';
/** The code's alphabet (VerificationCodes): no 0/O, 1/I/L, which are easily misread on paper. */
const CODE = /^[2-9A-HJKMNP-Z]{16}$/;

const form = document.getElementById('verify-form');
const input = document.getElementById('verify-code');
const inputError = document.getElementById('verify-code-error');
const result = document.getElementById('verify-result');

/**
 * How each status of a certificate on the register reads: the verdict's class, its heading and
 * text, and the status word. An expired or revoked certificate is genuine but no longer valid.
 */
const VERDICTS = {
  VALID: { className: 'verdict-valid', heading: 'verify.valid.heading', text: 'verify.valid.text', status: 'verify.facts.statusValid' },
  EXPIRED: { className: 'verdict-expired', heading: 'certificate.verify.expired.heading', text: 'certificate.verify.expired.text', status: 'certificate.verify.statusExpired' },
  REVOKED: { className: 'verdict-revoked', heading: 'certificate.verify.revoked.heading', text: 'certificate.verify.revoked.text', status: 'certificate.verify.statusRevoked' }
};

/** What is shown now: re-rendered in the other language when it is switched. */
let shown = null;

/** The code as the API takes it: upper case, without dashes and spaces, grouped by four again. */
function normalise(code) {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function grouped(normalised) {
  return normalised.match(/.{1,4}/g).join('-');
}

function fact(labelKey, ...value) {
  return [el('dt', {}, t(labelKey)), el('dd', {}, ...value)];
}

function render() {
  result.replaceChildren();
  result.dataset.state = shown ? shown.state : '';
  result.dataset.status = '';
  if (!shown) {
    return;
  }
  if (shown.state === 'checking') {
    result.append(el('p', { class: 'hint' }, t('verify.checking')));
    return;
  }
  const heading = el('h2', { id: 'verify-verdict', tabindex: '-1' });
  if (shown.state === 'found') {
    const c = shown.certificate;
    // A status this page does not know yet is not shown as valid.
    const verdict = VERDICTS[c.status];
    if (!verdict) {
      shown = { state: 'unavailable', code: shown.code, error: new Error(c.status) };
      render();
      return;
    }
    heading.textContent = t(verdict.heading);
    result.dataset.status = c.status;
    const revoked = c.status === 'REVOKED';
    result.append(
      el('div', { class: `verdict ${verdict.className}` },
        heading,
        el('p', {}, t(verdict.text, { validUntil: c.validUntil ? formatDate(c.validUntil) : '', revokedOn: c.revokedOn ? formatDate(c.revokedOn) : '' })),
        el('dl', { class: 'case-facts', id: 'verify-facts' },
          fact('verify.facts.status', el('strong', { id: 'verify-status' }, t(verdict.status))),
          revoked && c.revokedOn ? fact('certificate.verify.revokedOn', el('time', { id: 'verify-revoked-on', datetime: c.revokedOn }, formatDate(c.revokedOn))) : [],
          revoked && c.revocationReason ? fact('certificate.verify.revocationReason', el('span', { id: 'verify-revocation-reason' }, c.revocationReason)) : [],
          fact('verify.facts.permit', el('span', { id: 'verify-permit' }, c.permitType)),
          fact('verify.facts.holder', el('span', { id: 'verify-holder' }, c.applicantName), ' ',
            el('span', { class: 'hint' }, t('verify.facts.holderHint'))),
          fact('verify.facts.number', el('span', { id: 'verify-number', class: 'code' }, c.certificateNumber)),
          fact('verify.facts.issuedOn', el('time', { id: 'verify-issued-on', datetime: c.issuedOn }, formatDate(c.issuedOn))),
          c.validUntil ? fact('verify.facts.validUntil', el('time', { id: 'verify-valid-until', datetime: c.validUntil }, formatDate(c.validUntil))) : [],
          c.issuer ? fact('verify.facts.issuer', el('span', { id: 'verify-issuer' }, c.issuer)) : [],
          fact('verify.facts.code', el('span', { class: 'code' }, shown.code))))
    );
  } else if (shown.state === 'not-found') {
    heading.textContent = t('verify.notFound.heading');
    result.append(
      el('div', { class: 'verdict verdict-invalid' },
        heading,
        el('p', {}, t('verify.notFound.text', { code: shown.code })))
    );
  } else {
    heading.textContent = t('verify.unavailable.heading');
    const reason = shown.error instanceof ApiError && shown.error.status === 429 ? t('verify.tooMany') : describeError(shown.error);
    result.append(
      el('div', { class: 'verdict verdict-unknown', role: 'alert' },
        heading,
        el('p', {}, t('verify.unavailable.text', { reason })))
    );
  }
}

function showInputError(key) {
  inputError.textContent = key ? t(key) : '';
  inputError.hidden = !key;
  inputError.dataset.key = key || '';
  if (key) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
}

/** Checks a code and shows the verdict; `focus` moves the reader to it (after typing a code). */
async function check(typed, focus) {
  const normalised = normalise(typed);
  if (!normalised) {
    showInputError('verify.codeMissing');
    input.focus();
    return;
  }
  if (!CODE.test(normalised)) {
    showInputError('verify.codeFormat');
    input.focus();
    return;
  }
  showInputError(null);
  const code = grouped(normalised);
  input.value = code;
  // The address names the code, so the verdict can be reloaded or passed on as a link.
  history.replaceState(null, '', `${location.pathname}?code=${encodeURIComponent(code)}`);
  shown = { state: 'checking', code };
  render();
  try {
    const certificate = await api(`/api/public/certificates/${encodeURIComponent(code)}`);
    shown = { state: 'found', code, certificate };
  } catch (error) {
    shown = error instanceof ApiError && error.status === 404 ? { state: 'not-found', code } : { state: 'unavailable', code, error };
  }
  render();
  if (focus) {
    document.getElementById('verify-verdict')?.focus();
  }
}

const params = new URLSearchParams(location.search);
if (!localStorage.getItem(LANG_KEY)) {
  localStorage.setItem(LANG_KEY, 'zh-CN');
}
await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
onLangChange(() => {
  render();
  if (inputError.dataset.key) {
    showInputError(inputError.dataset.key);
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  check(input.value, true);
});

const scanned = params.get('code');
if (scanned) {
  input.value = scanned;
  await check(scanned, false);
}
document.body.dataset.ready = 'true';
