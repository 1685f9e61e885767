// Every view, in both languages, read by a person in another time zone: no untranslated key, no raw
// event code in the timeline, and no raw ISO instant anywhere on the page (times are shown in the
// service's zone, Asia/Shanghai, whatever the browser's zone). Run by LanguageAndZoneBrowserTest with
// BASE_URL and PROJECT_ID (a project whose timeline has scheduling, materials and a notice).
import { launch, PASSWORD } from './lib.mjs';

const BASE_URL = process.env.BASE_URL;
const project = process.env.PROJECT_ID;
const VIEWS = {
  coordinator: ['#/dashboard', '#/projects', `#/projects/${project}`, '#/sessions', '#/inbox', '#/projects/new', '#/sessions/new'],
  applicant: ['#/mine', '#/my-decisions', '#/inbox', `#/projects/${project}`],
  chair: ['#/my-sessions', '#/inbox'],
};
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const RAW_KEY = /\b(?:event|status|material|problem|inbox|clash|project|projects|sessions|nav|clock|decision|room|dev)\.[A-Za-z][\w-]*\b/;

const browser = await launch();
const problems = [];
let checked = 0;
try {
  for (const lang of ['zh-CN', 'en']) {
    for (const [user, views] of Object.entries(VIEWS)) {
      // A reader in Berlin: the page must still show Zibo's times, formatted, never the raw instant.
      const context = await browser.newContext({ locale: lang, timezoneId: 'Europe/Berlin' });
      await context.addInitScript((l) => localStorage.setItem('lang', l), lang);
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`${lang} ${user}: page error ${e.message}`));
      await page.goto(BASE_URL + '/');
      await page.fill('#login-form input[name=username]', user);
      await page.fill('#login-form input[name=password]', PASSWORD);
      await page.click('#login-form button[type=submit]');
      await page.waitForSelector('#nav:not([hidden])');
      for (const view of views) {
        await page.goto(BASE_URL + '/' + view);
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => document.querySelector('main')?.children.length > 0);
        const text = await page.locator('main').innerText();
        const where = `${lang} ${user} ${view}`;
        const iso = text.match(ISO_INSTANT);
        if (iso) problems.push(`${where}: raw instant "${iso[0]}" in: ${text.slice(Math.max(0, iso.index - 60), iso.index + 40)}`);
        const key = text.match(RAW_KEY);
        if (key) problems.push(`${where}: untranslated key "${key[0]}"`);
        for (const li of await page.locator('li[data-event]').all()) {
          const code = await li.getAttribute('data-event');
          if ((await li.innerText()).includes(' · ' + code + ' · ')) problems.push(`${where}: raw event code "${code}"`);
        }
        checked++;
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`I18N-RESULTS ${JSON.stringify({ views: checked, problems })}`);
process.exit(problems.length ? 1 : 0);
