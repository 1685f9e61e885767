// Liandong web app: hash routes, one render function per page. No build step.
import { api, login, ApiError } from './api.js';
import { h, toast, showFieldErrors } from './dom.js';
import { t, lang, setLang, setZone, translate, localName, formatTime, localizeText, label } from './i18n.js';
import { sessionPages } from './sessions.js';
import { roomPage, leaveRoom, activeRoom } from './room.js';
import { homePages, landingFor } from './home.js';
import { decisionPages } from './decisions.js';
import { materialsSection, sessionMaterialsPage } from './materials.js';
import { statisticsPages } from './statistics.js';

const main = document.getElementById('main');
let me = null;

const sessions = sessionPages();

const home = homePages({ clockCard: (c) => sessions.clockCard(c) });
// Set by the device check's "enter" for the one route() that opens the room.
let entering = null;

const money = (v) => new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(v);

// ---- pages ---------------------------------------------------------------------------------

/**
 * The sign-in form; after signing in, a join link comes back to its room, anyone else lands on their role's page.
 * @returns {HTMLElement} the form
 */
function loginPage() {
  const form = h('form', { class: 'card', id: 'login-form', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title', 'data-i18n': 'login.title' }),
    h('label', {}, h('span', { 'data-i18n': 'login.username' }), h('input', { name: 'username', autocomplete: 'username', required: true })),
    h('label', {}, h('span', { 'data-i18n': 'login.password' }), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('p', {}, h('button', { type: 'submit', 'data-i18n': 'login.submit' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await login(form.elements.username.value, form.elements.password.value)) {
      await loadMe();
      // A join link followed while signed out comes back to its room; otherwise each role lands on its page.
      if (!location.hash.startsWith('#/room/')) location.hash = landingFor(me);
      route();
    } else {
      toast(t('login.failed'));
    }
  });
  return form;
}

/**
 * The project list with search, status and county filters (GET /api/projects), 20 a page.
 * @param {URLSearchParams} params the hash query: page, q, status, county
 * @returns {Promise<HTMLElement>} the page
 */
async function projectsPage(params) {
  const page = Number(params.get('page') || 0);
  const q = new URLSearchParams({ page, size: 20 });
  for (const k of ['q', 'status', 'county']) if (params.get(k)) q.set(k, params.get(k));
  const [result, counties] = await Promise.all([api('/api/projects?' + q), api('/api/regions?level=COUNTY')]);
  const filters = h('form', { class: 'filters', role: 'search' },
    h('label', {}, h('span', { 'data-i18n': 'projects.search' }), h('input', { name: 'q', value: params.get('q') || '' })),
    h('label', {}, h('span', { 'data-i18n': 'projects.status' }), h('select', { name: 'status' }, h('option', { value: '' }, t('projects.all')),
      ['DRAFT', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENTING', 'ACCEPTED', 'IN_REVIEW', 'DECIDED', 'WITHDRAWN']
        .map((s) => h('option', { value: s, selected: params.get('status') === s }, t('status.' + s))))),
    h('label', {}, h('span', { 'data-i18n': 'projects.county' }), h('select', { name: 'county' }, h('option', { value: '' }, t('projects.all')),
      counties.map((c) => h('option', { value: c.code, selected: params.get('county') === c.code }, localName(c))))),
    h('button', { type: 'submit' }, '🔍'));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new URLSearchParams(new FormData(filters));
    for (const [k, v] of [...f]) if (!v) f.delete(k);
    location.hash = '#/projects?' + f;
  });
  const rows = result.items.map((p) => h('tr', {},
    h('td', {}, h('a', { href: '#/projects/' + p.id }, p.projectCode)),
    h('td', {}, p.name),
    h('td', { class: 'opt' }, p.enterpriseName),
    h('td', { class: 'opt' }, lang === 'en' ? p.countyNameEn : p.countyNameZh),
    h('td', { class: 'opt' }, money(p.investment)),
    h('td', {}, h('span', { class: 'status' }, t('status.' + p.status)))));
  const pager = h('p', {},
    page > 0 ? h('a', { href: '#/projects?page=' + (page - 1) }, t('projects.prev')) : null, ' ',
    (page + 1) * result.size < result.total ? h('a', { href: '#/projects?page=' + (page + 1) }, t('projects.next')) : null);
  return h('section', {}, h('h1', { 'data-i18n': 'projects.title' }), filters,
    rows.length ? h('table', { id: 'project-list' }, h('thead', {}, h('tr', {},
      h('th', { 'data-i18n': 'project.code' }), h('th', { 'data-i18n': 'project.name' }), h('th', { class: 'opt', 'data-i18n': 'project.enterprise' }),
      h('th', { class: 'opt', 'data-i18n': 'project.county' }), h('th', { class: 'opt', 'data-i18n': 'project.investment' }),
      h('th', { 'data-i18n': 'project.status' }))), h('tbody', {}, rows)) : h('p', { 'data-i18n': 'projects.empty' }),
    pager);
}

/**
 * The form that registers a project (POST /api/projects); field errors show beside their fields.
 * @returns {Promise<HTMLElement>} the page
 */
async function registerPage() {
  const [counties, matters, applicants, agents] = await Promise.all([
    api('/api/regions?level=COUNTY'), api('/api/matter-types'), api('/api/people?role=APPLICANT'), api('/api/people?role=PROXY_AGENT')]);
  const field = (name, key, input) => h('label', {}, h('span', { 'data-i18n': key }), input);
  const form = h('form', { class: 'grid card', id: 'register-form', novalidate: true },
    field('projectCode', 'project.code', h('input', { name: 'projectCode', placeholder: '2026-370303-44-03-012345', required: true })),
    field('name', 'project.name', h('input', { name: 'name', required: true })),
    field('enterpriseName', 'project.enterprise', h('input', { name: 'enterpriseName', required: true })),
    field('creditCode', 'project.credit', h('input', { name: 'creditCode', maxlength: 18, required: true })),
    field('investment', 'project.investment', h('input', { name: 'investment', inputmode: 'decimal', required: true })),
    field('countyCode', 'project.county', h('select', { name: 'countyCode' }, counties.map((c) => h('option', { value: c.code }, localName(c))))),
    field('industry', 'project.industry', h('input', { name: 'industry', required: true })),
    field('matterType', 'project.matter', h('select', { name: 'matterType' }, matters.map((m) => h('option', { value: m.code }, localName(m))))),
    field('applicantId', 'project.applicant', h('select', { name: 'applicantId' }, applicants.map((p) => h('option', { value: p.id }, p.displayName)))),
    field('proxyAgentId', 'project.agent', h('select', { name: 'proxyAgentId' }, h('option', { value: '' }, t('project.none')),
      agents.map((p) => h('option', { value: p.id }, p.displayName)))),
    h('p', {}, h('button', { type: 'submit', 'data-i18n': 'project.register' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    body.applicantId = Number(body.applicantId);
    body.proxyAgentId = body.proxyAgentId ? Number(body.proxyAgentId) : null;
    try {
      const p = await api('/api/projects', { method: 'POST', body });
      toast(t('project.registered'));
      location.hash = '#/projects/' + p.id;
    } catch (err) {
      showFieldErrors(form, err);
    }
  });
  return h('section', {}, h('h1', { 'data-i18n': 'nav.register' }), form);
}

// Labels of the lifecycle actions; which ones to offer comes from the server (project.allowedActions).
const ACTION_LABELS = {
  'submit': ['action.submit', false], 'pre-review': ['action.preReview', false], 'accept': ['action.accept', false],
  'request-supplement': ['action.supplement', true], 'resubmit': ['action.resubmit', false], 'withdraw': ['action.withdraw', true],
};

/**
 * A project: its lifecycle actions, facts, statutory clock, sessions, materials and timeline.
 * @param {string} id the project id
 * @returns {Promise<HTMLElement>} the page
 */
async function projectPage(id) {
  const p = await api('/api/projects/' + id);
  const rerender = async () => main.replaceChildren(await projectPage(id)) || translate();
  const run = async (path, body) => {
    try {
      await api(path, { method: body === undefined ? 'POST' : 'PUT', body });
      await rerender();
    } catch (err) {
      toast(err.message);
    }
  };
  const actions = p.allowedActions.filter((action) => ACTION_LABELS[action])
    .map((action) => [action, ...ACTION_LABELS[action]])
    .map(([action, key, needsReason]) => h('button', {
      type: 'button', class: action === 'withdraw' ? 'secondary' : '', 'data-action': action,
      onclick: () => {
        if (!needsReason) return run(`/api/projects/${id}/${action}`);
        const reason = prompt(t(key));
        if (reason) api(`/api/projects/${id}/${action}`, { method: 'POST', body: { reason } }).then(rerender, (e) => toast(e.message));
      },
    }, t(key)));
  return h('section', { id: 'project-page', 'data-status': p.status, 'data-version': p.version },
    h('h1', {}, p.name, ' ', h('span', { class: 'status', id: 'project-status' }, t('status.' + p.status))),
    actions.length ? h('p', { class: 'actions' }, actions) : null,
    h('div', { class: 'card' }, h('dl', {},
      h('dt', { 'data-i18n': 'project.code' }), h('dd', {}, p.projectCode),
      h('dt', { 'data-i18n': 'project.enterprise' }), h('dd', {}, p.enterpriseName + ' (' + p.creditCode + ')'),
      h('dt', { 'data-i18n': 'project.investment' }), h('dd', {}, money(p.investment)),
      h('dt', { 'data-i18n': 'project.county' }), h('dd', {}, lang === 'en' ? p.countyNameEn : p.countyNameZh),
      h('dt', { 'data-i18n': 'project.matter' }), h('dd', {}, localName(p.matterType)))),
    sessions.clockCard(p.clock),
    await sessions.projectSessions(p.id, me.roles.includes('COORDINATOR') && p.status === 'ACCEPTED'),
    await materialsSection({ me, rerender }, p),
    h('h2', { 'data-i18n': 'project.timeline' }),
    h('ol', { class: 'card' }, p.timeline.map((e) => h('li', { 'data-event': e.type }, formatTime(e.at), ' · ', label('event', e.type), ' · ', e.actor || '',
      e.detail ? ' · ' + localizeText(e.detail) : ''))));
}

// ---- shell ---------------------------------------------------------------------------------

/**
 * Reads the zone (GET /api/client-settings) and the signed-in user (GET /api/me, null when signed out), and shows the nav for them.
 */
async function loadMe() {
  try {
    setZone((await api('/api/client-settings')).zone);
  } catch {
    // keep the default zone
  }
  try {
    me = await api('/api/me');
  } catch {
    me = null;
  }
  document.getElementById('nav').hidden = !me;
  document.getElementById('logout').hidden = !me;
  document.getElementById('who').textContent = me ? me.displayName : '';
  // A nav link shows when its route would open for this user (the roles live in ROUTES only).
  document.querySelectorAll('#nav a').forEach((a) => {
    const path = a.getAttribute('href').slice(1);
    a.hidden = !me || (path !== '/' && !routeFor(path));
  });
}

// decisions.js: opinions, the chair's panel, decision pages, inbox, verification.
const decisions = decisionPages({ me: () => me, rerender: () => route() });
// statistics.js: figures, county ranking, charts, bulletins.
const statistics = statisticsPages();

/**
 * Every page but the room: `path` matches the hash path (without the query), `page(match, params)`
 * renders it. `signedOut` pages need no sign-in; `roles` (any of them) limit who may open a page
 * and see its link in the nav (absent: every signed-in user). The server still checks every request.
 * @type {{path: RegExp, page: function(RegExpMatchArray, URLSearchParams): (Node|Promise<Node>), roles?: string[], signedOut?: boolean}[]}
 */
const ROUTES = [
  { path: /^\/verify$/, signedOut: true, page: (m, params) => decisions.verifyPage(params) },
  { path: /^\/sessions\/(\d+)\/decision$/, page: ([, id]) => decisions.sessionDecisionPage(id) },
  { path: /^\/decisions\/(\d+)$/, page: ([, id]) => decisions.decisionPage(id) },
  { path: /^\/my-decisions$/, roles: ['APPLICANT', 'PROXY_AGENT'], page: () => decisions.inboxPage() },
  { path: /^\/projects\/new$/, roles: ['COORDINATOR', 'ADMIN'], page: () => registerPage() },
  { path: /^\/projects\/(\d+)$/, page: ([, id]) => projectPage(id) },
  { path: /^\/sessions\/new$/, roles: ['COORDINATOR'], page: (m, params) => sessions.schedulePage(params) },
  { path: /^\/sessions$/, page: (m, params) => sessions.weekPage(params) },
  { path: /^\/sessions\/(\d+)\/materials$/, page: ([, id]) => sessionMaterialsPage(id) },
  { path: /^\/inbox$/, page: () => sessions.inboxPage() },
  { path: /^\/dashboard$/, page: () => home.dashboardPage() },
  { path: /^\/my-sessions$/, roles: ['OFFICIAL', 'OBSERVER', 'COORDINATOR', 'ADMIN'], page: () => home.mySessionsPage() },
  { path: /^\/mine$/, page: () => home.minePage() },
  { path: /^\/projects$/, page: (m, params) => projectsPage(params) },
  { path: /^\/statistics$/, roles: ['COORDINATOR', 'OBSERVER', 'ADMIN'], page: (m, params) => statistics.page(params) },
];

/**
 * The route for a hash path, if the current user may open it.
 * @param {string} path the hash path without its query, e.g. `/projects/7`
 * @returns {{route: object, match: RegExpMatchArray} | null} the route and its match, or null
 */
function routeFor(path) {
  for (const r of ROUTES) {
    const match = path.match(r.path);
    if (!match) continue;
    const allowed = r.signedOut || (me && (!r.roles || r.roles.some((x) => me.roles.includes(x))));
    return allowed ? { route: r, match } : null;
  }
  return null;
}

let routing = 0;

/** Renders the page for location.hash; a later navigation that finishes first wins. */
async function route() {
  const mine = ++routing;
  const [path, query] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  let view;
  const room = path.match(/^\/room\/(\d+)$/);
  if (!room) leaveRoom();
  try {
    // A join link (#/room/{id}?token=...) works without signing in; signed-in invitees need no token.
    if (room && (me || params.get('token'))) {
      const id = room[1];
      if (activeRoom() === id || entering?.id === id) view = roomPage(id, params.get('token'), entering || {});
      else view = home.deviceCheck((choice) => { entering = { id, ...choice }; route(); });
      entering = null;
    } else {
      const found = routeFor(path);
      if (found) view = await found.route.page(found.match, params);
      else if (!me) view = loginPage();
      else { location.replace(landingFor(me)); return; }
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { me = null; view = loginPage(); } else { view = h('p', { class: 'error' }, err.message); }
  }
  if (mine !== routing) return; // a later navigation finished first; do not paint over it
  main.replaceChildren(view);
  translate();
  main.focus();
}

document.getElementById('lang').value = lang;
document.getElementById('lang').addEventListener('change', (e) => { setLang(e.target.value); route(); });
document.getElementById('logout').addEventListener('click', async () => { await api('/api/logout', { method: 'POST' }); me = null; await loadMe(); route(); });
window.addEventListener('hashchange', route);
setLang(lang);
await loadMe();
route();
