// Role landing pages (coordinator dashboard, "my sessions", the applicant's "my projects") and the
// device check shown before entering a room. Mounted by app.js with the shell's helpers.
import { api } from './api.js';
import { h } from './dom.js';
import { t, addStrings, formatTime, dayKey, zonedInstant } from './i18n.js';
import './materials.js'; // its strings (the "read materials" link)

addStrings({
  'zh-CN': {
    'nav.home': '首页',
    'dash.title': '工作台', 'dash.today': '今日联审会', 'dash.atRisk': '临近法定时限的项目', 'dash.preReview': '待预审',
    'dash.none': '无', 'dash.daysLeft': '剩余工作日',
    'my.sessions': '我的联审会', 'my.projects': '我的项目', 'my.join': '进入会议', 'my.decision': '意见与决定',
    'my.decisions': '决定与告知书', 'my.pdf': '下载PDF', 'my.rate': '评价', 'my.resubmit': '补正材料后重新提交', 'my.none': '暂无',
    'dev.title': '进入前设备检查', 'dev.camera': '摄像头', 'dev.mic': '麦克风', 'dev.level': '麦克风音量', 'dev.enter': '进入会议室',
    'dev.cameraOn': '进入时打开摄像头', 'dev.denied': '浏览器拒绝了摄像头/麦克风权限。请在地址栏的网站设置中允许访问后重试；也可以不带音视频进入。',
    'dev.missing': '未找到摄像头或麦克风。请连接设备后重试；也可以不带音视频进入。', 'dev.failed': '无法打开设备：',
    'dev.ok': '设备正常：请确认能看到自己的画面，说话时音量条会跳动。', 'dev.retry': '重新检测', 'dev.insecure': '当前页面不是安全连接（HTTPS），浏览器不允许使用摄像头和麦克风。',
  },
  en: {
    'nav.home': 'Home',
    'dash.title': 'Dashboard', 'dash.today': "Today's sessions", 'dash.atRisk': 'Projects near their statutory deadline', 'dash.preReview': 'Awaiting pre-review',
    'dash.none': 'None', 'dash.daysLeft': 'working days left',
    'my.sessions': 'My sessions', 'my.projects': 'My projects', 'my.join': 'Join', 'my.decision': 'Opinions and decision',
    'my.decisions': 'Decisions and notices', 'my.pdf': 'Download PDF', 'my.rate': 'Rate', 'my.resubmit': 'Resubmit after supplementing', 'my.none': 'None',
    'dev.title': 'Device check before entering', 'dev.camera': 'Camera', 'dev.mic': 'Microphone', 'dev.level': 'Microphone level', 'dev.enter': 'Enter the room',
    'dev.cameraOn': 'Camera on when I enter', 'dev.denied': 'The browser denied camera/microphone access. Allow it in the site settings (address bar) and retry, or enter without media.',
    'dev.missing': 'No camera or microphone found. Connect one and retry, or enter without media.', 'dev.failed': 'Cannot open the device: ',
    'dev.ok': 'Devices work: check that you see yourself and that the level moves when you speak.', 'dev.retry': 'Check again', 'dev.insecure': 'This page is not served over HTTPS, so the browser allows no camera or microphone.',
  },
});

const PARTY = ['APPLICANT', 'PROXY_AGENT'];

/**
 * Where each role lands after signing in.
 * @param {{roles: string[]} | null} me the signed-in user, null when signed out
 * @returns {string} the hash to go to
 */
export function landingFor(me) {
  if (!me) return '#/projects';
  if (me.roles.some((r) => r === 'COORDINATOR' || r === 'ADMIN')) return '#/dashboard';
  if (me.roles.some((r) => PARTY.includes(r))) return '#/mine';
  return '#/my-sessions';
}

/**
 * The camera or microphone chosen in the device check.
 * @param {'audio' | 'video'} kind which device
 * @returns {string | undefined} its device id, undefined for the browser's default
 */
export const chosenDevice = (kind) => localStorage.getItem('liandong.device.' + kind) || undefined;

/**
 * The landing pages and the device check.
 * @param {{clockCard: function(object): (HTMLElement | null)}} ctx the project clock card (sessions.js)
 * @returns {object} the pages: dashboardPage(), mySessionsPage(), minePage(), deviceCheck(onEnter)
 */
export function homePages({ clockCard }) {
  const status = (s) => h('span', { class: 'status', 'data-status': s }, t('status.' + s));
  const list = (items, render, id) => items.length ? h('ul', { class: 'card', id }, items.map(render)) : h('p', { id }, t('dash.none'));
  const joinable = (s) => s.status !== 'CONCLUDED' && s.status !== 'CANCELLED';

  function sessionItem(s, party) {
    return h('li', { 'data-session': s.id }, formatTime(s.startsAt), ' · ', h('a', { href: '#/projects/' + s.projectId }, s.projectName),
      ' · ', t('session.' + s.status), ' · ',
      joinable(s) ? h('a', { href: '#/room/' + s.id, class: 'button', 'data-join': s.id }, t('my.join')) : null, ' ',
      party ? null : h('a', { href: `#/sessions/${s.id}/decision` }, t('my.decision')), ' ',
      h('a', { href: `#/sessions/${s.id}/materials`, 'data-materials': s.id }, t('mat.link')));
  }

  async function dashboardPage() {
    const today = dayKey(new Date());
    const from = zonedInstant(today);
    const to = new Date(from.getTime() + 86400000);
    const [sessions, atRisk, submitted, preReview] = await Promise.all([
      api(`/api/sessions?from=${from.toISOString()}&to=${to.toISOString()}`), api('/api/projects/at-risk'),
      api('/api/projects?status=SUBMITTED&size=50'), api('/api/projects?status=PRE_REVIEW&size=50')]);
    const project = (p) => h('li', { 'data-project': p.id }, h('a', { href: '#/projects/' + p.id }, p.projectCode + ' ' + p.name), ' ', status(p.status),
      p.clock && p.clock.state === 'RUNNING' ? ` · ${p.clock.daysLeft} ${t('dash.daysLeft')}` : '');
    return h('section', { id: 'dashboard' }, h('h1', {}, t('dash.title')),
      h('h2', {}, t('dash.today')), list(sessions, (s) => sessionItem(s), 'today-sessions'),
      h('h2', {}, t('dash.atRisk')), list(atRisk, project, 'at-risk'),
      h('h2', {}, t('dash.preReview')), list([...submitted.items, ...preReview.items], project, 'pre-review'));
  }

  async function mySessions() {
    const from = new Date(Date.now() - 86400000).toISOString();
    const to = new Date(Date.now() + 30 * 86400000).toISOString();
    return api(`/api/me/sessions?from=${from}&to=${to}`);
  }

  async function mySessionsPage() {
    return h('section', { id: 'my-sessions' }, h('h1', {}, t('my.sessions')), list(await mySessions(), (s) => sessionItem(s), 'session-list'));
  }

  /**
   * Applicant and proxy agent: each project with status, clock, sessions to join, decisions.
   * @returns {Promise<HTMLElement>} the page
   */
  async function minePage() {
    const [projects, sessions, decisions] = await Promise.all([api('/api/projects?size=50'), mySessions(), api('/api/inbox/decisions')]);
    const card = (p) => h('article', { class: 'card', 'data-project': p.id, 'data-status': p.status },
      h('h2', {}, h('a', { href: '#/projects/' + p.id }, p.name), ' ', status(p.status)),
      h('p', {}, p.projectCode, ' · ', p.enterpriseName),
      clockCard(p.clock),
      p.status === 'SUPPLEMENTING' ? h('p', {}, h('a', { href: '#/projects/' + p.id, class: 'button' }, t('my.resubmit'))) : null,
      h('h3', {}, t('my.sessions')), list(sessions.filter((s) => s.projectId === p.id), (s) => sessionItem(s, true)),
      h('h3', {}, t('my.decisions')), list(decisions.filter((d) => d.projectId === p.id), (d) => h('li', { 'data-decision': d.id },
        h('a', { href: '#/decisions/' + d.id }, d.number), ' · ', h('strong', {}, t('outcome.' + d.outcome)), ' · ', formatTime(d.issuedAt), ' · ',
        h('a', { href: `/api/decisions/${d.id}/document.pdf`, download: '' }, t('my.pdf')), ' ',
        d.rating ? '★'.repeat(d.rating.score) : h('a', { href: '#/decisions/' + d.id }, t('my.rate')))));
    return h('section', { id: 'mine' }, h('h1', {}, t('my.projects')),
      projects.items.length ? projects.items.map(card) : h('p', {}, t('my.none')));
  }

  /**
   * Camera preview, microphone level and device choice before the room. Entering is always possible
   * (without media when a device is missing or refused); `onEnter({ camera })` enters.
   * @param {function({camera: boolean}): void} onEnter enters the room, with the camera on or off
   * @returns {HTMLElement} the page
   */
  function deviceCheck(onEnter) {
    const video = h('video', { autoplay: true, playsinline: true, muted: true, id: 'device-preview', 'aria-label': t('dev.camera') });
    const meter = h('meter', { id: 'mic-level', min: 0, max: 1, value: 0, 'aria-label': t('dev.level') });
    const message = h('p', { id: 'device-message', role: 'status', 'aria-live': 'polite' });
    const camSelect = h('select', { id: 'camera-select', name: 'camera' });
    const micSelect = h('select', { id: 'mic-select', name: 'mic' });
    const cameraOn = h('input', { type: 'checkbox', id: 'camera-on', checked: localStorage.getItem('liandong.cameraOn') !== 'false' });
    let stream = null;
    let audio = null;
    const stop = () => { stream?.getTracks().forEach((tr) => tr.stop()); stream = null; audio?.close(); audio = null; };

    function explain(e) {
      message.className = 'error';
      if (e.name === 'NotAllowedError' || e.name === 'SecurityError') message.textContent = t('dev.denied');
      else if (e.name === 'NotFoundError' || e.name === 'OverconstrainedError') message.textContent = t('dev.missing');
      else message.textContent = t('dev.failed') + (e.message || e.name);
      message.dataset.state = e.name;
    }

    function level(s) {
      if (!s.getAudioTracks().length) return;
      audio = new AudioContext();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 512;
      audio.createMediaStreamSource(s).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      const tick = () => {
        if (!meter.isConnected || !audio) return stop();
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
        meter.value = peak;
        meter.dataset.peak = Math.max(Number(meter.dataset.peak || 0), peak).toFixed(3);
        requestAnimationFrame(tick);
      };
      tick();
    }

    async function start() {
      stop();
      message.className = ''; message.textContent = ''; delete message.dataset.state;
      if (!navigator.mediaDevices?.getUserMedia) { message.className = 'error'; message.textContent = t('dev.insecure'); message.dataset.state = 'insecure'; return; }
      const pick = (sel) => (sel.value ? { deviceId: { exact: sel.value } } : true);
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: pick(camSelect), audio: pick(micSelect) });
      } catch (e) {
        // One of the two may still work: try each alone before giving up.
        const alone = await Promise.allSettled([navigator.mediaDevices.getUserMedia({ video: pick(camSelect) }), navigator.mediaDevices.getUserMedia({ audio: pick(micSelect) })]);
        const tracks = alone.filter((r) => r.status === 'fulfilled').flatMap((r) => r.value.getTracks());
        explain(e);
        if (!tracks.length) return;
        stream = new MediaStream(tracks);
      }
      const s = stream;
      video.srcObject = s;
      level(s);
      const devices = await navigator.mediaDevices.enumerateDevices();
      if (s !== stream) return; // entered (or restarted) meanwhile
      const fill = (sel, kind, track) => sel.replaceChildren(...devices.filter((d) => d.kind === kind).map((d, i) =>
        h('option', { value: d.deviceId, selected: track?.getSettings().deviceId === d.deviceId }, d.label || `${kind} ${i + 1}`)));
      fill(camSelect, 'videoinput', s.getVideoTracks()[0]);
      fill(micSelect, 'audioinput', s.getAudioTracks()[0]);
      if (!message.dataset.state) { message.textContent = t('dev.ok'); message.dataset.state = 'ok'; }
    }

    camSelect.addEventListener('change', () => { localStorage.setItem('liandong.device.video', camSelect.value); start(); });
    micSelect.addEventListener('change', () => { localStorage.setItem('liandong.device.audio', micSelect.value); start(); });
    const enter = () => {
      localStorage.setItem('liandong.cameraOn', String(cameraOn.checked));
      stop();
      onEnter({ camera: cameraOn.checked });
    };
    queueMicrotask(start);
    return h('section', { id: 'device-check', class: 'card' }, h('h1', {}, t('dev.title')),
      h('div', { class: 'device-grid' }, video,
        h('div', { class: 'grid' },
          h('label', {}, h('span', {}, t('dev.camera')), camSelect),
          h('label', {}, h('span', {}, t('dev.mic')), micSelect),
          h('label', {}, h('span', {}, t('dev.level')), meter),
          h('label', { class: 'check' }, h('span', {}, cameraOn, ' ', t('dev.cameraOn'))))),
      message,
      h('p', { class: 'actions' }, h('button', { type: 'button', id: 'device-enter', onclick: enter }, t('dev.enter')),
        h('button', { type: 'button', class: 'secondary', onclick: start }, t('dev.retry'))));
  }

  return { dashboardPage, mySessionsPage, minePage, deviceCheck };
}
