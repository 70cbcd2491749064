// The shape the users, roles and permissions pages share: a paged list from the auth API, a create form whose
// refusals show next to the field, and a delete per row.
import { call } from '../api.js';
import { h, table, pager, field, submit, values, failed } from '../ui.js';

const PAGE_SIZE = 20;

/**
 * spec: {title, path, columns: [{title, cell}], key(row), create: [[label, param, attrs]], remove(row) → params,
 * actions(row) → extra nodes}
 */
export function grantsPage(root, spec) {
  let pageNo = 1;
  const list = h('div', { 'data-test': 'grant-list' });
  const form = h('div.toolbar', { 'data-test': 'grant-form' },
    spec.create.map(([label, param, attrs]) => field(label, param, attrs)),
    h('button.primary', { 'data-test': 'grant-create', onclick: () => create() }, 'Add'), h('span.error', { 'data-error': 'form' }));
  root.append(h('h1', {}, spec.title), form, list);
  const errorFields = Object.fromEntries(spec.create.map(([, param]) => [param, param]));

  const create = () => submit(form, async () => {
    await call('POST', spec.path, values(form));
    form.querySelectorAll('input').forEach(i => { i.value = ''; });
    load();
  }, errorFields);

  const load = async () => {
    try {
      const r = await call('GET', spec.path, { pageNo, pageSize: PAGE_SIZE });
      list.replaceChildren(table([...spec.columns, { title: '', cell: row => {
        const cell = h('div', {}, (spec.actions ? spec.actions(row, load) : []),
          h('button.danger', { 'data-test': 'grant-delete', onclick: () => submit(cell, async () => {
            await call('DELETE', spec.path, spec.remove(row));
            load();
          }) }, 'Delete'), h('span.error', { 'data-error': 'form' }));
        return cell;
      } }], r.pageItems, spec.key),
      pager(pageNo, PAGE_SIZE, r.totalCount, p => { pageNo = p; load(); }));
    } catch (e) {
      failed(list, e);
    }
  };
  load();
}
