// Roles (auth on): bindings of a role to a user; add, delete.
import { grantsPage } from './grants.js';

export function render(root) {
  grantsPage(root, {
    title: 'Roles', path: '/v1/auth/roles', key: r => `${r.role}/${r.username}`,
    columns: [{ title: 'Role', cell: r => r.role }, { title: 'Username', cell: r => r.username }],
    create: [['Role', 'role'], ['Username', 'username']],
    remove: r => ({ role: r.role, username: r.username }),
  });
}
