// Service list of one namespace (the landing page): search by name and group, server-side paging, counts, protect
// threshold; reloads the current page when the live feed reports a change in the namespace.
import { call } from '../api.js';
import { follow } from '../live.js';
import { go } from '../nav.js';
import { h, table, pager, failed, coalesced } from '../ui.js';

const PAGE_SIZE = 20;

export function render(root, query) {
  const ns = query.ns || 'public';
  const pageNo = Number(query.page || 1);
  const name = query.name || '';
  const group = query.group || '';
  const select = h('select', { name: 'ns', 'data-test': 'namespace', onchange: e => go('services', { ns: e.target.value }) });
  const nameInput = h('input', { name: 'name', value: name, placeholder: 'service name' });
  const groupInput = h('input', { name: 'group', value: group, placeholder: 'group' });
  const search = () => go('services', { ns, name: nameInput.value.trim(), group: groupInput.value.trim() });
  [nameInput, groupInput].forEach(i => i.addEventListener('keydown', e => { if (e.key === 'Enter') search(); }));
  const list = h('div', { 'data-test': 'service-list' });
  root.append(h('h1', {}, 'Services'),
    h('div.toolbar', {}, h('label', {}, 'Namespace', select), h('label', {}, 'Name', nameInput),
      h('label', {}, 'Group', groupInput), h('button.primary', { onclick: search, 'data-test': 'search' }, 'Search')),
    list);

  call('GET', '/v1/console/namespaces').then(r => {
    r.data.forEach(n => {
      const id = n.namespace || 'public';
      select.append(h('option', { value: id, selected: id === ns }, `${n.namespaceShowName} (${id})`));
    });
    if (!r.data.some(n => (n.namespace || 'public') === ns)) select.append(h('option', { value: ns, selected: true }, ns));
  }).catch(() => select.append(h('option', { value: ns, selected: true }, ns)));

  const load = coalesced(async () => {
    try {
      const r = await call('GET', '/v1/ns/catalog/services', {
        namespaceId: ns, pageNo, pageSize: PAGE_SIZE, serviceNameParam: name, groupNameParam: group });
      list.replaceChildren(table([
        { title: 'Service', cell: s => h('a', { href: '#', 'data-test': 'service-link', onclick: e => {
          e.preventDefault(); go('service', { ns, group: s.groupName, name: s.name });
        } }, s.name) },
        { title: 'Group', cell: s => s.groupName },
        { title: 'Clusters', cell: s => s.clusterCount },
        { title: 'Instances', cell: s => h('span', { 'data-test': 'ip-count' }, s.ipCount) },
        { title: 'Healthy', cell: s => h('span', { 'data-test': 'healthy-count' }, s.healthyInstanceCount) },
        { title: 'Protect threshold', cell: s => [String(s.protectThreshold ?? 0), ' ',
          s.triggerFlag === 'true' ? h('span.badge', { title: 'unhealthy instances are served as healthy' }, 'protecting') : ''] },
      ], r.serviceList, s => s.groupName + '@@' + s.name),
      pager(pageNo, PAGE_SIZE, r.count, p => go('services', { ns, name, group, page: p })));
    } catch (e) {
      failed(list, e);
    }
  });
  load();
  return follow(ns, null, load);
}
