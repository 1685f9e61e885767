// Statistics page in Chromium: the coordinator opens #/statistics for March 2026 (the dataset of
// StatisticsTest), the three ECharts charts are drawn (SVG with shapes), the month changes to
// February and the ranking follows, the XLSX and the bulletin PDF download. Prints E2E-RESULTS.
import { launch, signIn, step, report, BASE_URL, SHOTS } from './lib.mjs';

const DOCS_SHOT = process.env.DOCS_SCREENSHOT; // docs/images/statistics.png when set
const browser = await launch();
let failed = false;
const figures = {};
try {
  const page = await signIn(browser, 'coordinator', { width: 1280, height: 900 });
  await step('statistics-march', page, async () => {
    await page.goto(BASE_URL + '/#/statistics?kind=month&value=2026-03');
    await page.waitForSelector('#statistics-page[data-to="2026-03"][data-charts="drawn"]', { timeout: 30000 });
    for (const id of ['chart-trend', 'chart-ontime', 'chart-satisfaction']) {
      await page.waitForFunction((i) => document.querySelectorAll(`#${i} svg path`).length > 3, id, { timeout: 15000 });
      figures[id] = await page.$$eval(`#${id} svg path`, (ps) => ps.length);
    }
    const decided = await page.textContent('#st-total [data-field=decided] .stat-value');
    if (decided.trim() !== '5') throw new Error('March total decided should be 5, got ' + decided);
    const first = await page.textContent('#st-ranking tbody tr:first-child');
    if (!first.includes('淄川')) throw new Error('March ranking should start with 淄川区: ' + first);
    if (DOCS_SHOT) await page.screenshot({ path: DOCS_SHOT, fullPage: false });
  });
  await step('change-month', page, async () => {
    await page.fill('#st-value', '2026-02');
    await page.click('#st-filters button[type=submit]');
    await page.waitForSelector('#statistics-page[data-to="2026-02"][data-charts="drawn"]', { timeout: 30000 });
    const first = await page.textContent('#st-ranking tbody tr:first-child');
    if (!first.includes('张店')) throw new Error('February ranking should start with 张店区: ' + first);
  });
  await step('download-xlsx', page, async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#st-xlsx')]);
    await download.saveAs(SHOTS + '/statistics.xlsx');
  });
  await step('download-bulletin', page, async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-bulletin="2026-04"]')]);
    await download.saveAs(SHOTS + '/bulletin-2026-04.pdf');
  });
  await step('statistics-english', page, async () => {
    await page.selectOption('#lang', 'en');
    // The Chinese page stays until the re-render replaces it: wait for the English one itself.
    await page.waitForFunction(() => document.querySelector('#statistics-page h1')?.textContent.includes('Statistics'), null, { timeout: 30000 });
    await page.waitForSelector('#statistics-page[data-charts="drawn"]', { timeout: 30000 });
  });
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  report(figures);
  await browser.close();
}
process.exit(failed ? 1 : 0);
