// Live updates: server-sent events from /nacos/v1/console/changes. The browser's EventSource reconnects by itself
// (the server asks for 1 s); while it is down the banner shows, and on reconnect the page reloads its data once.
import { token } from './api.js';

const banner = () => document.getElementById('banner');

/** Follows one namespace (or one service, `service` = GROUP@@name); calls onChange(event data). Returns a stop function. */
export function follow(namespace, service, onChange) {
  const q = new URLSearchParams({ namespaceId: namespace || 'public' });
  if (service) q.set('serviceName', service);
  const t = token();
  if (t) q.set('accessToken', t);
  let source;
  let retry;
  let lost = false;
  const open = () => {
    source = new EventSource('/nacos/v1/console/changes?' + q);
    source.addEventListener('hello', () => {
      banner().hidden = true;
      document.body.dataset.live = 'connected';
      if (lost) onChange({ services: [], reconnected: true });
      lost = false;
    });
    source.addEventListener('change', e => onChange(JSON.parse(e.data)));
    source.addEventListener('denied', () => source.close());
    source.onerror = () => {
      banner().hidden = false;
      document.body.dataset.live = 'disconnected';
      lost = true;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. 503 while the node starts): EventSource gives up, so try again ourselves.
        retry = setTimeout(open, 2000);
      }
    };
  };
  open();
  return () => {
    clearTimeout(retry);
    source.close();
    banner().hidden = true;
  };
}
