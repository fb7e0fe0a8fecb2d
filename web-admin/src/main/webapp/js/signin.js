// Sign-in screen: a centered card that validates credentials with GET /api/v1/me.
import { api, ApiError, basicToken } from './api.js';
import { h, icon, spinner, replace } from './dom.js';

/**
 * Renders the sign-in card into root.
 * options.reason  'expired' | 'signed-out' | undefined: an informative note above the form
 * options.onSignedIn(session) called after a successful check
 */
export function renderSignIn(root, { reason, onSignedIn }) {
  const error = h('div', {
    class: 'alert alert-danger d-flex align-items-start gap-2 py-2 small d-none',
    role: 'alert',
    testid: 'signin-error',
  });

  const note = reason ? h('div', {
    class: 'alert alert-info py-2 small',
    role: 'status',
    testid: 'signin-notice',
    text: reason === 'expired'
      ? 'Your session has ended or your credentials are no longer valid. Please sign in again.'
      : 'You have signed out.',
  }) : null;

  const user = h('input', {
    id: 'signin-user', name: 'username', type: 'text', class: 'form-control',
    autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true,
    testid: 'signin-user',
  });
  const password = h('input', {
    id: 'signin-password', name: 'password', type: 'password', class: 'form-control',
    autocomplete: 'current-password', required: true, testid: 'signin-password',
  });
  const submitLabel = h('span', { text: 'Sign in' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary w-100 py-2', testid: 'signin-submit' }, submitLabel);

  function showError(message) {
    replace(error, icon('warning', 'icon flex-shrink-0 mt-1'), h('span', { text: message }));
    error.classList.remove('d-none');
  }

  function setBusy(busy) {
    submit.disabled = busy;
    user.disabled = busy;
    password.disabled = busy;
    replace(submit, busy ? [spinner('Signing in…'), ' Signing in…'] : submitLabel);
  }

  const form = h('form', { class: 'signin-form', novalidate: true, testid: 'signin-form' },
    note,
    error,
    h('div', { class: 'mb-3' },
      h('label', { for: 'signin-user', class: 'form-label', text: 'User name' }),
      user),
    h('div', { class: 'mb-4' },
      h('label', { for: 'signin-password', class: 'form-label', text: 'Password' }),
      password),
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = user.value.trim();
    if (!name || !password.value) {
      showError('Enter your user name and password.');
      (name ? password : user).focus();
      return;
    }
    error.classList.add('d-none');
    setBusy(true);
    const token = basicToken(name, password.value);
    try {
      const me = await api.checkCredentials(token);
      const session = {
        user: (me && me.name) || name,
        auth: token,
        roles: Array.isArray(me && me.roles) ? me.roles : [],
      };
      password.value = '';
      onSignedIn(session);
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.status === 401) {
        showError('Wrong user name or password.');
        password.value = '';
        password.focus();
      } else if (e instanceof ApiError && e.status === 403) {
        showError('This account is not allowed to use the NovaCron console.');
      } else if (e instanceof ApiError && e.status === 0) {
        showError('Cannot reach the NovaCron server. Check your connection and try again.');
      } else if (e instanceof ApiError && e.unavailable) {
        showError('The server is unavailable right now (database or grid). Try again in a moment.');
      } else {
        showError(e instanceof ApiError ? e.message : 'Sign-in failed unexpectedly.');
      }
    }
  });

  const card = h('main', { class: 'signin-page', id: 'main-content', tabindex: '-1' },
    h('div', { class: 'signin-card card shadow-lg border-0' },
      h('div', { class: 'card-body p-4 p-sm-5' },
        h('div', { class: 'text-center mb-4' },
          h('div', { class: 'signin-logo mb-3' }, icon('logo', 'icon icon-xl')),
          h('h1', { class: 'h4 mb-1', text: 'Sign in to NovaCron' }),
          h('p', { class: 'text-body-secondary small mb-0', text: 'Hypervisor fleet control plane' })),
        form)),
    h('p', { class: 'signin-footer small', text: 'Credentials are kept only for this browser tab.' }));

  replace(root, card);
  user.focus();
  return () => {};
}
