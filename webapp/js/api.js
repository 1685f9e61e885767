// Thin fetch wrapper: JSON in and out, problem+json errors thrown as ApiError with field errors.
import { t, lang, localizeText } from './i18n.js';

/** What the page shows for a problem: its type in the user's language; the server's detail (English) only in English. */
function problemMessage(problem) {
  const type = String(problem.type || '').split('/').pop();
  const key = 'problem.' + type;
  const translated = t(key) === key ? null : t(key);
  if (!translated) return localizeText(problem.detail || problem.title);
  return lang === 'en' && problem.detail ? translated + ': ' + localizeText(problem.detail) : translated;
}

export class ApiError extends Error {
  constructor(problem) {
    super(problemMessage(problem));
    this.problem = problem;
    this.status = problem.status;
  }
  fieldErrors() { return this.problem.errors || []; }
}

export async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(path, {
    method,
    headers: { 'X-Requested-With': 'XMLHttpRequest', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(typeof data === 'object' ? data : { status: res.status, title: res.statusText, detail: data });
  return data;
}

export async function login(username, password) {
  const res = await fetch('/j_security_check', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
    body: new URLSearchParams({ j_username: username, j_password: password }),
    credentials: 'same-origin',
  });
  return res.ok;
}
