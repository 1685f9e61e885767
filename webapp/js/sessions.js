// Sessions: scheduling form with live clash check, week calendar, inbox, and the project clock card.
import { api, ApiError } from './api.js';
import { h, toast, showFieldErrors } from './dom.js';
import { t, lang, zone, localName, formatTime, label, localizeText, dayKey, zonedInstant } from './i18n.js';

const timeOf = (iso) => new Intl.DateTimeFormat(lang, { timeZone: zone, timeStyle: 'short' }).format(new Date(iso));
const instant = (date, time) => zonedInstant(date, time).toISOString();
const addDays = (key, n) => { const d = new Date(key + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const mondayOf = (key) => { const d = new Date(key + 'T00:00:00Z'); return addDays(key, -((d.getUTCDay() + 6) % 7)); };

/**
 * Scheduling, the week calendar, the inbox, and the project page's clock card and sessions.
 * @returns {object} clockCard(clock), projectSessions(projectId, canSchedule), schedulePage(params), weekPage(params), inboxPage()
 */
export function sessionPages() {
  function clockCard(c) {
    if (!c) return null;
    const pct = Math.min(100, Math.round((c.daysUsed / c.limitDays) * 100));
    return h('div', { class: 'card clock' + (c.overdue ? ' overdue' : ''), id: 'clock', role: 'group', 'aria-label': t('clock.title') },
      h('strong', {}, t('clock.title'), ': ', t('clock.' + c.state)),
      h('div', { class: 'meter', role: 'progressbar', 'aria-label': t('clock.used'), 'aria-valuemin': 0, 'aria-valuemax': c.limitDays, 'aria-valuenow': c.daysUsed },
        h('span', { style: `width:${pct}%` })),
      h('p', {}, `${t('clock.used')} ${c.daysUsed} / ${c.limitDays} · ${t('clock.left')} ${c.daysLeft}`,
        c.dueDate ? ` · ${t('clock.due')} ${c.dueDate}` : '', c.pausedSince ? ` · ${t('clock.pausedSince')} ${c.pausedSince}` : ''));
  }

  async function projectSessions(projectId, canSchedule) {
    const list = await api('/api/sessions?projectId=' + projectId);
    return h('section', {}, h('h2', {}, t('sessions.title')),
      canSchedule ? h('p', {}, h('a', { href: '#/sessions/new?project=' + projectId, class: 'button' }, t('sessions.schedule'))) : null,
      list.length ? h('ul', { class: 'card' }, list.map((s) => h('li', {}, formatTime(s.startsAt), ' · ', t('session.' + s.status),
        ' · ', h('a', { href: '/api/sessions/' + s.id + '/invitation.ics' }, '.ics'),
        ' · ', h('a', { href: '#/sessions/' + s.id + '/decision' }, t('op.title'))))) : h('p', {}, t('sessions.none')));
  }

  async function schedulePage(params) {
    const [accepted, departments, officials, observers] = await Promise.all([
      api('/api/projects?status=ACCEPTED&size=100'), api('/api/departments'), api('/api/people?role=OFFICIAL'), api('/api/people?role=OBSERVER')]);
    const projects = accepted.items;
    const clashBox = h('div', { id: 'clashes', 'aria-live': 'polite' });
    const deptBox = h('fieldset', { id: 'departments' }, h('legend', {}, t('sessions.departments')));
    const partyBox = h('fieldset', { id: 'parties' }, h('legend', {}, t('sessions.parties')));
    const form = h('form', { class: 'grid card', id: 'schedule-form', novalidate: true },
      h('label', {}, h('span', {}, t('project.name')), h('select', { name: 'projectId' },
        projects.map((p) => h('option', { value: p.id, selected: String(p.id) === params.get('project') }, p.projectCode + ' ' + p.name)))),
      h('label', {}, h('span', {}, t('sessions.date')), h('input', { name: 'date', type: 'date', required: true, value: params.get('date') || '' })),
      h('label', {}, h('span', {}, t('sessions.time')), h('input', { name: 'time', type: 'time', value: '09:30', step: 900 })),
      h('label', {}, h('span', {}, t('sessions.duration')), h('input', { name: 'durationMinutes', type: 'number', min: 15, max: 480, step: 15, value: 90 })),
      h('label', {}, h('span', {}, t('sessions.chair')), h('select', { name: 'chairId' },
        officials.filter((o) => o.mayChair).map((o) => h('option', { value: o.id }, o.displayName + ' · ' + localName(o.department))))),
      deptBox, partyBox,
      h('label', {}, h('span', {}, t('sessions.observer')), h('select', { name: 'observerId' }, h('option', { value: '' }, t('project.none')),
        observers.map((o) => h('option', { value: o.id }, o.displayName)))),
      h('label', {}, h('span', {}, t('sessions.agenda')), h('textarea', { name: 'agenda', rows: 6, placeholder: t('sessions.agendaDefault') })),
      clashBox,
      h('p', {}, h('button', { type: 'submit' }, t('sessions.schedule'))));

    function fillForProject() {
      const p = projects.find((x) => String(x.id) === form.elements.projectId.value);
      const regions = ['370300', p ? p.countyCode : ''];
      deptBox.replaceChildren(h('legend', {}, t('sessions.departments')), ...departments.filter((d) => regions.includes(d.regionCode))
        .map((d) => h('div', { class: 'dept' },
          h('label', {}, h('input', { type: 'checkbox', name: 'dept', value: d.id }), ' ', localName(d)),
          h('label', {}, h('input', { type: 'checkbox', name: 'required-' + d.id }), ' ', t('sessions.required')),
          h('select', { name: 'official-' + d.id, 'aria-label': t('sessions.official') }, h('option', { value: '' }, '—'),
            officials.filter((o) => o.department && o.department.id === d.id).map((o) => h('option', { value: o.id }, o.displayName))))));
      partyBox.replaceChildren(h('legend', {}, t('sessions.parties')));
      if (p) api('/api/projects/' + p.id).then((full) => {
        for (const [role, person] of [['APPLICANT', full.applicant], ['PROXY_AGENT', full.proxyAgent]]) {
          if (person) partyBox.append(h('label', {}, h('input', { type: 'checkbox', name: 'party', value: role + ':' + person.id, checked: true }), ' ',
            t('role.' + role), ': ', person.displayName));
        }
      });
    }

    function body() {
      const f = form.elements;
      const chosen = [...form.querySelectorAll('input[name=dept]:checked')].map((c) => Number(c.value));
      const participants = [];
      for (const id of chosen) {
        const official = f['official-' + id].value;
        if (official && official !== f.chairId.value) participants.push({ personId: Number(official), role: 'OFFICIAL' });
      }
      for (const c of form.querySelectorAll('input[name=party]:checked')) {
        const [role, id] = c.value.split(':');
        participants.push({ personId: Number(id), role });
      }
      if (f.observerId.value) participants.push({ personId: Number(f.observerId.value), role: 'OBSERVER' });
      const agenda = f.agenda.value.split('\n').map((s) => s.trim()).filter(Boolean);
      return {
        projectId: Number(f.projectId.value), startsAt: f.date.value ? instant(f.date.value, f.time.value) : null,
        durationMinutes: Number(f.durationMinutes.value), chairId: Number(f.chairId.value),
        departments: chosen.map((id) => ({ departmentId: id, required: f['required-' + id].checked })),
        participants, agenda: agenda.length ? agenda : null,
      };
    }

    // The server's message is English with UTC instants; the page builds its own from the clash's fields.
    function clashDetail(c) {
      const parts = [c.personName, c.departmentCode,
        c.otherSessionId ? '#' + c.otherSessionId + ' ' + formatTime(c.otherStartsAt) + '–' + formatTime(c.otherEndsAt) : null].filter(Boolean);
      if (parts.length) return ': ' + parts.join(' · ');
      return lang === 'en' ? ': ' + localizeText(c.message) : '';
    }

    function showClashes(list) {
      clashBox.replaceChildren(...(list.length ? [h('p', { class: 'error' }, t('sessions.clashes')),
        h('ul', { class: 'clashes' }, list.map((c) => h('li', { 'data-kind': c.kind }, t('clash.' + c.kind), clashDetail(c))))] : []));
    }

    let timer;
    async function check() {
      const b = body();
      if (!b.startsAt || !b.departments.length || !b.participants.length) return showClashes([]);
      try {
        showClashes((await api('/api/sessions/check', { method: 'POST', body: b })).clashes);
        form.querySelectorAll('.error[role=alert]').forEach((e) => e.remove());
      } catch (err) {
        if (err instanceof ApiError && err.status === 400) showFieldErrors(form, err); else showClashes([]);
      }
    }
    form.addEventListener('change', (e) => {
      if (e.target.name === 'projectId') fillForProject();
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const s = await api('/api/sessions', { method: 'POST', body: body() });
        toast(t('sessions.scheduled'));
        location.hash = '#/sessions?week=' + mondayOf(dayKey(new Date(s.startsAt)));
      } catch (err) {
        if (err instanceof ApiError && err.problem.clashes) showClashes(err.problem.clashes); else showFieldErrors(form, err);
      }
    });
    fillForProject();
    return h('section', {}, h('h1', {}, t('sessions.schedule')), projects.length ? form : h('p', {}, t('sessions.noAccepted')));
  }

  async function weekPage(params) {
    const monday = mondayOf(params.get('week') || dayKey(new Date()));
    const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(monday, n));
    const list = await api(`/api/sessions?from=${instant(days[0], '00:00')}&to=${instant(addDays(monday, 7), '00:00')}`);
    const byDay = Object.fromEntries(days.map((d) => [d, []]));
    for (const s of list) (byDay[dayKey(new Date(s.startsAt))] || []).push(s);
    const weekday = (d) => new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(new Date(d + 'T00:00:00Z'));
    return h('section', { id: 'week' },
      h('h1', {}, t('sessions.week'), ' ', monday),
      h('p', {}, h('a', { href: '#/sessions?week=' + addDays(monday, -7) }, '← ' + t('sessions.prevWeek')), ' ',
        h('a', { href: '#/sessions?week=' + addDays(monday, 7) }, t('sessions.nextWeek') + ' →')),
      h('div', { class: 'week-grid' }, days.map((d) => h('div', { class: 'day', 'data-day': d },
        h('h2', {}, weekday(d)),
        byDay[d].map((s) => h('article', { class: 'session card status-' + s.status, 'data-session': s.id },
          h('strong', {}, timeOf(s.startsAt), '–', timeOf(s.endsAt)), h('br'),
          h('a', { href: '#/projects/' + s.projectId }, s.projectName), h('br'),
          h('span', { class: 'status' }, t('session.' + s.status)), ' ',
          h('a', { href: '/api/sessions/' + s.id + '/invitation.ics', 'aria-label': t('inbox.calendar') }, '.ics')))))));
  }

  async function inboxPage() {
    const items = await api('/api/me/inbox');
    return h('section', { id: 'inbox' }, h('h1', {}, t('inbox.title')),
      items.length ? h('ul', { class: 'inbox' }, items.map((m) => {
        const li = h('li', { class: 'card' + (m.readAt ? '' : ' unread') },
          h('span', { class: 'kind' }, label('inbox.kind', m.kind)), ' · ', h('strong', {}, m.subject), ' · ', formatTime(m.createdAt), h('pre', {}, m.body),
          m.hasCalendar ? h('a', { href: `/api/me/inbox/${m.id}/calendar.ics`, download: '' }, t('inbox.calendar')) : null);
        if (!m.readAt) li.addEventListener('click', () => api(`/api/me/inbox/${m.id}/read`, { method: 'POST' }).then(() => li.classList.remove('unread')), { once: true });
        return li;
      })) : h('p', {}, t('inbox.empty')));
  }

  return { clockCard, projectSessions, schedulePage, weekPage, inboxPage };
}
