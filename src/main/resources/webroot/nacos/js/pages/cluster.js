// Cluster: every server this node sees, each with its own status, Raft view, responsibility and Distro counters
// (read from /v1/core/cluster/nodes, which asks each server). Refreshed every two seconds.
import { call } from '../api.js';
import { h, table, failed } from '../ui.js';

const REFRESH_MILLIS = 2000;

export function render(root) {
  const list = h('div', { 'data-test': 'cluster-nodes' });
  root.append(h('h1', {}, 'Cluster'), list);
  const load = async () => {
    try {
      const r = await call('GET', '/v1/core/cluster/nodes');
      list.replaceChildren(table([
        { title: 'Node', cell: m => h('span', { 'data-test': 'node' }, m.address) },
        { title: 'State', cell: m => m.self ? m.self.status : h('span.no', { title: m.error || '' }, m.state) },
        { title: 'Raft leader it sees', cell: m => m.self ? [m.self.raftLeader || 'none', m.self.raftIsLeader ? ' (itself)' : ''] : '' },
        { title: 'Responsible services / instances', cell: m => m.self ? `${m.self.responsibleServiceCount} / ${m.self.responsibleInstanceCount}` : '' },
        { title: 'Services / instances held', cell: m => m.self ? `${m.self.serviceCount} / ${m.self.instanceCount}` : '' },
        { title: 'Distro', cell: m => m.self ? h('code', {}, Object.entries(m.self.distro).sort().map(([k, v]) => `${k} ${v}`).join(', ') || 'standalone') : '' },
        { title: 'Version', cell: m => m.self ? m.self.version : '' },
      ], r.data, m => m.address));
    } catch (e) {
      failed(list, e);
    }
  };
  load();
  const timer = setInterval(load, REFRESH_MILLIS);
  return () => clearInterval(timer);
}
