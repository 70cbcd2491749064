// Login (auth on): the token goes to localStorage and with every API call as Authorization: Bearer.
import { login } from '../api.js';
import { h, field, submit, values } from '../ui.js';

export function render(root, query) {
  const form = h('form.card', { 'data-test': 'login' }, h('h1', {}, 'Log in to Beacon'),
    field('Username', 'username', { autocomplete: 'username' }),
    field('Password', 'password', { type: 'password', autocomplete: 'current-password' }),
    h('button.primary', { type: 'submit', 'data-test': 'login-submit' }, 'Log in'), h('span.error', { 'data-error': 'form' }));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const v = values(form);
    submit(form, async () => {
      await login(v.username, v.password);
      location.hash = query.next && !query.next.startsWith('#/login') ? query.next : '#/services';
    });
  });
  root.append(form);
}
