// One whole case in real browsers. Run by BrowserCaseTest (mvn verify) against the test instance:
//   BASE_URL=http://localhost:PORT node e2e/case.mjs
import { launch, signIn, step, axeViolations, report, BASE_URL } from './lib.mjs';

const browser = await launch();
let failed = false;
try {
  const coordinator = await signIn(browser, 'coordinator');
  const code = `2026-370303-44-03-${String(Date.now() % 1000000).padStart(6, '0')}`;

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

  await step('coordinator pre-reviews and accepts the project', coordinator, async () => {
    await coordinator.goto(projectUrl);
    await coordinator.click('[data-action=submit]');
    await coordinator.waitForSelector('#project-page[data-status=SUBMITTED]');
    await coordinator.click('[data-action=pre-review]');
    await coordinator.waitForSelector('#project-page[data-status=PRE_REVIEW]');
    const items = await coordinator.locator('[data-material-status]').count();
    for (let i = 0; i < items; i++) {
      // Each change re-renders the page with the project's new version: wait for it before the next.
      const version = await coordinator.getAttribute('#project-page', 'data-version');
      await coordinator.locator('[data-material-status]').nth(i).selectOption('ACCEPTED');
      await coordinator.waitForSelector(`#project-page:not([data-version="${version}"])`);
    }
    await coordinator.click('[data-action=accept]');
    await coordinator.waitForSelector('#project-page[data-status=ACCEPTED]');
  });

  await step('main pages have no serious accessibility violations', coordinator, async () => {
    const found = {};
    for (const path of ['/#/projects', '/#/projects/new', projectUrl.replace(BASE_URL, '')]) {
      await coordinator.goto(BASE_URL + path);
      await coordinator.waitForSelector('main > *');
      const v = await axeViolations(coordinator);
      if (v.length) found[path] = v;
    }
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(BASE_URL + '/');
    await anonymous.waitForSelector('#login-form');
    const v = await axeViolations(anonymous);
    if (v.length) found.login = v;
    if (Object.keys(found).length) throw new Error('axe: ' + JSON.stringify(found, null, 1));
  });

  await step('the project list works at 375 px in English', coordinator, async () => {
    await coordinator.setViewportSize({ width: 375, height: 740 });
    await coordinator.goto(BASE_URL + '/#/projects');
    await coordinator.selectOption('#lang', 'en');
    await coordinator.waitForSelector('text=Investment projects');
    const overflow = await coordinator.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    if (overflow) throw new Error('page scrolls sideways at 375 px');
    await coordinator.selectOption('#lang', 'zh-CN');
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report();
  await browser.close();
}
process.exit(failed ? 1 : 0);
