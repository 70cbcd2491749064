// Small DOM helpers shared by the pages: elements, tables, pagers, forms whose API errors show next to the field.

/** h('tag.class#id', {attrs, on*: handlers}, ...children) */
export function h(spec, attrs = {}, ...children) {
  const [, tag, rest] = /^([a-z0-9]+)(.*)$/.exec(spec);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') { el.setAttribute('value', v); el.value = v; }
    else el.setAttribute(k, v === true ? '' : v);
  }
  children.flat(Infinity).forEach(c => { if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c)); });
  return el;
}

export function yesNo(value) {
  return h(value ? 'span.yes' : 'span.no', {}, value ? 'yes' : 'no');
}

/** A table: columns [{title, cell(row) → node|string}], rows; `key(row)` names each row (data-key). */
export function table(columns, rows, key) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c.title)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td.muted', { colspan: columns.length }, 'nothing here'))
      : rows.map(r => h('tr', { 'data-key': key ? key(r) : null }, columns.map(c => h('td', {}, c.cell(r)))))));
}

/** A two-column list of [label, value] pairs. */
export function kv(attrs, pairs) {
  return h('div.kv', attrs, pairs.map(([label, value]) => [h('span.muted', {}, label), h('span', {}, value)]));
}

/** Previous / next over `count` items; onPage(n) is called with the new 1-based page. */
export function pager(pageNo, pageSize, count, onPage) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  return h('div.pager', {},
    h('button', { disabled: pageNo <= 1, onclick: () => onPage(pageNo - 1), 'data-test': 'prev' }, '‹ prev'),
    h('span', { 'data-test': 'page' }, `page ${pageNo} of ${pages} (${count})`),
    h('button', { disabled: pageNo >= pages, onclick: () => onPage(pageNo + 1), 'data-test': 'next' }, 'next ›'));
}

/** An input with its label and an error slot underneath. */
export function field(label, name, attrs = {}) {
  return h('label.field', {}, label, h('input', { name, ...attrs }), h('span.error', { 'data-error': name }));
}

/**
 * Runs `action` for a form-like container; a refusal's message goes next to the field whose parameter it names
 * (`params` maps parameter names to field names), else into the container's general (or first) error slot.
 */
export async function submit(container, action, params = {}) {
  container.querySelectorAll('.error').forEach(e => { e.textContent = ''; });
  try {
    return await action();
  } catch (e) {
    const named = Object.entries(params).find(([param]) => e.message.includes(param));
    const slot = (named && container.querySelector(`[data-error="${named[1]}"]`))
      || container.querySelector('[data-error="form"]') || container.querySelector('.error')
      || container.appendChild(h('span.error', { 'data-error': 'form' }));
    slot.textContent = e.message;
    return undefined;
  }
}

export function values(container) {
  const out = {};
  container.querySelectorAll('input[name], select[name]').forEach(i => { out[i.name] = i.value; });
  return out;
}

/** Wraps an async loader: a call while it runs makes one more run afterwards, never two at once (live bursts). */
export function coalesced(load) {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      await load();
    } finally {
      running = false;
      if (again) { again = false; run(); }
    }
  };
  return run;
}

/** Renders an error in place of a page's content. */
export function failed(root, error) {
  root.replaceChildren(h('p.error', { 'data-error': 'page' }, error.message));
}
