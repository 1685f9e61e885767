// Decisions in the browser: an official records and signs an opinion, the chair issues the
// decision from the panel, the applicant finds it in the inbox and rates it, and a signed-out
// visitor verifies it by its SHA-256. Needs SESSION_ID: a started session in which city.drc
// attended and 淄博市发展和改革委员会 is the only required department (DecisionBrowserTest sets it up).
import { launch, signIn, step, report, axeViolations, BASE_URL, PASSWORD } from './lib.mjs';

const SESSION = process.env.SESSION_ID;
const browser = await launch();
let failed = false;
try {
  const official = await signIn(browser, 'city.drc');
  await step('official records and signs the opinion', official, async () => {
    await official.goto(`${BASE_URL}/#/sessions/${SESSION}/decision`);
    await official.waitForSelector('#opinion-form');
    await official.selectOption('#opinion-form select[name=verdict]', 'APPROVE_WITH_CONDITIONS');
    await official.fill('#opinion-form textarea[name=conditions]', '落实节能审查意见');
    await official.click('#opinion-form button[type=submit]');
    await official.waitForSelector('#opinion-form .error'); // reasons are required for this verdict
    await official.fill('#opinion-form textarea[name=reasons]', '符合产业政策');
    await official.click('#opinion-form button[type=submit]');
    await official.waitForSelector('#sign-form');
    await official.fill('#sign-form input[name=password]', PASSWORD);
    await official.click('#sign-form button[type=submit]');
    await official.waitForSelector('#opinion-history tr[data-status=SIGNED]');
  });

  const chair = await signIn(browser, 'chair');
  const number = await step('chair issues the decision from the panel', chair, async () => {
    await chair.goto(`${BASE_URL}/#/sessions/${SESSION}/decision`);
    await chair.waitForSelector('#decision-panel #issue');
    await chair.click('#decision-panel #issue');
    await chair.waitForSelector('#decision-page');
    const n = (await chair.textContent('#decision-number')).trim();
    if (!/^淄联审〔\d{4}〕\d+号$/.test(n)) throw new Error('unexpected number ' + n);
    const violations = await axeViolations(chair);
    if (violations.length) throw new Error('axe: ' + violations.join('; '));
    return n;
  });
  const sha = (await chair.textContent('#decision-page dd.mono')).trim();

  const applicant = await signIn(browser, 'applicant');
  await step('applicant finds the decision in my decisions and rates it', applicant, async () => {
    await applicant.goto(`${BASE_URL}/#/my-decisions`);
    await applicant.click(`#my-decisions a:text("${number}")`);
    await applicant.waitForSelector('#rating-form');
    await applicant.selectOption('#rating-form select[name=score]', '5');
    await applicant.fill('#rating-form textarea[name=comment]', '不见面审批，很方便');
    await applicant.click('#rating-form button[type=submit]');
    await applicant.waitForSelector('#rating');
  });

  const visitorContext = await browser.newContext({ locale: 'zh-CN' });
  const visitor = await visitorContext.newPage();
  await step('anyone verifies the document by its digest', visitor, async () => {
    await visitor.goto(`${BASE_URL}/#/verify?number=${encodeURIComponent(number)}`);
    await visitor.fill('#verify-form input[name=sha256]', sha);
    await visitor.click('#verify-form button[type=submit]');
    await visitor.waitForSelector('#verify-result dl[data-genuine=true][data-unaltered=true]');
    await visitor.fill('#verify-form input[name=sha256]', sha.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    await visitor.click('#verify-form button[type=submit]');
    // A mismatch reveals nothing but genuine: false (issue 11: no enumeration through the public check).
    await visitor.waitForSelector('#verify-result dl[data-genuine=false]');
    const violations = await axeViolations(visitor);
    if (violations.length) throw new Error('axe: ' + violations.join('; '));
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report();
  await browser.close();
}
process.exit(failed ? 1 : 0);
