// Permissions (auth on): a role's r / w / rw on resources <namespace>:<group>:naming/<service> (globs); add, delete.
import { grantsPage } from './grants.js';

export function render(root) {
  grantsPage(root, {
    title: 'Permissions', path: '/v1/auth/permissions', key: p => `${p.role}/${p.resource}/${p.action}`,
    columns: [{ title: 'Role', cell: p => p.role }, { title: 'Resource', cell: p => p.resource },
      { title: 'Action', cell: p => p.action }],
    create: [['Role', 'role'], ['Resource (ns:group:naming/service)', 'resource', { placeholder: ':*:*' }],
      ['Action (r, w, rw)', 'action']],
    remove: p => ({ role: p.role, resource: p.resource, action: p.action }),
  });
}
