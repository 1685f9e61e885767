// Thin fetch wrapper: JSON in and out, problem+json errors thrown as ApiError with field errors.
import { t, lang, localizeText } from './i18n.js';

/**
 * What the page shows for a problem: its type in the user's language; the server's detail (English) only in English.
 * @param {{type?: string, title?: string, detail?: string}} problem an RFC 9457 problem
 * @returns {string} the message
 */
function problemMessage(problem) {
  const type = String(problem.type || '').split('/').pop();
  const key = 'problem.' + type;
  const translated = t(key) === key ? null : t(key);
  if (!translated) return localizeText(problem.detail || problem.title);
  return lang === 'en' && problem.detail ? translated + ': ' + localizeText(problem.detail) : translated;
}

export class ApiError extends Error {
  /**
   * @param {{type?: string, title?: string, status: number, detail?: string, errors?: {field: string, message: string}[]}} problem the RFC 9457 problem+json body
   */
  constructor(problem) {
    super(problemMessage(problem));
    this.problem = problem;
    this.status = problem.status;
  }
  /**
   * @returns {{field: string, message: string}[]} the problem's field errors (none for a problem about no field)
   */
  fieldErrors() { return this.problem.errors || []; }
}

/**
 * One JSON request with the session cookie; the X-Requested-With header marks it as the app's.
 * @param {string} path the URL path, e.g. `/api/projects?page=0`
 * @param {{method?: string, body?: object}} [options] the method (GET) and a JSON body
 * @returns {Promise<unknown>} the parsed answer (JSON or text), null for 204
 * @throws {ApiError} for any non-2xx answer
 */
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

/**
 * Signs in through the form endpoint (Quarkus form authentication).
 * @param {string} username the account
 * @param {string} password its password
 * @returns {Promise<boolean>} whether the server accepted them
 */
export async function login(username, password) {
  const res = await fetch('/j_security_check', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
    body: new URLSearchParams({ j_username: username, j_password: password }),
    credentials: 'same-origin',
  });
  return res.ok;
}
