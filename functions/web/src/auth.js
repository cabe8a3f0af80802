// The page the OIDC issuer sends the browser back to (oidc.js, CALLBACK_PATH). With a code it
// finishes the sign-in and returns to the page that started it; after the issuer's sign-out it says
// so and offers to sign in again. The address with the code is replaced, never kept in history.
import './style.css';
import { announce, initI18n, mountLangSwitch, t } from './common.js';
import { completeSignIn, pendingReturnPath, signInConfig, signedOutFrom } from './oidc.js';

const status = document.getElementById('auth-status');
const error = document.getElementById('auth-error');
const again = document.getElementById('sign-in-again');

function offerSignIn(path) {
  again.href = path;
  again.hidden = false;
}

await initI18n();
mountLangSwitch(document.getElementById('lang-switch'));
const params = new URLSearchParams(location.search);
if (params.has('code') || params.has('error')) {
  const returnTo = pendingReturnPath();
  try {
    const config = await signInConfig();
    if (config.mode !== 'oidc') {
      throw new Error('local');
    }
    location.replace(await completeSignIn(config));
  } catch (failure) {
    history.replaceState(null, '', location.pathname);
    status.hidden = true;
    announce(error, t('common.signIn.incomplete', { reason: failure.message }), 'error');
    document.body.dataset.signIn = 'failed';
    offerSignIn(returnTo);
  }
} else {
  const title = document.getElementById('auth-title');
  title.dataset.i18n = 'common.signIn.signedOutTitle';
  title.textContent = t('common.signIn.signedOutTitle');
  status.dataset.i18n = 'common.signIn.signedOut';
  status.textContent = t('common.signIn.signedOut');
  document.body.dataset.signIn = 'signed-out';
  offerSignIn(signedOutFrom());
}
