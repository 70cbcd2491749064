// Namespaces: list with service and instance counts, create, edit, delete (the server refuses a namespace that still
// holds services). Counts are re-read every second (one request, whatever the number of namespaces) and on each edit.
import { call } from '../api.js';
import { go } from '../nav.js';
import { h, table, field, submit, values, failed } from '../ui.js';

const REFRESH_MILLIS = 1000;
const FIELDS = { customNamespaceId: 'customNamespaceId', namespaceId: 'customNamespaceId', namespaceName: 'namespaceName',
  namespaceShowName: 'namespaceName', namespaceDesc: 'namespaceDesc' };

export function render(root) {
  const list = h('div', { 'data-test': 'namespace-list' });
  const form = h('div.toolbar', { 'data-test': 'namespace-form' },
    field('ID (blank: generated)', 'customNamespaceId'), field('Name', 'namespaceName'),
    field('Description', 'namespaceDesc'),
    h('button.primary', { 'data-test': 'create-namespace', onclick: () => create() }, 'Create'),
    h('span.error', { 'data-error': 'form' }));
  root.append(h('h1', {}, 'Namespaces'), form, list);

  const create = () => submit(form, async () => {
    await call('POST', '/v1/console/namespaces', values(form));
    form.querySelectorAll('input').forEach(i => { i.value = ''; });
    load();
  }, FIELDS);

  let editing = false;
  let shown = '';
  const edit = (row, n) => {
    if (editing) return;
    editing = true;
    const name = h('input', { name: 'namespaceShowName', value: n.namespaceShowName, 'data-test': 'edit-name' });
    const desc = h('input', { name: 'namespaceDesc', value: n.namespaceDesc, 'data-test': 'edit-desc' });
    const editor = h('div.toolbar', {}, h('label.field', {}, 'Name', name, h('span.error', { 'data-error': 'namespaceName' })),
      h('label.field', {}, 'Description', desc, h('span.error', { 'data-error': 'namespaceDesc' })),
      h('button.primary', { 'data-test': 'save-namespace', onclick: () => submit(editor, async () => {
        await call('PUT', '/v1/console/namespaces', { namespace: n.namespace, namespaceShowName: name.value, namespaceDesc: desc.value });
        editing = false;
        load();
      }, FIELDS) }, 'Save'),
      h('button', { onclick: () => { editing = false; editor.closest('tr').remove(); } }, 'Cancel'),
      h('span.error', { 'data-error': 'form' }));
    row.after(h('tr', {}, h('td', { colspan: 7 }, editor)));
  };

  const remove = (cell, n) => submit(cell, async () => {
    if (!confirm(`Delete namespace ${n.namespace}?`)) return;
    await call('DELETE', '/v1/console/namespaces', { namespaceId: n.namespace });
    load();
  });

  const load = async () => {
    try {
      const r = await call('GET', '/v1/console/namespaces');
      // Re-render only on a change, and never under an open editor: typed text and shown errors stay.
      const now = JSON.stringify(r.data);
      if (editing || now === shown) return;
      shown = now;
      list.replaceChildren(table([
        { title: 'ID', cell: n => h('a', { href: '#', onclick: e => { e.preventDefault(); go('services', { ns: n.namespace || 'public' }); } },
          n.namespace || 'public') },
        { title: 'Name', cell: n => n.namespaceShowName },
        { title: 'Description', cell: n => n.namespaceDesc || '' },
        { title: 'Services', cell: n => h('span', { 'data-test': 'service-count' }, n.serviceCount) },
        { title: 'Instances', cell: n => h('span', { 'data-test': 'instance-count' }, n.instanceCount) },
        { title: 'Defined', cell: n => n.defined ? 'yes' : h('span.muted', { title: 'holds services, never created' }, 'implicit') },
        { title: '', cell: n => n.namespace === '' ? '' : h('div', {},
          h('button', { 'data-test': 'edit', onclick: e => edit(e.target.closest('tr'), n) }, 'Edit'), ' ',
          h('button.danger', { 'data-test': 'delete', onclick: e => remove(e.target.closest('td'), n) }, 'Delete'),
          h('span.error', { 'data-error': 'form' })) },
      ], r.data, n => n.namespace || 'public'));
    } catch (e) {
      failed(list, e);
    }
  };
  load();
  const timer = setInterval(load, REFRESH_MILLIS);
  return () => clearInterval(timer);
}
