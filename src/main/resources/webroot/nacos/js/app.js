// The console: hash routes (#/services?ns=…), one module per page. Each page's render(root, query) returns a cleanup
// function (live streams, timers) run when the route changes.
import { call, token, user, signOut } from './api.js';
import { h } from './ui.js';
import { go, server } from './nav.js';
import * as services from './pages/services.js';
import * as service from './pages/service.js';
import * as namespaces from './pages/namespaces.js';
import * as cluster from './pages/cluster.js';
import * as login from './pages/login.js';
import * as users from './pages/users.js';
import * as roles from './pages/roles.js';
import * as permissions from './pages/permissions.js';

const pages = { services, service, namespaces, cluster, login, users, roles, permissions };
const main = document.getElementById('main');
let cleanup = () => {};

function route() {
  const [path, q] = location.hash.replace(/^#\/?/, '').split('?');
  const name = pages[path] ? path : 'services';
  if (server.auth_enabled && !token() && name !== 'login') {
    go('login', { next: location.hash });
    return;
  }
  cleanup();
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  renderWho();
  main.replaceChildren();
  document.body.dataset.page = name;
  cleanup = pages[name].render(main, Object.fromEntries(new URLSearchParams(q || ''))) || (() => {});
}

function renderWho() {
  const who = document.getElementById('who');
  who.replaceChildren();
  if (server.auth_enabled && user()) {
    who.append(user(), h('button', { onclick: () => { signOut(); go('login'); }, 'data-test': 'logout' }, 'Log out'));
  }
  who.append(h('span.muted', {}, ' ' + (server.version || '')));
}

window.addEventListener('hashchange', route);
window.addEventListener('beacon:signed-out', () => { if (server.auth_enabled) go('login', { next: location.hash }); });

call('GET', '/v1/console/server/state').then(s => Object.assign(server, s)).catch(() => {}).finally(() => {
  document.body.classList.toggle('auth', !!server.auth_enabled);
  route();
});
