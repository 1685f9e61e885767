// Opinions, the chair's decision panel, the decision page, the applicant inbox and the public
// verification page. Mounted by app.js's route table: decisionPages(ctx) gives the pages.
import { api, ApiError } from './api.js';
import { h, toast, showFieldErrors } from './dom.js';
import { t, addStrings, formatTime, localName } from './i18n.js';
import { citationPicker } from './citations.js';

addStrings({
  'zh-CN': {
    'nav.decisions': '我的决定', 'nav.verify': '核验文书',
    'op.title': '部门意见与联审决定', 'op.mine': '本部门意见', 'op.verdict': '意见', 'op.reasons': '理由',
    'op.conditions': '许可条件（每行一条）', 'op.items': '需补正材料（每行：材料 | 问题）', 'op.basis': '法律依据',
    'op.save': '保存草稿', 'op.password': '签署密码（本人登录密码）', 'op.sign': '签署', 'op.correct': '提交更正版本',
    'op.correctionReason': '更正原因', 'op.history': '意见记录（含历史版本）', 'op.none': '暂无意见',
    'op.signed': '已签署', 'op.DRAFT': '草稿', 'op.SIGNED': '已签署', 'op.SUPERSEDED': '已被更正',
    'verdict.APPROVE': '同意', 'verdict.APPROVE_WITH_CONDITIONS': '附条件同意', 'verdict.REQUEST_SUPPLEMENT': '需补正材料', 'verdict.REJECT': '不同意',
    'panel.title': '主持人决定面板', 'panel.missing': '尚缺已签署意见的必须部门', 'panel.complete': '必须部门意见已齐',
    'panel.preview': '按规则合议结果', 'panel.issue': '签发联审决定', 'panel.required': '必须', 'panel.optional': '可选',
    'panel.issued': '已签发', 'panel.minutes': '会议纪要（PDF）', 'panel.rule': '合议规则',
    'att.title': '出席记录', 'att.person': '人员', 'att.department': '部门', 'att.role': '角色', 'att.joined': '进入',
    'att.left': '离开', 'att.present': '在场', 'att.none': '暂无出席记录', 'att.csv': '下载出席记录（CSV）',
    'outcome.APPROVED': '准予许可', 'outcome.APPROVED_WITH_CONDITIONS': '附条件准予许可', 'outcome.SUPPLEMENT_REQUIRED': '需一次性补正', 'outcome.REJECTED': '不予许可',
    'dec.number': '文号', 'dec.outcome': '结论', 'dec.conditions': '许可条件', 'dec.notice': '一次性补正告知', 'dec.opinions': '各部门意见',
    'dec.pdf': '下载 PDF', 'dec.html': '网页版', 'dec.sha': 'PDF SHA-256', 'dec.seal': '签章证书指纹', 'dec.issued': '签发时间',
    'dec.rate': '服务评价', 'dec.score': '评分（1–5）', 'dec.comment': '意见建议', 'dec.submitRating': '提交评价', 'dec.rated': '您的评价',
    'myDecisions.title': '我的联审决定与告知书', 'myDecisions.empty': '暂无决定',
    'verify.title': '核验联审文书', 'verify.number': '文号（如 淄联审〔2026〕17号）', 'verify.file': 'PDF 文件', 'verify.sha': '或 SHA-256 摘要',
    'verify.submit': '核验', 'verify.genuine': '文号真实', 'verify.unaltered': '与签发文件完全一致', 'verify.seal': '签章有效',
    'verify.yes': '是', 'verify.no': '否',
  },
  en: {
    'nav.decisions': 'My decisions', 'nav.verify': 'Verify a document',
    'op.title': 'Department opinions and decision', 'op.mine': "My department's opinion", 'op.verdict': 'Verdict', 'op.reasons': 'Reasons',
    'op.conditions': 'Conditions (one per line)', 'op.items': 'Materials to supplement (one per line: material | problem)', 'op.basis': 'Legal basis',
    'op.save': 'Save draft', 'op.password': 'Your password to sign', 'op.sign': 'Sign', 'op.correct': 'Submit a corrected version',
    'op.correctionReason': 'Reason for the correction', 'op.history': 'Opinions (all versions)', 'op.none': 'No opinions yet',
    'op.signed': 'Signed', 'op.DRAFT': 'Draft', 'op.SIGNED': 'Signed', 'op.SUPERSEDED': 'Superseded',
    'verdict.APPROVE': 'Approve', 'verdict.APPROVE_WITH_CONDITIONS': 'Approve with conditions', 'verdict.REQUEST_SUPPLEMENT': 'Request supplement', 'verdict.REJECT': 'Reject',
    'panel.title': "Chair's decision panel", 'panel.missing': 'Required departments without a signed opinion', 'panel.complete': 'All required opinions are signed',
    'panel.preview': 'Combined outcome under the rule', 'panel.issue': 'Issue the decision', 'panel.required': 'required', 'panel.optional': 'optional',
    'panel.issued': 'Issued', 'panel.minutes': 'Session minutes (PDF)', 'panel.rule': 'Combining rule',
    'att.title': 'Attendance', 'att.person': 'Person', 'att.department': 'Department', 'att.role': 'Role', 'att.joined': 'Joined',
    'att.left': 'Left', 'att.present': 'Present', 'att.none': 'No attendance yet', 'att.csv': 'Download attendance (CSV)',
    'outcome.APPROVED': 'Approved', 'outcome.APPROVED_WITH_CONDITIONS': 'Approved with conditions', 'outcome.SUPPLEMENT_REQUIRED': 'Supplement required', 'outcome.REJECTED': 'Rejected',
    'dec.number': 'Number', 'dec.outcome': 'Outcome', 'dec.conditions': 'Conditions', 'dec.notice': 'One-time supplement notice', 'dec.opinions': 'Department opinions',
    'dec.pdf': 'Download PDF', 'dec.html': 'Web version', 'dec.sha': 'PDF SHA-256', 'dec.seal': 'Seal certificate fingerprint', 'dec.issued': 'Issued',
    'dec.rate': 'Rate the service', 'dec.score': 'Score (1–5)', 'dec.comment': 'Comment', 'dec.submitRating': 'Send rating', 'dec.rated': 'Your rating',
    'myDecisions.title': 'My decisions and notices', 'myDecisions.empty': 'No decisions yet',
    'verify.title': 'Verify a decision document', 'verify.number': 'Number (e.g. 淄联审〔2026〕17号)', 'verify.file': 'PDF file', 'verify.sha': 'or its SHA-256',
    'verify.submit': 'Verify', 'verify.genuine': 'Number was issued here', 'verify.unaltered': 'Identical to the issued file', 'verify.seal': 'Seal valid',
    'verify.yes': 'yes', 'verify.no': 'no',
  },
});

const VERDICTS = ['APPROVE', 'APPROVE_WITH_CONDITIONS', 'REQUEST_SUPPLEMENT', 'REJECT'];
const lines = (text) => (text || '').split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * Opinions, the chair's panel, the decision pages, the applicant inbox and verification.
 * @param {{me: function(): ({roles: string[]} | null), rerender: function(): void}} ctx the signed-in user; re-renders the current route
 * @returns {object} the pages for the route table, and opinionsSection and panelSection for the room
 */
export function decisionPages({ me, rerender }) {
  const field = (key, input) => h('label', {}, h('span', {}, t(key)), input);

  function opinionForm(sessionId, current, onDone) {
    const correcting = current && current.status === 'SIGNED';
    const cite = citationPicker(sessionId, current?.citations || []);
    const form = h('form', { class: 'card grid', id: 'opinion-form', novalidate: true },
      field('op.verdict', h('select', { name: 'verdict' }, VERDICTS.map((v) => h('option', { value: v, selected: current && current.verdict === v }, t('verdict.' + v))))),
      field('op.reasons', h('textarea', { name: 'reasons', rows: 3 }, current?.reasons || '')),
      field('op.conditions', h('textarea', { name: 'conditions', rows: 2 }, (current?.conditions || []).join('\n'))),
      field('op.items', h('textarea', { name: 'supplementItems', rows: 2 }, (current?.supplementItems || []).map((i) => i.material + (i.problem ? ' | ' + i.problem : '')).join('\n'))),
      cite.el,
      field('op.basis', h('input', { name: 'legalBasis', value: current?.legalBasis || '' })),
      correcting ? field('op.correctionReason', h('input', { name: 'correctionReason', required: true })) : null,
      h('p', {}, h('button', { type: 'submit' }, t(correcting ? 'op.correct' : 'op.save'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = form.elements;
      const body = {
        verdict: f.verdict.value, reasons: f.reasons.value, legalBasis: f.legalBasis.value,
        conditions: lines(f.conditions.value),
        supplementItems: lines(f.supplementItems.value).map((l) => { const [material, ...rest] = l.split('|'); return { material: material.trim(), problem: rest.join('|').trim() }; }),
        citations: cite.value(),
        correctionReason: correcting ? f.correctionReason.value : undefined,
      };
      try {
        if (correcting) await api(`/api/opinions/${current.id}/corrections`, { method: 'POST', body });
        else if (current && current.status === 'DRAFT') await api(`/api/opinions/${current.id}`, { method: 'PUT', body });
        else await api(`/api/sessions/${sessionId}/opinions`, { method: 'POST', body });
        onDone();
      } catch (err) {
        showFieldErrors(form, err);
      }
    });
    return form;
  }

  function signForm(opinion, onDone) {
    const form = h('form', { class: 'card', id: 'sign-form', 'data-opinion': String(opinion.id) },
      field('op.password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
      h('p', {}, h('button', { type: 'submit' }, t('op.sign'))));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api(`/api/opinions/${opinion.id}/sign`, { method: 'POST', body: { password: form.elements.password.value } });
        onDone();
      } catch (err) {
        showFieldErrors(form, err);
      }
    });
    return form;
  }

  const opinionRow = (o) => h('tr', { 'data-opinion': String(o.id), 'data-status': o.status },
    h('td', {}, localName(o, 'departmentNameZh', 'departmentNameEn')), h('td', {}, 'v' + o.revision),
    h('td', {}, t('verdict.' + o.verdict)), h('td', {}, t('op.' + o.status)),
    h('td', {}, o.reasons || '—', o.conditions.length ? h('div', {}, o.conditions.join('；')) : null,
      o.supplementItems.length ? h('div', {}, o.supplementItems.map((i) => i.material + (i.problem ? '：' + i.problem : '')).join('；')) : null,
      o.correctionReason ? h('div', { class: 'muted' }, '↺ ' + o.correctionReason) : null),
    h('td', {}, o.authorName, o.signedAt ? ' · ' + formatTime(o.signedAt) : ''));

  /**
   * The opinion form (officials) plus the history; also usable inside the room.
   * @param {string} sessionId the session
   * @param {function(): void} [refresh] called after the opinion changed
   * @returns {Promise<HTMLElement>} the section
   */
  async function opinionsSection(sessionId, refresh) {
    const user = me();
    const all = await api(`/api/sessions/${sessionId}/opinions`);
    const deptId = user.departmentId ?? user.department?.id;
    const mine = all.filter((o) => o.departmentId === deptId && o.status !== 'SUPERSEDED');
    const current = mine.find((o) => o.status === 'DRAFT') || mine.find((o) => o.status === 'SIGNED');
    const isOfficial = user.roles.includes('OFFICIAL');
    return h('section', { id: 'opinions' },
      isOfficial ? h('h2', {}, t('op.mine')) : null,
      isOfficial ? opinionForm(sessionId, current, refresh) : null,
      isOfficial && current && current.status === 'DRAFT' ? signForm(current, refresh) : null,
      h('h2', {}, t('op.history')),
      all.length ? h('table', { id: 'opinion-history' }, h('tbody', {}, all.map(opinionRow))) : h('p', {}, t('op.none')));
  }

  async function panelSection(sessionId, refresh) {
    const p = await api(`/api/sessions/${sessionId}/decision`);
    const issue = async () => {
      try {
        const d = await api(`/api/sessions/${sessionId}/decision`, { method: 'POST' });
        location.hash = '#/decisions/' + d.id;
      } catch (err) {
        toast(err.message);
        refresh();
      }
    };
    return h('section', { id: 'decision-panel', class: 'card' },
      h('h2', {}, t('panel.title')),
      h('p', {}, t('panel.rule'), ': ', p.rule),
      h('ul', {}, p.departments.map((d) => h('li', { 'data-department': d.code, 'data-signed': String(d.signed) },
        d.signed ? '✔ ' : '✘ ', localName(d), ' (', t(d.required ? 'panel.required' : 'panel.optional'), ')',
        d.verdict ? ' — ' + t('verdict.' + d.verdict) : ''))),
      p.missing.length ? h('p', { class: 'error', id: 'missing' }, t('panel.missing'), ': ', p.missing.join('、'))
        : h('p', {}, t('panel.complete')),
      p.preview ? h('p', { id: 'preview' }, t('panel.preview'), ': ', h('strong', {}, t('outcome.' + p.preview.outcome)),
        p.preview.conditions.length ? ' — ' + p.preview.conditions.join('；') : '',
        p.preview.notice.length ? ' — ' + p.preview.notice.map((n) => n.material).join('、') : '') : null,
      p.decision ? h('p', {}, t('panel.issued'), ': ', h('a', { href: '#/decisions/' + p.decision.id }, p.decision.number))
        : (p.mayIssue ? h('p', {}, h('button', { type: 'button', id: 'issue', onclick: issue }, t('panel.issue'))) : null),
      h('p', {}, h('a', { href: `/api/sessions/${sessionId}/minutes.pdf`, target: '_blank' }, t('panel.minutes'))));
  }

  /**
   * Who attended, from the session's attendance record (staff only; others see nothing).
   * @param {string} sessionId the session
   * @returns {Promise<HTMLElement | null>} the section, null for those who may not see it
   */
  async function attendanceSection(sessionId) {
    const rows = await api(`/api/sessions/${sessionId}/attendance`).catch(() => null);
    if (!rows) return null;
    const minutes = (s) => Math.round(s / 60);
    return h('section', { id: 'attendance', class: 'card' }, h('h2', {}, t('att.title')),
      rows.length ? h('table', {}, h('thead', {}, h('tr', {}, ['att.person', 'att.department', 'att.role', 'att.joined', 'att.left', 'att.present']
        .map((k) => h('th', {}, t(k))))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('td', {}, r.displayName), h('td', {}, r.departmentNameZh ? localName(r, 'departmentNameZh', 'departmentNameEn') : '—'),
        h('td', {}, r.role), h('td', {}, formatTime(r.joinedAt)),
        h('td', {}, r.leftAt ? formatTime(r.leftAt) + ' (' + r.leaveReason + ')' : '—'),
        h('td', {}, minutes(r.presentSeconds) + ' min' + (r.interruptions ? ` · ${r.interruptions}× ${r.interruptedSeconds} s` : '')))))) : h('p', {}, t('att.none')),
      h('p', {}, h('a', { href: `/api/sessions/${sessionId}/attendance.csv` }, t('att.csv'))));
  }

  /**
   * The session page afterwards: decision panel (with the minutes), attendance, opinions.
   * @param {string} sessionId the session
   * @returns {Promise<HTMLElement>} the page
   */
  async function sessionDecisionPage(sessionId) {
    const refresh = () => rerender();
    return h('section', { id: 'session-decision-page' }, h('h1', {}, t('op.title')),
      await panelSection(sessionId, refresh), await attendanceSection(sessionId), await opinionsSection(sessionId, refresh));
  }

  async function decisionPage(id) {
    const d = await api('/api/decisions/' + id);
    const user = me();
    const party = user.roles.includes('APPLICANT') || user.roles.includes('PROXY_AGENT');
    let rating = null;
    if (d.rating) {
      rating = h('p', { id: 'rating' }, t('dec.rated'), ': ', '★'.repeat(d.rating.score), d.rating.comment ? ' — ' + d.rating.comment : '');
    } else if (party) {
      rating = h('form', { class: 'card', id: 'rating-form', novalidate: true },
        h('h2', {}, t('dec.rate')),
        field('dec.score', h('select', { name: 'score' }, [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, n + ' ' + '★'.repeat(n))))),
        field('dec.comment', h('textarea', { name: 'comment', rows: 2 })),
        h('p', {}, h('button', { type: 'submit' }, t('dec.submitRating'))));
      rating.addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await api(`/api/decisions/${id}/rating`, { method: 'POST', body: { score: Number(rating.elements.score.value), comment: rating.elements.comment.value } });
          rerender();
        } catch (err) {
          showFieldErrors(rating, err);
        }
      });
    }
    return h('section', { id: 'decision-page', 'data-outcome': d.outcome },
      h('h1', {}, d.title, ' ', h('span', { class: 'status' }, d.number)),
      h('div', { class: 'card' }, h('dl', {},
        h('dt', {}, t('dec.number')), h('dd', { id: 'decision-number' }, d.number),
        h('dt', {}, t('dec.outcome')), h('dd', {}, t('outcome.' + d.outcome)),
        h('dt', {}, t('project.code')), h('dd', {}, h('a', { href: '#/projects/' + d.projectId }, d.projectCode), ' ', d.projectName),
        h('dt', {}, t('dec.issued')), h('dd', {}, formatTime(d.issuedAt), ' · ', d.issuer, ' · ', d.issuedBy),
        h('dt', {}, t('dec.sha')), h('dd', { class: 'mono' }, d.pdfSha256),
        h('dt', {}, t('dec.seal')), h('dd', { class: 'mono' }, d.sealFingerprint))),
      d.conditions.length ? [h('h2', {}, t('dec.conditions')), h('ol', { class: 'card' }, d.conditions.map((c) => h('li', {}, c)))] : null,
      d.notice.length ? [h('h2', {}, t('dec.notice')), h('ol', { class: 'card', id: 'notice' }, d.notice.map((n) =>
        h('li', {}, h('strong', {}, n.material), '：', n.problems || '', ' (', n.departments, ')')))] : null,
      h('h2', {}, t('dec.opinions')),
      h('ul', { class: 'card' }, d.opinions.map((o) => h('li', {}, localName(o, 'departmentNameZh', 'departmentNameEn'), ' — ', t('verdict.' + o.verdict),
        o.revision > 1 ? ' (v' + o.revision + ')' : '', ' · ', o.signedBy))),
      h('p', { class: 'actions' },
        h('a', { href: `/api/decisions/${id}/document.pdf`, class: 'button' }, t('dec.pdf')), ' ',
        h('a', { href: `/api/decisions/${id}/document.html`, target: '_blank' }, t('dec.html')), ' ',
        h('a', { href: '#/verify?number=' + encodeURIComponent(d.number) }, t('nav.verify'))),
      rating);
  }

  async function inboxPage() {
    const list = await api('/api/inbox/decisions');
    return h('section', { id: 'my-decisions' }, h('h1', {}, t('myDecisions.title')),
      list.length ? h('ul', { class: 'card' }, list.map((d) => h('li', { 'data-decision': d.id },
        h('a', { href: '#/decisions/' + d.id }, d.number), ' · ', d.title, ' · ', d.projectName, ' · ',
        h('strong', {}, t('outcome.' + d.outcome)), ' · ', formatTime(d.issuedAt)))) : h('p', {}, t('myDecisions.empty')));
  }

  function verifyPage(params) {
    const result = h('div', { id: 'verify-result', role: 'status', 'aria-live': 'polite' });
    const form = h('form', { class: 'card grid', id: 'verify-form', novalidate: true },
      field('verify.number', h('input', { name: 'number', value: params.get('number') || '', required: true })),
      field('verify.file', h('input', { name: 'file', type: 'file', accept: 'application/pdf' })),
      field('verify.sha', h('input', { name: 'sha256', class: 'mono' })),
      h('p', {}, h('button', { type: 'submit' }, t('verify.submit'))));
    const yes = (b) => h('strong', { class: b ? 'ok' : 'error' }, t(b ? 'verify.yes' : 'verify.no'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const number = form.elements.number.value;
      const file = form.elements.file.files[0];
      try {
        let v;
        if (file) {
          const res = await fetch('/api/decisions/verify?number=' + encodeURIComponent(number), {
            method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-Requested-With': 'XMLHttpRequest' }, body: file });
          v = await res.json();
          if (!res.ok) throw new ApiError(v);
        } else {
          v = await api('/api/decisions/verify?' + new URLSearchParams({ number, sha256: form.elements.sha256.value }));
        }
        result.replaceChildren(h('dl', { class: 'card', 'data-genuine': String(v.genuine), 'data-unaltered': String(v.unaltered) },
          h('dt', {}, t('verify.genuine')), h('dd', {}, yes(v.genuine)),
          h('dt', {}, t('verify.unaltered')), h('dd', {}, yes(v.unaltered)),
          h('dt', {}, t('verify.seal')), h('dd', {}, yes(v.sealValid)),
          v.issuer ? [h('dt', {}, t('dec.issued')), h('dd', {}, v.issuer, ' · ', formatTime(v.issuedAt), ' · ', v.projectCode, ' · ', t('outcome.' + v.outcome))] : null,
          h('dt', {}, 'SHA-256'), h('dd', { class: 'mono' }, v.sha256)));
      } catch (err) {
        showFieldErrors(form, err);
      }
    });
    return h('section', { id: 'verify-page' }, h('h1', {}, t('verify.title')), form, result);
  }

  // Pages for app.js's route table; the room (and the session page) can mount the two sections for one session.
  return { verifyPage, sessionDecisionPage, decisionPage, inboxPage, opinionsSection, panelSection };
}
