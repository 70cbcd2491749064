// Routing and the server's state, shared by the app and its pages.

/** What /v1/console/server/state answered (auth on or off, version). */
export const server = { auth_enabled: false };

/** Changes the route: go('service', {ns, group, name}). */
export function go(page, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  location.hash = '#/' + page + (q.toString() ? '?' + q : '');
}
