// One service: settings, clusters with their health checks, instances per cluster (paged) with weight, enabled and
// metadata editable and offline/online, and this node's subscribers. Follows the service's live feed.
import { call } from '../api.js';
import { follow } from '../live.js';
import { go } from '../nav.js';
import { h, kv, table, pager, yesNo, submit, failed, coalesced } from '../ui.js';

const PAGE_SIZE = 50;

export function render(root, query) {
  const ns = query.ns || 'public';
  const group = query.group || 'DEFAULT_GROUP';
  const name = query.name;
  const base = { namespaceId: ns, serviceName: name, groupName: group };
  const pages = {};
  const head = h('div');
  const clusters = h('div', { 'data-test': 'clusters' });
  const subscribers = h('div', { 'data-test': 'subscribers' });
  root.append(h('p', {}, h('a', { href: '#', onclick: e => { e.preventDefault(); go('services', { ns }); } }, '‹ services')),
    h('h1', {}, `${group} / ${name}`), head, clusters, h('h2', {}, 'Subscribers (this node)'), subscribers);

  /** Instances of one cluster; inputs the user is editing keep their text across live reloads. */
  const instanceTable = (cluster, r) => table([
    { title: 'IP', cell: i => h('span', { 'data-test': 'ip' }, i.ip) },
    { title: 'Port', cell: i => i.port },
    { title: 'Weight', cell: i => weightCell(cluster, i) },
    { title: 'Healthy', cell: i => h('span', { 'data-test': 'healthy' }, yesNo(i.healthy)) },
    { title: 'Enabled', cell: i => h('span', { 'data-test': 'enabled' }, yesNo(i.enabled)) },
    { title: 'Ephemeral', cell: i => yesNo(i.ephemeral) },
    { title: 'Metadata', cell: i => metadataCell(cluster, i) },
    { title: '', cell: i => h('div', {},
      h('button', { 'data-test': i.enabled ? 'offline' : 'online',
        onclick: e => patch(e.target.closest('td'), cluster, i, { enabled: String(!i.enabled) }) },
      i.enabled ? 'Take offline' : 'Bring online'), h('span.error', { 'data-error': 'form' })) },
  ], r.list, i => `${i.ip}:${i.port}`);

  const weightCell = (cluster, i) => {
    const input = h('input.small', { name: 'weight', value: i.weight, 'data-test': 'weight' });
    const cell = h('div', {}, input,
      h('button', { 'data-test': 'save-weight', onclick: () => patch(cell, cluster, i, { weight: input.value.trim() }) }, 'Save'),
      h('span.error', { 'data-error': 'weight' }));
    return cell;
  };
  const metadataCell = (cluster, i) => {
    const input = h('input', { name: 'metadata', value: JSON.stringify(i.metadata || {}), 'data-test': 'metadata' });
    const cell = h('div', {}, input,
      h('button', { 'data-test': 'save-metadata', onclick: () => patch(cell, cluster, i, { metadata: input.value }) }, 'Save'),
      h('span.error', { 'data-error': 'metadata' }));
    return cell;
  };

  const patch = (cell, cluster, i, change) => submit(cell, async () => {
    await call('PATCH', '/v1/ns/instance', { ...base, clusterName: cluster, ip: i.ip, port: i.port, ...change });
    cell.closest('tr').dataset.saved = 'true';
    load();
  }, { weight: 'weight', metadata: 'metadata' });

  const load = coalesced(async () => {
    try {
      const detail = await call('GET', '/v1/ns/catalog/service', base);
      const s = detail.service;
      head.replaceChildren(kv({ 'data-test': 'service-detail' }, [
        ['Namespace', ns],
        ['Protect threshold', [String(s.protectThreshold), ' ', s.triggerFlag ? h('span.badge', {}, 'protecting') : '']],
        ['Instances', `${s.ipCount} (${s.healthyInstanceCount} healthy)`],
        ['Selector', h('code', {}, JSON.stringify(s.selector))],
        ['Metadata', h('code', {}, JSON.stringify(s.metadata))]]));
      const sections = [];
      for (const c of detail.clusters) {
        const pageNo = pages[c.name] || 1;
        const r = await call('GET', '/v1/ns/catalog/instances', { ...base, clusterName: c.name, pageNo, pageSize: PAGE_SIZE });
        const hc = c.healthChecker || {};
        sections.push(h('section', { 'data-cluster': c.name },
          h('h2', {}, `Cluster ${c.name}`),
          h('p.muted', {}, `health check: ${hc.type || 'NONE'}`, hc.path ? ` path ${hc.path}` : '',
            `, check port ${c.useIPPort4Check ? 'instance port' : c.checkPort}`,
            Object.keys(c.metadata || {}).length ? `, metadata ${JSON.stringify(c.metadata)}` : ''),
          keepEdits(clusters.querySelector(`section[data-cluster="${CSS.escape(c.name)}"]`), instanceTable(c.name, r)),
          pager(pageNo, PAGE_SIZE, r.count, p => { pages[c.name] = p; load(); })));
      }
      const focused = document.activeElement;
      const row = focused && focused.closest && focused.closest('tr[data-key]');
      const section = row && row.closest('section');
      clusters.replaceChildren(...sections);
      if (row && focused.name) {
        const refocus = clusters.querySelector(`section[data-cluster="${CSS.escape(section.dataset.cluster)}"] `
          + `tr[data-key="${CSS.escape(row.dataset.key)}"] input[name="${focused.name}"]`);
        if (refocus) refocus.focus();
      }
      const subs = await call('GET', '/v1/ns/service/subscribers', { ...base, pageNo: 1, pageSize: 100 });
      subscribers.replaceChildren(table([
        { title: 'Address', cell: x => x.addrStr }, { title: 'Agent', cell: x => x.agent },
        { title: 'App', cell: x => x.app }, { title: 'Clusters', cell: x => x.cluster || '' },
      ], subs.subscribers));
    } catch (e) {
      failed(clusters, e);
    }
  });
  load();
  return follow(ns, `${group}@@${name}`, load);
}

/** Carries over what the user typed (and not saved) and any error shown, from the old table into the new one. */
function keepEdits(old, fresh) {
  if (!old) return fresh;
  old.querySelectorAll('tr[data-key]').forEach(row => {
    const next = fresh.querySelector(`tr[data-key="${CSS.escape(row.dataset.key)}"]`);
    if (!next || row.dataset.saved) return;
    row.querySelectorAll('input[name]').forEach(input => {
      const target = next.querySelector(`input[name="${input.name}"]`);
      if (!target) return;
      if (input.value !== input.defaultValue) target.value = input.value;
    });
    row.querySelectorAll('.error').forEach(err => {
      const target = next.querySelector(`.error[data-error="${err.dataset.error}"]`);
      if (target) target.textContent = err.textContent;
    });
  });
  return fresh;
}
