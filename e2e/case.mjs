// One whole case in real browsers, run by BrowserCaseTest against the test instance:
//   BASE_URL=http://localhost:PORT SESSION_DATE=yyyy-mm-dd SESSION_TIME=HH:MM node e2e/case.mjs
// The coordinator registers, accepts and schedules; chair, city official, county official and the
// applicant join from four browser contexts with fake cameras; the lobby admits and excuses; two
// departments give opinions (one asks for a supplement); the chair issues the decision; the
// applicant reads the notice and downloads the PDF. Every step leaves a screenshot.
import { writeFileSync } from 'node:fs';
import { launch, signIn, signOpinion, step, axeViolations, report, cspViolations, BASE_URL, SHOTS, PASSWORD } from './lib.mjs';

const { SESSION_DATE, SESSION_TIME } = process.env;
const JOINS = Number(process.env.JOINS || 5);
// The case brings its own people (created by the admin through the API, as a service centre
// would), so that sessions other tests scheduled in the same test instance never clash with it.
const RUN = Date.now().toString(36);
const admin = async (path, body) => {
  const res = await fetch(BASE_URL + path, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: 'Basic ' + Buffer.from('admin:' + PASSWORD).toString('base64'), 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const departments = await admin('/api/departments');
const deptId = (code) => departments.find((d) => d.code === code).id;
const person = async (prefix, displayName, roles, departmentCode, mayChair = false) => (await admin('/api/people', {
  username: `${prefix}.${RUN}`, password: PASSWORD, displayName, roles, mayChair,
  departmentId: departmentCode ? deptId(departmentCode) : null,
})).username;
const CHAIR = await person('e2e.chair', '刘局长', ['OFFICIAL'], '370303-XZSP', true);
const CITY = await person('e2e.city', '赵科长', ['OFFICIAL'], '370300-STHJ');
const COUNTY = await person('e2e.county', '陈科长', ['OFFICIAL'], '370303-ZRZY');
const APPLICANT_NAME = '郑经理 ' + RUN;
const APPLICANT = await person('e2e.applicant', APPLICANT_NAME, ['APPLICANT']);

const browser = await launch();
const figures = {};
let failed = false;

/**
 * In-page: every remote tile's video has frames and keeps playing (currentTime advances).
 * @param {import('playwright-core').Page} page a member's page in the room
 * @param {number} expected how many remote tiles must play
 * @returns {Promise<void>} when they all do
 */
async function liveVideos(page, expected) {
  await page.waitForFunction((n) => {
    const remote = [...document.querySelectorAll('.room-tile video')].filter((v) => !v.muted);
    return remote.length === n && remote.every((v) => v.videoWidth > 0 && v.currentTime > 0);
  }, expected, { timeout: 30000 }).catch(async (e) => {
    const seen = await page.evaluate(() => [...document.querySelectorAll('.room-tile video')].map((v) => ({ muted: v.muted, w: v.videoWidth, t: v.currentTime, paused: v.paused, ready: v.readyState })));
    throw new Error(`no live video on ${page.url()}: ${JSON.stringify(seen)}; ${e.message}`);
  });
  const before = await page.evaluate(() => [...document.querySelectorAll('.room-tile video')].filter((v) => !v.muted).map((v) => v.currentTime));
  await page.waitForTimeout(600);
  const after = await page.evaluate(() => [...document.querySelectorAll('.room-tile video')].filter((v) => !v.muted).map((v) => v.currentTime));
  if (after.length !== before.length || after.some((t, i) => !(t > before[i]))) throw new Error(`video stalled: ${before} -> ${after}`);
  return after.length;
}

const api = (page, path, init) => page.evaluate(async ([p, i]) => {
  const r = await fetch(p, { ...i, headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' } });
  return r.json();
}, [path, init]);

/**
 * From "my sessions" (or "my projects"): join, pass the device check, and return ms from the click to the first remote video.
 * @param {import('playwright-core').Page} page the member's page
 * @param {number} sessionId the session to join
 * @param {{expectVideo?: boolean}} [options] whether to wait for a remote video (false: audio only)
 * @returns {Promise<number>} milliseconds from the click to the first remote video
 */
async function join(page, sessionId, { expectVideo = true } = {}) {
  await page.click(`[data-join="${sessionId}"]`);
  await page.waitForSelector('#device-check #device-message[data-state]');
  await page.evaluate(() => {
    window.__firstVideo = null;
    document.getElementById('device-enter').addEventListener('click', () => { window.__joinClick = performance.now(); }, { capture: true });
  });
  await page.click('#device-enter');
  await page.waitForSelector('#room-page');
  if (!expectVideo) return null;
  await page.waitForFunction(() => {
    if ([...document.querySelectorAll('.room-tile video')].some((v) => !v.muted && v.videoWidth > 0)) window.__firstVideo ??= performance.now();
    return window.__firstVideo !== null;
  }, null, { polling: 10, timeout: 30000 });
  const ms = await page.evaluate(() => Math.round(window.__firstVideo - window.__joinClick));
  if (process.env.E2E_TRACE) {
    const trace = await page.evaluate(() => (window.__rtc || []).filter((e) => e.at >= window.__joinClick).map((e) => `${e.what}@${Math.round(e.at - window.__joinClick)}`));
    console.log(`join ${ms} ms: ${trace.join(' ')}`);
  }
  return ms;
}

/** With E2E_TRACE set: note when each peer connection reaches each state (relative to the join click). */
const TRACE = () => {
  const Native = window.RTCPeerConnection;
  window.__rtc = [];
  const note = (what) => window.__rtc.push({ what, at: performance.now() });
  window.RTCPeerConnection = class extends Native {
    constructor(...a) {
      super(...a);
      note('pc');
      this.addEventListener('connectionstatechange', () => note('conn:' + this.connectionState));
      this.addEventListener('icegatheringstatechange', () => note('gather:' + this.iceGatheringState));
      this.addEventListener('track', (e) => note('track:' + e.track.kind));
    }
    setRemoteDescription(d) { note('remote:' + d?.type); return super.setRemoteDescription(d); }
  };
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...a) { super(...a); note('ws'); this.addEventListener('message', (e) => { if (e.data.includes('"welcome"')) note('welcome'); }); }
  };
};

try {
  const coordinator = await signIn(browser, 'coordinator');
  const code = `2026-370303-44-03-${String(Date.now() % 1000000).padStart(6, '0')}`;

  await step('coordinator lands on the dashboard', coordinator, async () => {
    await coordinator.waitForSelector('#dashboard #at-risk');
  });

  const fillProject = async (creditCode) => {
    await coordinator.goto(BASE_URL + '/#/projects/new');
    const form = coordinator.locator('#register-form');
    await form.locator('[name=projectCode]').fill(code);
    await form.locator('[name=name]').fill('淄川区年产5万吨高性能新材料项目');
    await form.locator('[name=enterpriseName]').fill('淄博测试新材料有限公司');
    await form.locator('[name=creditCode]').fill(creditCode);
    await form.locator('[name=investment]').fill('120000000.00');
    await form.locator('[name=countyCode]').selectOption('370303');
    await form.locator('[name=industry]').fill('C26');
    await form.locator('[name=applicantId]').selectOption({ label: APPLICANT_NAME });
    await form.locator('button[type=submit]').click();
  };

  await step('a wrong credit code is named next to its field', coordinator, async () => {
    await fillProject('91350100M000100Y44');
    await coordinator.waitForSelector('#register-form [name=creditCode][aria-invalid=true]');
  });

  const projectUrl = await step('coordinator registers a project', coordinator, async () => {
    await fillProject('91350100M000100Y43');
    await coordinator.waitForSelector('#project-page[data-status=DRAFT]');
    return coordinator.url();
  });
  const projectId = projectUrl.split('/').pop();

  await step('the submitted project waits for pre-review on the dashboard', coordinator, async () => {
    await coordinator.goto(projectUrl);
    await coordinator.click('[data-action=submit]');
    await coordinator.waitForSelector('#project-page[data-status=SUBMITTED]');
    await coordinator.goto(BASE_URL + '/#/dashboard');
    await coordinator.waitForSelector(`#pre-review [data-project="${projectId}"]`);
  });

  await step('coordinator pre-reviews and accepts the project', coordinator, async () => {
    await coordinator.goto(projectUrl);
    await coordinator.click('[data-action=pre-review]');
    await coordinator.waitForSelector('#project-page[data-status=PRE_REVIEW]');
    // No files in this case (e2e/materials.mjs has them): every item is marked not applicable.
    while (await coordinator.locator('[data-not-applicable]').count()) {
      // Each change re-renders the page with the project's new version: wait for it before the next.
      const version = await coordinator.getAttribute('#project-page', 'data-version');
      await coordinator.locator('[data-not-applicable]').first().click();
      await coordinator.waitForSelector(`#project-page:not([data-version="${version}"])`);
    }
    await coordinator.click('[data-action=accept]');
    await coordinator.waitForSelector('#project-page[data-status=ACCEPTED]');
  });

  const sessionId = await step('coordinator schedules the session with the live clash check', coordinator, async () => {
    await coordinator.goto(`${BASE_URL}/#/sessions/new?project=${projectId}`);
    await coordinator.waitForSelector('#schedule-form input[name=party]');
    const people = await api(coordinator, '/api/people?role=OFFICIAL');
    const person = (u) => people.find((p) => p.username === u);
    const form = coordinator.locator('#schedule-form');
    // Each change asks the server for clashes; wait for that answer (and its rendering) before looking.
    const checked = async (change) => {
      const answer = coordinator.waitForResponse((r) => r.url().endsWith('/api/sessions/check'));
      await change();
      await answer;
      await coordinator.waitForTimeout(200);
    };
    await form.locator('[name=time]').fill(SESSION_TIME);
    await form.locator('[name=durationMinutes]').fill('60');
    await form.locator('[name=chairId]').selectOption(String(person(CHAIR).id));
    for (const u of [CITY, COUNTY]) {
      const { department } = person(u);
      await form.locator(`input[name=dept][value="${department.id}"]`).check();
      await form.locator(`[name="required-${department.id}"]`).check();
    }
    await checked(() => form.locator('[name=date]').fill(SESSION_DATE).then(() => form.locator('[name=date]').dispatchEvent('change')));
    // No official chosen yet for the required departments: the clash shows inline before submitting.
    await coordinator.waitForSelector('#clashes li[data-kind=REQUIRED_DEPARTMENT_WITHOUT_OFFICIAL]');
    await coordinator.screenshot({ path: `${SHOTS}/schedule-inline-clash.png`, fullPage: true });
    for (const u of [CITY, COUNTY]) {
      const { id, department } = person(u);
      await checked(() => form.locator(`[name="official-${department.id}"]`).selectOption(String(id)));
    }
    const clashes = await coordinator.locator('#clashes li').allTextContents();
    if (clashes.length) throw new Error('clashes: ' + clashes.join('; '));
    await form.locator('button[type=submit]').click();
    await coordinator.waitForURL(/#\/sessions\?week=/);
    const list = await api(coordinator, `/api/sessions?projectId=${projectId}`);
    return String(list[0].id);
  });

  await step('the session shows in the week calendar and among today\'s sessions', coordinator, async () => {
    await coordinator.waitForSelector(`#week [data-session="${sessionId}"]`);
    await coordinator.goto(BASE_URL + '/#/dashboard');
    // "Today" is the browser's date: it matches the server's unless the test moved the server clock.
    if (!process.env.CLOCK_SHIFTED) await coordinator.waitForSelector(`#today-sessions [data-session="${sessionId}"]`);
  });

  const chair = await signIn(browser, CHAIR);
  await step('the chair has the invitation with its calendar file, lands on my sessions, checks the devices', chair, async () => {
    await chair.waitForSelector(`#my-sessions [data-join="${sessionId}"]`);
    await chair.goto(BASE_URL + '/#/inbox');
    await chair.waitForSelector('#inbox li a[download]');
    await chair.screenshot({ path: `${SHOTS}/chair-inbox.png`, fullPage: true });
    await chair.goto(BASE_URL + '/#/my-sessions');
    await chair.click(`[data-join="${sessionId}"]`);
    await chair.waitForSelector('#device-message[data-state=ok]');
    await chair.waitForFunction(() => document.getElementById('device-preview').videoWidth > 0);
    // The fake microphone beeps: the level meter must have moved.
    await chair.waitForFunction(() => Number(document.getElementById('mic-level').dataset.peak || 0) > 0.01);
    const violations = await axeViolations(chair);
    if (violations.length) throw new Error('axe (device check): ' + violations.join('; '));
  });

  await step('the chair enters the room and the quorum is missing', chair, async () => {
    await chair.click('#device-enter');
    await chair.waitForSelector('.room-quorum.missing');
    await chair.waitForSelector('.room-tile[data-self]');
  });

  await step('the device check explains a refused permission and a missing camera', chair, async () => {
    // The browser's answers are simulated here (fake devices always work); the messages are what is tested.
    for (const [name, key] of [['NotAllowedError', 'dev.denied'], ['NotFoundError', 'dev.missing']]) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      await context.addInitScript((n) => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('simulated', n));
      }, name);
      const page = await context.newPage();
      await page.goto(`${BASE_URL}/#/room/${sessionId}?token=none`);
      await page.waitForSelector(`#device-message[data-state=${name}]`);
      const text = await page.textContent('#device-message');
      if (!text.includes(name === 'NotAllowedError' ? '拒绝' : '未找到')) throw new Error(`${key}: ${text}`);
      await page.screenshot({ path: `${SHOTS}/device-${name}.png`, fullPage: true });
      await context.close();
    }
  });

  const city = await signIn(browser, CITY);
  const county = await signIn(browser, COUNTY);
  if (process.env.E2E_TRACE) { await county.addInitScript(TRACE); await county.reload(); }
  await step('the city and the county official join: quorum met, live video on every tile', chair, async () => {
    await city.goto(BASE_URL + '/#/my-sessions');
    await join(city, sessionId);
    await county.goto(BASE_URL + '/#/my-sessions');
    await join(county, sessionId);
    await chair.waitForSelector('.room-quorum.met');
    for (const p of [chair, city, county]) await liveVideos(p, 2);
  });

  await step('the chair starts the session', chair, async () => {
    await chair.click('[data-action=start]:not([disabled])');
    for (const p of [chair, city, county]) await p.waitForSelector('.room-quorum[data-phase=IN_PROGRESS]');
  });

  const applicant = await signIn(browser, APPLICANT);
  await step('the applicant sees the project, its clock and the join button', applicant, async () => {
    await applicant.waitForSelector(`#mine [data-project="${projectId}"][data-status=IN_REVIEW]`);
    await applicant.waitForSelector(`#mine [data-project="${projectId}"] #clock`);
    await applicant.waitForSelector(`#mine [data-join="${sessionId}"]`);
  });

  await step('the applicant waits in the lobby', chair, async () => {
    await join(applicant, sessionId, { expectVideo: false });
    await applicant.waitForSelector('.room-status:has-text("等候区")');
    await chair.waitForSelector('.room-lobby:not([hidden]) [data-action=admit]');
  });

  await step('the chair admits the applicant: four tiles with live video everywhere', applicant, async () => {
    await chair.click('.room-lobby [data-action=admit]');
    for (const p of [chair, city, county, applicant]) await liveVideos(p, 3);
  });

  await step('the chair excuses the applicant back to the lobby', chair, async () => {
    await chair.click('.room-tile:has-text("郑经理") button:has-text("请回等候区")');
    await applicant.waitForSelector('.room-status:has-text("等候区")');
    await applicant.waitForFunction(() => document.querySelectorAll('.room-tile').length === 1);
    for (const p of [chair, city, county]) await liveVideos(p, 2);
  });

  const joins = await step(`the county official leaves and rejoins ${JOINS} times (join to first remote video)`, county, async () => {
    const ms = [];
    for (let i = 0; i < JOINS; i++) {
      await county.goto(BASE_URL + '/#/my-sessions');
      await county.waitForSelector(`[data-join="${sessionId}"]`);
      await chair.waitForFunction(() => [...document.querySelectorAll('.room-tile video')].filter((v) => !v.muted).length === 1);
      ms.push(await join(county, sessionId));
    }
    await liveVideos(county, 2);
    return ms;
  });
  const sorted = [...joins].sort((a, b) => a - b);
  figures.joinToFirstRemoteVideoMs = { samples: joins, median: sorted[Math.floor(sorted.length / 2)] };
  console.log(`JOIN-TO-FIRST-VIDEO median ${figures.joinToFirstRemoteVideoMs.median} ms of ${joins.join(', ')}`);

  async function opinion(page, verdict, reasons, items) {
    const [panel] = await Promise.all([page.waitForEvent('popup'), page.click('#room-decision-link')]);
    await panel.waitForSelector('#opinion-form');
    await panel.selectOption('#opinion-form [name=verdict]', verdict);
    await panel.fill('#opinion-form [name=reasons]', reasons);
    if (items) await panel.fill('#opinion-form [name=supplementItems]', items);
    await panel.click('#opinion-form button[type=submit]');
    await signOpinion(panel);
    return panel;
  }

  await step('the city department approves and signs its opinion', city, async () => {
    const panel = await opinion(city, 'APPROVE', '符合产业政策，同意。');
    await panel.screenshot({ path: `${SHOTS}/opinion-city.png`, fullPage: true });
  });

  await step('the county department asks for a supplement and signs', county, async () => {
    const panel = await opinion(county, 'REQUEST_SUPPLEMENT', '需补充噪声影响分析。', '环境影响评价文件 | 缺少厂界噪声监测数据');
    await panel.screenshot({ path: `${SHOTS}/opinion-county.png`, fullPage: true });
  });

  const decisionId = await step('the chair issues the combined decision', chair, async () => {
    const [panel] = await Promise.all([chair.waitForEvent('popup'), chair.click('#room-decision-link')]);
    await panel.waitForSelector('#decision-panel #issue');
    // The session page also shows the attendance record: chair, two officials and the applicant.
    const attendees = await panel.locator('#attendance tbody tr').count();
    if (attendees < 4) throw new Error('attendance lists ' + attendees + ' people, expected at least 4');
    await panel.click('#issue');
    await panel.waitForSelector('#decision-page');
    await panel.screenshot({ path: `${SHOTS}/decision-issued.png`, fullPage: true });
    return panel.url().split('/').pop();
  });

  await step('the applicant sees the one-time notice and downloads the PDF', applicant, async () => {
    await applicant.goto(BASE_URL + '/#/mine');
    await applicant.waitForSelector(`#mine [data-decision="${decisionId}"]`);
    const [download] = await Promise.all([applicant.waitForEvent('download'),
      applicant.click(`#mine [data-decision="${decisionId}"] a[download]`)]);
    const file = `${SHOTS}/decision-${decisionId}.pdf`;
    await download.saveAs(file);
    const head = (await import('node:fs')).readFileSync(file).subarray(0, 5).toString();
    if (head !== '%PDF-') throw new Error('the download is not a PDF: ' + head);
    await applicant.goto(`${BASE_URL}/#/decisions/${decisionId}`);
    await applicant.waitForSelector('#decision-page #notice li');
  });

  await step('the applicant rates the service', applicant, async () => {
    await applicant.selectOption('#rating-form [name=score]', '5');
    await applicant.fill('#rating-form [name=comment]', '全程线上，很方便。');
    await applicant.click('#rating-form button[type=submit]');
    await applicant.waitForSelector('#rating');
  });

  await step('the applicant resubmits after supplementing; the clock runs again', applicant, async () => {
    await applicant.goto(BASE_URL + '/#/mine');
    await applicant.waitForSelector(`#mine [data-project="${projectId}"][data-status=SUPPLEMENTING]`);
    await applicant.click(`#mine [data-project="${projectId}"] a.button[href="#/projects/${projectId}"]`);
    await applicant.click('[data-action=resubmit]');
    await applicant.waitForSelector('#project-page[data-status=ACCEPTED]');
  });

  await step('main pages have no serious accessibility violations', coordinator, async () => {
    const found = {};
    const scan = async (page, label, path, selector) => {
      if (path) await page.goto(BASE_URL + path);
      await page.waitForSelector(selector || 'main > *');
      const v = await axeViolations(page);
      if (v.length) found[label] = v;
    };
    await scan(coordinator, 'dashboard', '/#/dashboard', '#dashboard');
    await scan(coordinator, 'projects', '/#/projects');
    await scan(coordinator, 'register', '/#/projects/new', '#register-form');
    await scan(coordinator, 'project', projectUrl.replace(BASE_URL, ''), '#project-page');
    await scan(coordinator, 'schedule', `/#/sessions/new?project=${projectId}`, 'main > section');
    await scan(coordinator, 'week', '/#/sessions', '#week');
    await scan(coordinator, 'inbox', '/#/inbox', '#inbox');
    await scan(coordinator, 'verify', '/#/verify', '#verify-page');
    await scan(chair, 'room', null, '#room-page');
    await scan(applicant, 'mine', '/#/mine', '#mine');
    await scan(applicant, 'decision', `/#/decisions/${decisionId}`, '#decision-page');
    await scan(county, 'my sessions', '/#/my-sessions', '#my-sessions');
    // The session ended with its decision (issue 11): "my sessions" must offer no join button any
    // more. The device check was scanned while the session was live (the chair's step).
    if (await county.$(`[data-join="${sessionId}"]`)) throw new Error('an ended session still offers a join button');
    const anonymous = await (await browser.newContext()).newPage();
    await scan(anonymous, 'login', '/', '#login-form');
    writeFileSync(`${SHOTS}/axe.json`, JSON.stringify(found, null, 1));
    if (Object.keys(found).length) throw new Error('axe: ' + JSON.stringify(found, null, 1));
  });

  await step('the applicant pages work at 375 px in English', applicant, async () => {
    await applicant.setViewportSize({ width: 375, height: 740 });
    await applicant.selectOption('#lang', 'en');
    for (const path of ['/#/mine', `/#/decisions/${decisionId}`]) {
      await applicant.goto(BASE_URL + path);
      await applicant.waitForSelector('main > section');
      await applicant.waitForSelector('text=Download PDF');
      const overflow = await applicant.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (overflow) throw new Error(path + ' scrolls sideways at 375 px');
    }
  });

  await step('the room and the coordinator pages work at 375 px', chair, async () => {
    for (const [page, path] of [[chair, null], [coordinator, '/#/dashboard'], [coordinator, '/#/projects']]) {
      await page.setViewportSize({ width: 375, height: 740 });
      if (path) await page.goto(BASE_URL + path);
      await page.waitForSelector('main > section');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (overflow) throw new Error((path || 'room') + ' scrolls sideways at 375 px');
    }
  });

  // Every page above ran under the service's CSP (script-src 'self', style-src 'self'): nothing was refused.
  await step('no page broke the Content-Security-Policy', coordinator, async () => {
    if (cspViolations.length) throw new Error('CSP violations:\n' + cspViolations.join('\n'));
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report(figures);
  await browser.close();
}
process.exit(failed ? 1 : 0);
