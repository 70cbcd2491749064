// Users (auth on): list, create, delete, set a new password.
import { call } from '../api.js';
import { h, submit } from '../ui.js';
import { grantsPage } from './grants.js';

export function render(root) {
  grantsPage(root, {
    title: 'Users', path: '/v1/auth/users', key: u => u.username,
    columns: [{ title: 'Username', cell: u => u.username }],
    create: [['Username', 'username'], ['Password', 'password', { type: 'password' }]],
    remove: u => ({ username: u.username }),
    actions: u => {
      const input = h('input', { name: 'newPassword', type: 'password', placeholder: 'new password' });
      const box = h('span', {}, input, h('button', { onclick: () => submit(box, async () => {
        await call('PUT', '/v1/auth/users', { username: u.username, newPassword: input.value });
        input.value = '';
      }, { newPassword: 'newPassword' }) }, 'Set password'), h('span.error', { 'data-error': 'newPassword' }), ' ');
      return box;
    },
  });
}
