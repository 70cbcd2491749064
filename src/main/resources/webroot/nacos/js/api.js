// The console's only way to the server: the public Nacos API under /nacos, with the caller's token.
const TOKEN = 'beacon.console.token';
const USER = 'beacon.console.user';

/** A refusal of the API: HTTP status, and the server's message (Nacos's "caused: …;" unwrapped). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  const saved = JSON.parse(localStorage.getItem(TOKEN) || 'null');
  return saved && saved.expires > Date.now() ? saved.token : null;
}

export function user() {
  return token() ? localStorage.getItem(USER) : null;
}

export function signOut() {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(USER);
}

/** Logs in and keeps the token until shortly before it expires. */
export async function login(username, password) {
  const answer = await call('POST', '/v1/auth/users/login', { username, password });
  localStorage.setItem(TOKEN, JSON.stringify({ token: answer.accessToken, expires: Date.now() + answer.tokenTtl * 900 }));
  localStorage.setItem(USER, username);
  return answer;
}

/** The error text of a response body: "caused: x;" → x, a JSON message, or the status. */
function messageOf(status, text) {
  const caused = /^caused: ([\s\S]*);$/.exec(text.trim());
  if (caused) return caused[1];
  try {
    const json = JSON.parse(text);
    if (json && json.message) return json.message;
  } catch (e) { /* not JSON */ }
  return text || 'HTTP ' + status;
}

/**
 * Calls the API: GET parameters in the query, others as a form; the token as Authorization: Bearer.
 * Resolves to the parsed JSON (or text); rejects with ApiError for a 4xx/5xx or a JSON {code: not 200}.
 */
export async function call(method, path, params = {}) {
  const form = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null) form.append(k, v); });
  const headers = {};
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  let url = '/nacos' + path;
  let body;
  if (method === 'GET') {
    const q = form.toString();
    if (q) url += '?' + q;
  } else {
    body = form;
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  if (!response.ok) {
    const error = new ApiError(response.status, messageOf(response.status, text));
    if (t && response.status === 403 && /token|unknown user/.test(error.message)) {
      // The token expired or its user is gone: log in again.
      signOut();
      window.dispatchEvent(new CustomEvent('beacon:signed-out'));
    }
    throw error;
  }
  let json;
  try { json = JSON.parse(text); } catch (e) { return text; }
  if (json && typeof json === 'object' && typeof json.code === 'number' && json.code !== 200) {
    throw new ApiError(json.code, json.message || 'code ' + json.code);
  }
  return json;
}
