// UI strings in zh-CN (default) and English. Keys are namespaced by page.
const STRINGS = {
  'zh-CN': {
    'app.title': '联动审批', 'nav.projects': '项目', 'nav.register': '登记项目', 'nav.logout': '退出', 'lang.label': '语言',
    'login.title': '登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录', 'login.failed': '用户名或密码错误',
    'projects.title': '投资项目', 'projects.search': '搜索名称、代码或企业', 'projects.status': '状态', 'projects.county': '区县', 'projects.all': '全部',
    'projects.empty': '暂无项目', 'projects.prev': '上一页', 'projects.next': '下一页',
    'project.code': '项目代码', 'project.name': '项目名称', 'project.enterprise': '申请企业', 'project.credit': '统一社会信用代码',
    'project.investment': '总投资（元）', 'project.county': '所在区县', 'project.industry': '行业', 'project.matter': '审批事项',
    'project.applicant': '申请人', 'project.agent': '代办员（可选）', 'project.none': '无', 'project.register': '登记',
    'project.registered': '项目已登记', 'project.materials': '材料清单', 'project.timeline': '办理过程', 'project.status': '状态',
    'status.DRAFT': '草稿', 'status.SUBMITTED': '已提交', 'status.PRE_REVIEW': '预审中', 'status.SUPPLEMENTING': '补正中',
    'status.ACCEPTED': '已受理', 'status.IN_REVIEW': '联审中', 'status.DECIDED': '已决定', 'status.WITHDRAWN': '已撤回',
    'material.MISSING': '未提交', 'material.PROVIDED': '已提交', 'material.ACCEPTED': '已通过', 'material.NEEDS_CORRECTION': '需补正', 'material.NOT_APPLICABLE': '不适用',
    'error.generic': '操作失败',
    'action.submit': '提交申请', 'action.preReview': '开始预审', 'action.accept': '受理', 'action.supplement': '一次性告知补正',
    'action.resubmit': '补正后重新提交', 'action.withdraw': '撤回',
    'nav.sessions': '联审会', 'nav.schedule': '安排联审会', 'nav.inbox': '消息',
    'clock.title': '法定办理时限', 'clock.NOT_STARTED': '未开始', 'clock.RUNNING': '计时中', 'clock.PAUSED': '暂停（补正中）', 'clock.STOPPED': '已停止',
    'clock.used': '已用工作日', 'clock.left': '剩余', 'clock.due': '截止日期', 'clock.pausedSince': '暂停自',
    'sessions.title': '联审会', 'sessions.schedule': '安排联审会', 'sessions.none': '暂无联审会', 'sessions.noAccepted': '暂无已受理的项目',
    'sessions.date': '日期', 'sessions.time': '开始时间（北京时间）', 'sessions.duration': '时长（分钟）', 'sessions.chair': '主持人',
    'sessions.departments': '参会部门', 'sessions.required': '必须到会', 'sessions.official': '部门代表', 'sessions.parties': '申请方',
    'sessions.observer': '监督员（可选）', 'sessions.agenda': '议程（每行一项，留空用默认议程）', 'sessions.agendaDefault': '开场与法定人数确认…',
    'sessions.clashes': '存在冲突：', 'sessions.scheduled': '联审会已安排，邀请已发出', 'sessions.week': '本周联审会',
    'sessions.prevWeek': '上一周', 'sessions.nextWeek': '下一周',
    'session.SCHEDULED': '已安排', 'session.OPEN': '候会中', 'session.IN_PROGRESS': '进行中', 'session.CONCLUDED': '已结束', 'session.CANCELLED': '已取消',
    'role.APPLICANT': '申请人', 'role.PROXY_AGENT': '代办员',
    'clash.PROJECT_NOT_ACCEPTED': '项目未受理', 'clash.CHAIR_NOT_ALLOWED': '主持人无主持资格', 'clash.REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL': '必须到会部门无人参会',
    'clash.NON_WORKING_DAY': '非工作日', 'clash.OUTSIDE_WORKING_HOURS': '不在工作时间内', 'clash.PERSON_BUSY': '人员时间冲突',
    'inbox.title': '消息', 'inbox.empty': '暂无消息', 'inbox.calendar': '下载日历文件 (.ics)',
    // Timeline events (project_event / session_event types), inbox kinds and problem types; I18nKeysTest checks them.
    'event.registered': '项目登记', 'event.submitted': '提交申请', 'event.pre-review-started': '开始预审',
    'event.material-missing': '材料未提交', 'event.material-provided': '材料已提交', 'event.material-accepted': '材料通过',
    'event.material-needs_correction': '材料需补正', 'event.material-not_applicable': '材料不适用', 'event.accepted': '受理',
    'event.supplement-requested': '一次性告知补正', 'event.resubmitted': '补正后重新提交', 'event.review-started': '开始联审',
    'event.decided': '作出决定', 'event.withdrawn': '撤回', 'event.session-scheduled': '安排联审会',
    'event.session-started': '联审会开始', 'event.opinion-signed': '部门意见签署', 'event.decision-issued': '联审决定印发',
    'event.scheduled': '安排联审会', 'event.invited': '邀请参会', 'event.invitation-withdrawn': '撤回邀请',
    'event.rescheduled': '改期', 'event.cancelled': '取消', 'event.opened': '开放入会',
    'event.started': '会议开始', 'event.concluded': '会议结束', 'event.agenda-edited': '修改议程', 'event.agenda-step': '进入议程下一项',
    'inbox.kind.INVITATION': '会议邀请', 'inbox.kind.UPDATE': '会议变更', 'inbox.kind.CANCELLATION': '会议取消', 'inbox.kind.NOTICE': '通知',
    'problem.validation': '输入有误，请检查标出的字段', 'problem.duplicate': '该记录已存在（可能刚被他人同时创建）', 'problem.concurrent-change': '他人同时修改了该记录，请刷新后重试',
    'problem.forbidden': '您的角色无权进行此操作', 'problem.unauthorized': '请先登录', 'problem.not-found': '未找到该记录',
    'problem.internal': '系统内部错误，已记录', 'problem.clash': '安排冲突', 'problem.illegal-transition': '当前状态下不能进行此操作',
    'problem.materials-incomplete': '仍有材料未通过，不能受理', 'problem.opinion-signed': '意见已签署，请提交更正', 'problem.already-rated': '已评价过',
    'problem.decision-issued': '决定已印发', 'problem.opinions-missing': '仍有必需部门未签署意见', 'problem.rate-limited': '请求过于频繁，请稍后再试',
    'problem.already-invited': '此人已被邀请', 'problem.chair-invitation': '主持人的邀请不能撤回', 'problem.correction-pending': '已有更新的更正版本',
    'problem.not-invited': '您未受邀参加此联审会', 'problem.recording-failed': '录制切换失败', 'problem.recording-needs-sfu': '录制需要 SFU 模式',
    'problem.room-not-live': '会议室未在进行中', 'problem.session-over': '联审会已结束',
    'event.material-uploaded': '上传材料', 'problem.bulletin-published': '该月通报已发布', 'problem.material-accepted': '该材料版本已通过，不能再更改',
    'problem.materials-closed': '当前阶段不能更改申报材料', 'problem.minutes-not-frozen': '会议纪要尚未定稿（签发决定时定稿）',
    'problem.month-not-over': '该月尚未结束', 'problem.nothing-to-correct': '没有需要补正的材料',
    'problem.upload-busy': '该文件正在上传，请稍后重试', 'problem.upload-offset': '续传位置不一致，请从服务器记录的位置继续',
  },
  en: {
    'app.title': 'Liandong linked approval', 'nav.projects': 'Projects', 'nav.register': 'Register project', 'nav.logout': 'Sign out', 'lang.label': 'Language',
    'login.title': 'Sign in', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in', 'login.failed': 'Wrong username or password',
    'projects.title': 'Investment projects', 'projects.search': 'Search name, code or enterprise', 'projects.status': 'Status', 'projects.county': 'County', 'projects.all': 'All',
    'projects.empty': 'No projects yet', 'projects.prev': 'Previous', 'projects.next': 'Next',
    'project.code': 'Project code', 'project.name': 'Project name', 'project.enterprise': 'Applicant enterprise', 'project.credit': 'Unified social credit code',
    'project.investment': 'Investment (CNY)', 'project.county': 'County', 'project.industry': 'Industry', 'project.matter': 'Matter type',
    'project.applicant': 'Applicant', 'project.agent': 'Proxy agent (optional)', 'project.none': 'None', 'project.register': 'Register',
    'project.registered': 'Project registered', 'project.materials': 'Materials', 'project.timeline': 'Timeline', 'project.status': 'Status',
    'status.DRAFT': 'Draft', 'status.SUBMITTED': 'Submitted', 'status.PRE_REVIEW': 'Pre-review', 'status.SUPPLEMENTING': 'Supplementing',
    'status.ACCEPTED': 'Accepted', 'status.IN_REVIEW': 'In review', 'status.DECIDED': 'Decided', 'status.WITHDRAWN': 'Withdrawn',
    'material.MISSING': 'Missing', 'material.PROVIDED': 'Provided', 'material.ACCEPTED': 'Accepted', 'material.NEEDS_CORRECTION': 'Needs correction', 'material.NOT_APPLICABLE': 'Not applicable',
    'error.generic': 'Something went wrong',
    'action.submit': 'Submit', 'action.preReview': 'Start pre-review', 'action.accept': 'Accept', 'action.supplement': 'One-time supplement notice',
    'action.resubmit': 'Resubmit', 'action.withdraw': 'Withdraw',
    'nav.sessions': 'Sessions', 'nav.schedule': 'Schedule session', 'nav.inbox': 'Inbox',
    'clock.title': 'Statutory time limit', 'clock.NOT_STARTED': 'not started', 'clock.RUNNING': 'running', 'clock.PAUSED': 'paused (supplementing)', 'clock.STOPPED': 'stopped',
    'clock.used': 'Working days used', 'clock.left': 'left', 'clock.due': 'due', 'clock.pausedSince': 'paused since',
    'sessions.title': 'Review sessions', 'sessions.schedule': 'Schedule a session', 'sessions.none': 'No sessions yet', 'sessions.noAccepted': 'No accepted projects',
    'sessions.date': 'Date', 'sessions.time': 'Start (Beijing time)', 'sessions.duration': 'Duration (minutes)', 'sessions.chair': 'Chair',
    'sessions.departments': 'Departments', 'sessions.required': 'required', 'sessions.official': 'Official', 'sessions.parties': 'Applicant side',
    'sessions.observer': 'Observer (optional)', 'sessions.agenda': 'Agenda (one item per line; empty for the default)', 'sessions.agendaDefault': 'Opening and quorum…',
    'sessions.clashes': 'Clashes:', 'sessions.scheduled': 'Session scheduled, invitations sent', 'sessions.week': 'Sessions in the week of',
    'sessions.prevWeek': 'Previous week', 'sessions.nextWeek': 'Next week',
    'session.SCHEDULED': 'Scheduled', 'session.OPEN': 'Lobby open', 'session.IN_PROGRESS': 'In progress', 'session.CONCLUDED': 'Concluded', 'session.CANCELLED': 'Cancelled',
    'role.APPLICANT': 'Applicant', 'role.PROXY_AGENT': 'Proxy agent',
    'clash.PROJECT_NOT_ACCEPTED': 'Project not accepted', 'clash.CHAIR_NOT_ALLOWED': 'Chair may not chair', 'clash.REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL': 'Required department without official',
    'clash.NON_WORKING_DAY': 'Not a working day', 'clash.OUTSIDE_WORKING_HOURS': 'Outside working hours', 'clash.PERSON_BUSY': 'Person already booked',
    'inbox.title': 'Inbox', 'inbox.empty': 'No messages', 'inbox.calendar': 'Download calendar file (.ics)',
    'event.registered': 'Registered', 'event.submitted': 'Submitted', 'event.pre-review-started': 'Pre-review started',
    'event.material-missing': 'Material missing', 'event.material-provided': 'Material provided', 'event.material-accepted': 'Material accepted',
    'event.material-needs_correction': 'Material needs correction', 'event.material-not_applicable': 'Material not applicable', 'event.accepted': 'Accepted',
    'event.supplement-requested': 'Supplement requested (one-time notice)', 'event.resubmitted': 'Resubmitted', 'event.review-started': 'Review started',
    'event.decided': 'Decided', 'event.withdrawn': 'Withdrawn', 'event.session-scheduled': 'Session scheduled',
    'event.session-started': 'Session started', 'event.opinion-signed': 'Opinion signed', 'event.decision-issued': 'Decision issued',
    'event.scheduled': 'Scheduled', 'event.invited': 'Invited', 'event.invitation-withdrawn': 'Invitation withdrawn',
    'event.rescheduled': 'Rescheduled', 'event.cancelled': 'Cancelled', 'event.opened': 'Opened',
    'event.started': 'Started', 'event.concluded': 'Concluded', 'event.agenda-edited': 'Agenda edited', 'event.agenda-step': 'Agenda moved on',
    'inbox.kind.INVITATION': 'Invitation', 'inbox.kind.UPDATE': 'Change', 'inbox.kind.CANCELLATION': 'Cancellation', 'inbox.kind.NOTICE': 'Notice',
    'problem.validation': 'Please check the marked fields', 'problem.duplicate': 'This already exists (perhaps created at the same moment by someone else)', 'problem.concurrent-change': 'Someone else changed this at the same time; reload and try again',
    'problem.forbidden': 'Your role does not allow this', 'problem.unauthorized': 'Please sign in', 'problem.not-found': 'Not found',
    'problem.internal': 'Something went wrong on our side; it has been logged', 'problem.clash': 'Scheduling clash', 'problem.illegal-transition': 'Not possible in the current state',
    'problem.materials-incomplete': 'Some materials are still open', 'problem.opinion-signed': 'The opinion is signed; submit a correction', 'problem.already-rated': 'Already rated',
    'problem.decision-issued': 'The decision is already issued', 'problem.opinions-missing': 'A required department has not signed its opinion', 'problem.rate-limited': 'Too many requests; try again shortly',
    'problem.already-invited': 'Already invited', 'problem.chair-invitation': "The chair's invitation cannot be withdrawn", 'problem.correction-pending': 'A newer correction already exists',
    'problem.not-invited': 'You are not invited to this session', 'problem.recording-failed': 'Recording could not be switched', 'problem.recording-needs-sfu': 'Recording needs the SFU mode',
    'problem.room-not-live': 'The room is not live', 'problem.session-over': 'The session is over',
    'event.material-uploaded': 'Material uploaded', 'problem.bulletin-published': 'The bulletin for this month is already published', 'problem.material-accepted': 'This material version is accepted and can no longer change',
    'problem.materials-closed': 'Materials cannot change at this stage', 'problem.minutes-not-frozen': 'The minutes are not frozen yet (they are when the decision is issued)',
    'problem.month-not-over': 'This month is not over yet', 'problem.nothing-to-correct': 'No item is marked for correction',
    'problem.upload-busy': 'This file is being uploaded; try again shortly', 'problem.upload-offset': 'The resume offset does not match; continue from the offset the server holds',
  },
};

/**
 * Lets a page module bring its own strings, kept beside its code.
 * @param {Record<string, Record<string, string>>} more per language (`zh-CN`, `en`): key → string
 */
export function addStrings(more) {
  for (const [l, strings] of Object.entries(more)) Object.assign(STRINGS[l], strings);
}

export let lang = localStorage.getItem('lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');

/**
 * @param {string} key a string key, e.g. `room.title`
 * @returns {string} the string in the user's language, else in Chinese, else the key itself
 */
export function t(key) {
  return STRINGS[lang][key] ?? STRINGS['zh-CN'][key] ?? key;
}

/**
 * Switches the language (remembered in localStorage); pages re-render to show it.
 * @param {string} l `zh-CN` or `en`
 */
export function setLang(l) {
  lang = l;
  localStorage.setItem('lang', l);
  document.documentElement.lang = l;
}

/**
 * Fills every element with data-i18n (text) or data-i18n-placeholder below root.
 * @param {Document | Element} [root] where to look
 */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}

/**
 * A name in the user's language.
 * @param {Record<string, string>} o an object with both names
 * @param {string} [zh] the Chinese name's field
 * @param {string} [en] the English name's field
 * @returns {string} the name
 */
export function localName(o, zh = 'nameZh', en = 'nameEn') {
  return lang === 'en' ? o[en] : o[zh];
}

/** The zone times are shown in: the server says which (GET /api/client-settings); Asia/Shanghai until it has. */
export let zone = 'Asia/Shanghai';

/**
 * Takes the zone the server names (GET /api/client-settings); a missing one keeps the current.
 * @param {string | undefined} z an IANA zone id, e.g. `Asia/Shanghai`
 */
export function setZone(z) {
  if (z) zone = z;
}

/**
 * The calendar day of an instant in the server's zone.
 * @param {Date} d the instant
 * @returns {string} yyyy-mm-dd
 */
export function dayKey(d) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d);
}

/**
 * How far the server's zone is ahead of UTC at an instant (IANA rules through Intl, so DST is right too).
 * @param {number} ms the instant, epoch milliseconds (whole seconds)
 * @returns {number} the offset in milliseconds
 */
function offsetAt(ms) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
}

/**
 * The instant of a wall-clock time in the server's zone (what a form's date and time fields mean).
 * @param {string} date yyyy-mm-dd
 * @param {string} [time] HH:mm
 * @returns {Date} the instant
 */
export function zonedInstant(date, time = '00:00') {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)); // second pass: the offset at the instant itself, not at the wall time read as UTC
}

/**
 * An instant in the user's language and the server's zone.
 * @param {string} iso an ISO 8601 instant
 * @returns {string} medium date, short time
 */
export function formatTime(iso) {
  return new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * Free text from the server (timeline details) with every ISO instant in it shown as formatTime would.
 * @param {string | null | undefined} text the text
 * @returns {string} the text, '' for none
 */
export function localizeText(text) {
  return text == null ? '' : String(text).replace(INSTANT, (iso) => formatTime(iso));
}

/**
 * A translated label for a code, e.g. label('event', 'submitted'); the code itself only if no string exists.
 * @param {string} prefix the key's prefix
 * @param {string} code the code from the server
 * @returns {string} the label
 */
export function label(prefix, code) {
  const key = prefix + '.' + code;
  const s = t(key);
  return s === key ? code : s;
}

