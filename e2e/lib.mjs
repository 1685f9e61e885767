// Shared helpers for the browser tests: Debian's Chromium with fake media devices, numbered
// steps with a screenshot each, and an axe-core accessibility scan.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const BASE_URL = process.env.BASE_URL || 'http://localhost:8080';
export const SHOTS = process.env.SCREENSHOT_DIR || 'target/e2e';
export const PASSWORD = 'liandong-demo';
mkdirSync(SHOTS, { recursive: true });

/**
 * Debian's Chromium (or $CHROMIUM) with fake camera and microphone that always grant access.
 * @returns {Promise<import('playwright-core').Browser>} the browser
 */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
}

/**
 * Every Content-Security-Policy violation Chromium reported (on its console) in any page of a
 * context made by signIn, as "[user] message". The app has no inline script, style or handler, so
 * a script ends with a step that expects this to stay empty.
 * @type {string[]}
 */
export const cspViolations = [];

/**
 * A fresh browser context (own cookies) signed in through the login form.
 * @param {import('playwright-core').Browser} browser the launched Chromium
 * @param {string} username a demo account (password PASSWORD)
 * @param {{width?: number, height?: number}} [viewport] the window size in CSS pixels
 * @returns {Promise<import('playwright-core').Page>} the signed-in page, its nav shown
 */
export async function signIn(browser, username, { width = 1280, height = 800 } = {}) {
  const page = await newPage(browser, username, { width, height });
  await page.goto(BASE_URL + '/');
  await page.fill('#login-form input[name=username]', username);
  await page.fill('#login-form input[name=password]', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
  return page;
}

/**
 * A fresh browser context (zh-CN, Zibo's time zone, camera and microphone allowed) and its page;
 * page errors and the page's warnings are printed under `name`, CSP violations fail the run.
 * @param {import('playwright-core').Browser} browser the launched browser
 * @param {string} name who uses the page, for the log
 * @param {{width?: number, height?: number}} [viewport] the window size in CSS pixels
 * @returns {Promise<import('playwright-core').Page>} the new, blank page
 */
async function newPage(browser, name, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    permissions: ['camera', 'microphone'] });
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`[${name}] ${m.text()}`);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
  return page;
}

/**
 * Someone without an account comes into session `session`'s room by join link and passes the device check.
 * @param {import('playwright-core').Browser} browser the launched browser
 * @param {string|number} session the session id
 * @param {string} token the join token from the invitation
 * @param {string} name who joins, for the log
 * @param {{beforeLoad?: function(import('playwright-core').Page): void}} [options] beforeLoad sees the page
 *   before it loads (e.g. to watch its WebSockets from the first)
 * @returns {Promise<import('playwright-core').Page>} the page showing the room
 */
export async function joinByLink(browser, session, token, name, { beforeLoad } = {}) {
  const page = await newPage(browser, name);
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.log(`[${name} console]`, m.text()); });
  beforeLoad?.(page);
  await page.goto(`${BASE_URL}/#/room/${session}?token=${token}`);
  await enterRoom(page);
  return page;
}

/**
 * Passes the device check in front of a room (camera on by default) and waits for the room page.
 * @param {import('playwright-core').Page} page a page showing the device check
 */
export async function enterRoom(page) {
  await page.waitForSelector('#device-check');
  await page.click('#device-enter');
  await page.waitForSelector('#room-page');
}

const results = [];
let counter = 0;

/**
 * Runs one named step, screenshots `page` after it, and records its duration. Throws on failure.
 * @param {string} name what the step shows (also the screenshot's name)
 * @param {import('playwright-core').Page} page the page to screenshot afterwards
 * @param {function(): Promise<unknown>} fn the step
 * @returns {Promise<unknown>} what fn returned (recorded as the step's detail)
 */
export async function step(name, page, fn) {
  const n = String(++counter).padStart(2, '0');
  const started = Date.now();
  try {
    const detail = await fn();
    results.push({ step: n, name, ok: true, ms: Date.now() - started, detail });
    return detail;
  } catch (e) {
    results.push({ step: n, name, ok: false, ms: Date.now() - started, error: String(e && e.stack || e) });
    throw e;
  } finally {
    const file = `${SHOTS}/${n}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious or critical axe-core violations on the current page (WCAG 2 A/AA rules).
 * @param {import('playwright-core').Page} page the page to scan
 * @returns {Promise<string[]>} one line per violation: rule, help, node count, an example
 */
export async function axeViolations(page) {
  // Through DevTools evaluation, not an inline <script>: the app's CSP (script-src 'self') rightly blocks those.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')})`);
}

/**
 * Prints every step (and any figures measured) on one line that the Java test looks for.
 * @param {object} [figures] figures measured by the script
 */
export function report(figures) {
  console.log('E2E-RESULTS ' + JSON.stringify(figures ? { figures, steps: results } : results));
}

/**
 * Signs the opinion shown on `page` (the form after saving a draft) with the demo password and
 * waits until the history shows THAT opinion signed (another department's signed row must not count).
 * @param {import('playwright-core').Page} page an official's page with the opinion form
 */
export async function signOpinion(page) {
  await page.waitForSelector('#sign-form');
  const id = await page.getAttribute('#sign-form', 'data-opinion');
  await page.fill('#sign-form [name=password]', PASSWORD);
  await page.click('#sign-form button[type=submit]');
  await page.waitForSelector(`#opinion-history tr[data-opinion="${id}"][data-status=SIGNED]`);
}
