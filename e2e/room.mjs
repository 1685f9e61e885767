// The review room in real browsers (run by RoomBrowserTest): the chair signs in, an official and
// the applicant come by join link; fake cameras; video must arrive, quorum gates the start, the
// lobby admits. BASE_URL, SESSION, TOKEN_NR, TOKEN_APPLICANT come from the test.
import { launch, signIn, joinByLink, step, report, enterRoom, BASE_URL } from './lib.mjs';

const { SESSION, TOKEN_NR, TOKEN_APPLICANT } = process.env;
const browser = await launch();
let failed = false;


const remoteVideoPlays = () => [...document.querySelectorAll('.room-tile video')].some((v) => !v.muted && v.videoWidth > 0);

try {
  const chair = await signIn(browser, 'chair');
  await step('the chair enters the room and sees the missing department', chair, async () => {
    // A full page load (not just a hash change), so that nothing left from the login navigates away.
    await chair.goto(`${BASE_URL}/?room#/room/${SESSION}`);
    await enterRoom(chair);
    await chair.waitForSelector('.room-quorum.missing');
    await chair.waitForSelector('.room-tile');
  });

  const nr = await joinByLink(browser, SESSION, TOKEN_NR, 'city.nr');
  await step('an official joins by link and the quorum is met', chair, async () => {
    await nr.waitForSelector('.room-tile');
    await chair.waitForSelector('.room-quorum.met');
  });

  await step('both enter with their cameras on and see each other', chair, async () => {
    await chair.waitForFunction(remoteVideoPlays, null, { timeout: 20000 });
    await nr.waitForFunction(remoteVideoPlays, null, { timeout: 20000 });
  });

  await step('the chair starts the session', chair, async () => {
    await chair.click('[data-action=start]:not([disabled])');
    await chair.waitForSelector('.room-quorum[data-phase=IN_PROGRESS]');
    await nr.waitForSelector('.room-quorum[data-phase=IN_PROGRESS]');
  });

  const applicant = await joinByLink(browser, SESSION, TOKEN_APPLICANT, 'applicant');
  await step('the applicant waits in the lobby until the chair admits them', chair, async () => {
    await applicant.waitForSelector('.room-status:has-text("等候区")');
    await chair.click('.room-lobby [data-action=admit]');
    await applicant.waitForFunction(() => document.querySelectorAll('.room-tile').length >= 3);
  });

  applicant.on('console', (m) => console.log('[applicant console]', m.text()));
  await step('chat reaches everyone', applicant, async () => {
    await applicant.fill('#room-chat-text', '请看第3页图纸');
    await applicant.press('#room-chat-text', 'Enter');
    await nr.waitForSelector('.room-chat li:has-text("请看第3页图纸")');
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report();
  await browser.close();
  process.exit(failed ? 1 : 0);
}
