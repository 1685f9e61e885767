// The materials case in real browsers, run by MaterialsBrowserTest against the test instance:
//   BASE_URL=http://localhost:PORT SESSION_START=<ISO instant> node e2e/materials.mjs
// 1. the applicant uploads a 20 MB PDF (progress bar visible) and an image (dropped on the page);
// 2. the coordinator marks one item for correction beside the open document: one notice;
// 3. the applicant uploads version 2, the coordinator accepts it;
// 4. in the room the chair opens the site plan at page 3: three other browsers show page 3
//    (and the page-sync latency is measured over TURNS page turns);
// 5. a late joiner lands on page 3;
// 6. an official cites page 3 in a supplement item; the notice PDF prints the reference.
// Screenshots: SCREENSHOT_DIR/materials-<step>-*.png (copied to docs/images/ by hand).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, signIn, signOpinion, step, report, BASE_URL, SHOTS, PASSWORD } from './lib.mjs';
import { sitePlanPdf, formPng } from './fixtures.mjs';

const TURNS = Number(process.env.TURNS || 20);
const MB = 1024 * 1024;
const RUN = Date.now().toString(36);
const basic = (user) => 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64');
async function call(user, path, body, method) {
  const res = await fetch(BASE_URL + path, {
    method: method || (body ? 'POST' : 'GET'),
    headers: { Authorization: basic(user), 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}
const departments = await call('admin', '/api/departments');
const dept = (code) => departments.find((d) => d.code === code);
const person = (prefix, displayName, roles, departmentCode, mayChair = false) => call('admin', '/api/people', {
  username: `${prefix}.${RUN}`, password: PASSWORD, displayName, roles, mayChair, departmentId: departmentCode ? dept(departmentCode).id : null,
});
const chairP = await person('m.chair', '刘局长', ['OFFICIAL'], '370303-XZSP', true);
const cityP = await person('m.city', '赵科长', ['OFFICIAL'], '370300-STHJ');
const countyP = await person('m.county', '陈科长', ['OFFICIAL'], '370303-ZRZY');
const applicantP = await person('m.applicant', '郑经理 ' + RUN, ['APPLICANT']);
const observerP = await person('m.observer', '孙监督', ['OBSERVER']);

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/materials-${name}.png`, fullPage: true });
const browser = await launch();
const figures = {};
let failed = false;

// Files to pick are written to disk and given to the input by path, as the file dialog does: a 20 MB
// buffer sent through the DevTools pipe instead took over 30 s on a loaded machine (step 3 timed out).
const FILES = mkdtempSync(join(tmpdir(), 'e2e-materials-'));
let picked = 0;
/**
 * Fills a file input of the page with a file made here (as if picked in the file dialog); the type follows the name.
 * @param {import('playwright-core').Page} page the applicant's page
 * @param {number} itemId the checklist item whose input to fill
 * @param {string} name the file name
 * @param {Buffer} buffer its bytes
 * @returns {Promise<void>} when set
 */
async function pick(page, itemId, name, buffer) {
  const dir = join(FILES, String(++picked));
  mkdirSync(dir);
  writeFileSync(join(dir, name), buffer);
  await page.setInputFiles(`[data-upload-input="${itemId}"]`, join(dir, name));
}
/**
 * Drops a file on an item's drop zone, as a drag from the desktop does.
 * @param {import('playwright-core').Page} page the applicant's page
 * @param {number} itemId the checklist item whose drop zone receives it
 * @param {string} name the file name
 * @param {string} mimeType its media type
 * @param {Buffer} buffer its bytes
 */
async function drop(page, itemId, name, mimeType, buffer) {
  await page.evaluate(([id, n, type, b64]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], n, { type }));
    const zone = document.querySelector(`[data-dropzone="${id}"]`);
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [itemId, name, mimeType, buffer.toString('base64')]);
}
const uploaded = (page, itemId, version) => page.waitForSelector(`[data-material="${itemId}"] li[data-version="${version}"]`, { timeout: 120000 });
const waitVersionChange = async (page, action) => {
  const version = await page.getAttribute('#project-page', 'data-version');
  await action();
  await page.waitForSelector(`#project-page:not([data-version="${version}"])`);
};

try {
  const project = await call('coordinator', '/api/projects', {
    projectCode: `2026-370303-44-03-${String(Date.now() % 1000000).padStart(6, '0')}`, name: '淄川区新材料产业园建设用地规划项目',
    enterpriseName: '淄博测试新材料有限公司', creditCode: '91350100M000100Y43', investment: '86000000.00', countyCode: '370303',
    industry: 'C26', matterType: 'land-planning', applicantId: applicantP.id,
  });
  const itemId = (prefix) => project.materials.find((m) => m.name.startsWith(prefix)).id;
  const FORM = itemId('建设用地规划许可申请表');
  const APPROVAL = itemId('项目核准或备案文件');
  const PLAN = itemId('用地红线图');
  const projectUrl = `${BASE_URL}/#/projects/${project.id}`;

  const applicant = await signIn(browser, applicantP.username);
  await step('1 the applicant uploads a 20 MB site plan with a progress bar, and an image', applicant, async () => {
    await applicant.goto(projectUrl);
    await applicant.waitForSelector(`[data-dropzone="${PLAN}"]`);
    // Loopback moves 20 MB in a blink: the browser's upload is slowed to 4 MB/s so the bar can be seen.
    const cdp = await applicant.context().newCDPSession(applicant);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * MB });
    await pick(applicant, PLAN, 'site-plan.pdf', sitePlanPdf({ pages: 6, revision: 'A', padTo: 20 * MB }));
    await applicant.waitForFunction(() => {
      const bar = document.querySelector('li.upload[data-upload-state=uploading] progress');
      return bar && bar.value > bar.max * 0.2;
    }, null, { timeout: 60000 });
    await shot(applicant, '1-upload-progress');
    await uploaded(applicant, PLAN, 1);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await drop(applicant, FORM, 'application-form.png', 'image/png', formPng());
    await uploaded(applicant, FORM, 1);
    await pick(applicant, APPROVAL, 'approval.pdf', sitePlanPdf({ pages: 1, title: 'FILING DOCUMENT' }));
    await uploaded(applicant, APPROVAL, 1);
    await shot(applicant, '1-uploaded');
    await applicant.click('[data-action=submit]');
    await applicant.waitForSelector('#project-page[data-status=SUBMITTED]');
  });

  const coordinator = await signIn(browser, 'coordinator');
  const inboxNotices = async () => (await call(applicantP.username, '/api/me/inbox')).filter((m) => m.kind === 'NOTICE');
  await step('2 the coordinator asks for one correction beside the open document; the applicant gets one notice', coordinator, async () => {
    const before = (await inboxNotices()).length;
    await coordinator.goto(projectUrl);
    await coordinator.click('[data-action=pre-review]');
    await coordinator.waitForSelector('#project-page[data-status=PRE_REVIEW]');
    await coordinator.click(`[data-material="${PLAN}"] [data-view]`);
    await coordinator.waitForSelector('.materials-viewer .docview-stage[data-page="1"]');
    await waitVersionChange(coordinator, () => coordinator.click(`[data-material="${FORM}"] [data-accept]`));
    await waitVersionChange(coordinator, () => coordinator.click(`[data-material="${APPROVAL}"] [data-accept]`));
    await coordinator.fill(`[data-correct="${PLAN}"] [name=reason]`, '红线图未标注坐标系和比例尺，请补正');
    await waitVersionChange(coordinator, () => coordinator.click(`[data-correct="${PLAN}"] button[type=submit]`));
    await coordinator.click(`[data-material="${PLAN}"] [data-view]`);
    await coordinator.waitForSelector('.materials-viewer .docview-stage[data-page="1"]');
    await shot(coordinator, '2-pre-review');
    await coordinator.click('[data-action=correction-notice]');
    await coordinator.waitForSelector('#project-page[data-status=SUPPLEMENTING]');
    const notices = await inboxNotices();
    if (notices.length !== before + 1) throw new Error(`expected one notice, got ${notices.length - before}`);
    if (!notices[0].body.includes('坐标系')) throw new Error('the notice does not name the reason: ' + notices[0].body);
    await applicant.goto(BASE_URL + '/#/inbox');
    await applicant.waitForSelector('#inbox li');
    await shot(applicant, '2-notice');
  });

  await step('3 the applicant uploads version 2 and the coordinator accepts it', coordinator, async () => {
    await applicant.goto(projectUrl);
    await pick(applicant, PLAN, 'site-plan-rev-b.pdf', sitePlanPdf({ pages: 6, revision: 'B', padTo: 20 * MB }));
    await uploaded(applicant, PLAN, 2);
    await applicant.click('[data-action=resubmit]');
    await applicant.waitForSelector('#project-page:not([data-status=SUPPLEMENTING])');
    await coordinator.goto(projectUrl);
    await coordinator.reload(); // the same URL: without a reload the page keeps what it showed before
    await coordinator.waitForSelector('#project-page:not([data-status=SUPPLEMENTING])');
    if (await coordinator.locator('[data-action=pre-review]').count()) {
      await coordinator.click('[data-action=pre-review]');
      await coordinator.waitForSelector('#project-page[data-status=PRE_REVIEW]');
    }
    await coordinator.click(`[data-material="${PLAN}"] li[data-version="2"] [data-view]`);
    await coordinator.waitForSelector('.materials-viewer .docview-stage[data-page="1"]');
    await waitVersionChange(coordinator, () => coordinator.click(`[data-material="${PLAN}"] li[data-version="2"] [data-accept]`));
    await coordinator.click('[data-action=accept]');
    await coordinator.waitForSelector('#project-page[data-status=ACCEPTED]');
    await shot(coordinator, '3-accepted');
  });

  const accepted = await call('coordinator', `/api/projects/${project.id}/materials/accepted`);
  const planFile = accepted.find((f) => f.itemId === PLAN);
  const session = await call('coordinator', '/api/sessions', {
    projectId: project.id, title: '用地规划联审', startsAt: process.env.SESSION_START, durationMinutes: 60, chairId: chairP.id,
    departments: [cityP, countyP].map((p) => ({ departmentId: p.department.id, required: true })),
    participants: [[cityP, 'OFFICIAL'], [countyP, 'OFFICIAL'], [applicantP, 'APPLICANT'], [observerP, 'OBSERVER']]
      .map(([p, role]) => ({ personId: p.id, role })),
  });
  const enter = async (page) => {
    await page.goto(`${BASE_URL}/#/room/${session.id}`);
    await page.waitForSelector('#device-check #device-message[data-state]');
    await page.click('#device-enter');
    await page.waitForSelector('#room-page');
  };
  const chair = await signIn(browser, chairP.username);
  const city = await signIn(browser, cityP.username);
  const county = await signIn(browser, countyP.username);
  const others = [city, county, applicant];
  /**
   * The presenter drags a highlight over the buildings in the upper half of the page.
   * @param {import('playwright-core').Page} page the presenter's page
   */
  const point = async (page) => {
    const box = await page.locator('#room-doc .docview-sheet').boundingBox();
    await page.mouse.move(box.x + box.width * 0.28, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.36, { steps: 8 });
    await page.mouse.up();
  };
  const onPage = (page, n, timeout = 30000) => page.waitForSelector(`#room-doc .docview-stage[data-file="${planFile.id}"][data-page="${n}"]`, { timeout });
  // The first page shown after opening waits for the whole 20 MB file (digest checked, then pdf.js): on a
  // loaded 2-core machine with four browsers that took over 30 s. Page turns need no download.
  const LOADED = 180000;

  await step('4 the chair opens the site plan at page 3 and three other browsers show page 3', chair, async () => {
    for (const p of [chair, city, county, applicant]) await enter(p);
    await chair.waitForSelector('.room-lobby:not([hidden]) [data-action=admit]');
    await chair.click('.room-lobby [data-action=admit]');
    await applicant.waitForSelector('#room-doc:not([hidden])');
    await chair.selectOption('#rdoc-material', String(planFile.id));
    await chair.click('[data-action=doc-open]');
    await onPage(chair, 1, LOADED);
    for (const n of [2, 3]) {
      await chair.click('#room-doc [data-doc=next]');
      await onPage(chair, n);
    }
    for (const p of others) await onPage(p, 3, LOADED);
    // The presenter's pointer: a rectangle dragged on the page shows on every screen.
    await point(chair);
    for (const p of others) await p.waitForSelector('#room-doc .docview-pointer:not([hidden])');
    await shot(applicant, '4-room-applicant');
    await shot(chair, '4-room-chair');
  });

  await step(`page-sync latency over ${TURNS} page turns, 4 browsers`, chair, async () => {
    for (const p of others) {
      await p.evaluate(() => {
        window.__renders = [];
        addEventListener('docview.rendered', (e) => window.__renders.push({ page: e.detail.page, at: performance.timeOrigin + e.detail.at }));
      });
    }
    const samples = [];
    let page = 3;
    let step = 1;
    for (let i = 0; i < TURNS; i++) {
      // Back and forth between pages 1 and 6, one click on "next" or "previous" per turn.
      if (page + step < 1 || page + step > 6) step = -step;
      page += step;
      const t0 = await chair.evaluate((forward) => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector(`#room-doc [data-doc=${forward ? 'next' : 'prev'}]`).click();
        return at;
      }, step > 0);
      await onPage(chair, page);
      for (const p of others) await onPage(p, page);
      for (const p of others) {
        const at = await p.evaluate(([n, from]) => window.__renders.find((r) => r.page === n && r.at >= from)?.at, [page, t0]);
        samples.push(at - t0);
      }
    }
    samples.sort((a, b) => a - b);
    const q = (f) => Math.round(samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]);
    figures.pageSyncMs = { turns: samples.length / 3, receivers: 3, median: q(0.5), p95: q(0.95), max: Math.round(samples.at(-1)) };
    console.log(`PAGE-SYNC median ${figures.pageSyncMs.median} ms, p95 ${figures.pageSyncMs.p95} ms, max ${figures.pageSyncMs.max} ms over ${samples.length} renders`);
  });

  const observer = await signIn(browser, observerP.username);
  await step('5 a late joiner lands on page 3', observer, async () => {
    while (!(await chair.locator('#room-doc .docview-stage[data-page="3"]').count())) {
      const now = Number(await chair.getAttribute('#room-doc .docview-stage', 'data-page'));
      await chair.click(`#room-doc [data-doc=${now > 3 ? 'prev' : 'next'}]`);
      await onPage(chair, now > 3 ? now - 1 : now + 1);
    }
    await enter(observer);
    await onPage(observer, 3, LOADED);
    await point(chair);
    for (const p of [observer, county]) await p.waitForSelector('#room-doc .docview-pointer:not([hidden])');
    await shot(observer, '5-late-joiner');
  });

  await step('6 an official cites page 3 in a supplement item and the notice PDF prints it', county, async () => {
    // A decision is issued only in a started session (DecisionService): the chair starts it once the quorum is present.
    await chair.click('[data-action=start]:not([disabled])');
    await chair.waitForSelector('.room-quorum[data-phase=IN_PROGRESS]');
    const [panel] = await Promise.all([city.waitForEvent('popup'), city.click('#room-decision-link')]);
    await panel.waitForSelector('#opinion-form');
    await panel.selectOption('#opinion-form [name=verdict]', 'APPROVE');
    await panel.fill('#opinion-form [name=reasons]', '符合国土空间规划，同意。');
    await panel.click('#opinion-form button[type=submit]');
    await signOpinion(panel);

    const [form] = await Promise.all([county.waitForEvent('popup'), county.click('#room-decision-link')]);
    await form.waitForSelector('#opinion-form');
    await form.selectOption('#opinion-form [name=verdict]', 'REQUEST_SUPPLEMENT');
    await form.fill('#opinion-form [name=reasons]', '红线范围与第3页坐标不一致。');
    await form.fill('#opinion-form [name=supplementItems]', '用地红线图 | 第3页界址点坐标与勘测定界报告不一致');
    // The form offers what the room shows: version 2 of the site plan, page 3, the highlighted area.
    await form.waitForSelector('#opinion-form .citation-picker[data-from-room=true]');
    if (await form.inputValue('#opinion-form [data-cite-file]') !== String(planFile.id)) throw new Error('the room\'s material is not offered');
    if (await form.inputValue('#opinion-form [data-cite-page]') !== '3') throw new Error('the room\'s page is not offered');
    await form.click('#opinion-form [data-cite-add]');
    await form.waitForSelector('#opinion-form [data-citation]');
    await shot(form, '6-cite');
    await form.click('#opinion-form button[type=submit]');
    await signOpinion(form);

    const [decision] = await Promise.all([chair.waitForEvent('popup'), chair.click('#room-decision-link')]);
    // Both opinions are seen signed above, so the panel (read when it opens) offers the issue button.
    await decision.waitForSelector('#decision-panel #issue');
    // Issuing renders and seals the PDF: on a loaded machine that takes long. Wait for the answer itself, and
    // say what it was if it is not the decision.
    const [issued] = await Promise.all([
      decision.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/sessions/${session.id}/decision`),
        { timeout: 300000 }),
      decision.click('#issue'),
    ]);
    if (issued.status() !== 201) throw new Error(`issuing answered ${issued.status()}: ${await issued.text()}`);
    await decision.waitForSelector('#decision-page');
    const id = decision.url().split('/').pop();
    // The browser context's own request client (same cookies): a sealed PDF with embedded fonts is
    // too large to pass through page.evaluate as one spread array.
    const res = await decision.context().request.get(`${BASE_URL}/api/decisions/${id}/document.pdf`);
    if (!res.ok()) throw new Error(`document.pdf: ${res.status()}`);
    const file = `${SHOTS}/notice-${id}.pdf`;
    writeFileSync(file, await res.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    writeFileSync(`${SHOTS}/notice-${id}.txt`, text);
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['用地红线图', planFile.sha256.slice(0, 8)]) {
      if (!flat.includes(expected)) throw new Error(`the notice PDF lacks "${expected}":\n${text}`);
    }
    if (!/第3页|p\.3|page3/i.test(flat)) throw new Error('the notice PDF does not print page 3:\n' + text);
    await decision.goto(`${BASE_URL}/api/decisions/${id}/document.html`).catch(() => {});
    await shot(decision, '6-notice');
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report(figures);
  await browser.close();
  rmSync(FILES, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
