// DOM helpers shared by every page module: imported, never passed around.
import { t } from './i18n.js';
import { ApiError } from './api.js';

/**
 * Builds an element. Attributes named `on…` become event listeners, `style` is set through the
 * CSSOM (the CSP forbids style attributes), `true` gives an empty attribute and
 * null/undefined/false leave it out. Children may be nodes, strings or (nested) arrays of them.
 * @param {string} tag element name
 * @param {Record<string, unknown>} [attrs] attributes and `on…` listeners
 * @param {...(Node | string | number | null | undefined | Array<Node | string | number | null | undefined>)} children nodes, text, arrays of them; null/undefined are skipped
 * @returns {HTMLElement} the new element
 */
export const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style') el.style.cssText = v; // CSSOM: allowed by the CSP, which forbids style attributes
    else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c.nodeType ? c : document.createTextNode(c));
  return el;
};

/**
 * Shows a short message in the page's #toast region (a polite live region) for three seconds.
 * @param {string} msg the text to show
 */
export function toast(msg) {
  const el = document.getElementById('toast');
  el.textContent = msg;
  el.classList.add('show');
  setTimeout(() => el.classList.remove('show'), 3000);
}

/**
 * Marks the fields a problem+json response names (RFC 9457 `errors[].field`) as invalid, with the
 * message beside each; an error naming no field of the form goes to the toast instead.
 * @param {HTMLFormElement} form the form whose inputs are named like the request fields
 * @param {Error} err the error thrown by api()
 */
export function showFieldErrors(form, err) {
  form.querySelectorAll('.error').forEach((e) => e.remove());
  const fields = err instanceof ApiError ? err.fieldErrors() : [];
  for (const f of fields) {
    const input = form.elements[f.field];
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.closest('label').append(h('span', { class: 'error', role: 'alert' }, f.message));
    }
  }
  if (!fields.length) toast(err.message || t('error.generic'));
}
