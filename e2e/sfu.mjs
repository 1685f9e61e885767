// The review room in sfu mode (Janus VideoRoom), in real browsers (run by SfuBrowserTest): the chair
// signs in, two officials come by join link, all three enter with their fake cameras on, and every
// remote tile must show live video. Then the chair switches recording on and everyone sees the
// badge; Janus is killed and restarted and the video comes back. BASE_URL, SESSION, TOKEN_NR, TOKEN_DRC come from the test.
import { existsSync } from 'node:fs';
import { launch, signIn, joinByLink, step, report, enterRoom, BASE_URL, SHOTS } from './lib.mjs';

const { SESSION, TOKEN_NR, TOKEN_DRC } = process.env;
const browser = await launch();
let failed = false;


// Every remote tile (not the own one, data-self) plays: frames have a size and time advances
// and frames are decoded between two polls. Tiles are matched by position; a re-render only delays the verdict.
const everyRemoteTilePlays = (expected) => {
  const videos = [...document.querySelectorAll('.room-tile:not([data-self]) video')];
  const now = videos.map((v) => ({ w: v.videoWidth, t: v.currentTime, f: v.getVideoPlaybackQuality().totalVideoFrames }));
  const before = window.__sfuSamples || [];
  window.__sfuSamples = now;
  return videos.length === expected && now.every((s, i) => s.w > 0 && before[i] && s.t > before[i].t && s.f > before[i].f);
};

try {
  const chair = await signIn(browser, 'chair');
  await step('the chair enters the sfu room', chair, async () => {
    await chair.goto(`${BASE_URL}/?room#/room/${SESSION}`);
    await enterRoom(chair);
    await chair.waitForSelector('.room-tile');
    await chair.waitForSelector('.room-tiles[data-media-mode=sfu]', { timeout: 5000 });
  });
  const nr = await joinByLink(browser, SESSION, TOKEN_NR, 'city.nr');
  const drc = await joinByLink(browser, SESSION, TOKEN_DRC, 'city.drc');
  const everyone = [chair, nr, drc];

  await step('two officials join by link; everyone sees three tiles', chair, async () => {
    for (const page of everyone) await page.waitForFunction(() => document.querySelectorAll('.room-tile').length === 3, null, { timeout: 20000 });
  });

  const detail = await step('all three entered with their cameras on: every remote tile shows live video', chair, async () => {
    const started = Date.now();
    for (const page of everyone) await page.waitForFunction(everyRemoteTilePlays, 2, { timeout: 30000, polling: 700 });
    const sizes = await Promise.all(everyone.map((page) => page.evaluate(() =>
      [...document.querySelectorAll('.room-tile:not([data-self]) video')].map((v) => `${v.videoWidth}x${v.videoHeight}`))));
    return { msToLiveVideoEverywhere: Date.now() - started, sizes };
  });
  console.log('SFU-FIGURE third browser in the room -> every remote tile live in all 3 browsers: ' + detail.msToLiveVideoEverywhere + ' ms ' + JSON.stringify(detail.sizes));

  await step('the chair switches recording on and everyone sees the badge', chair, async () => {
    const status = await chair.evaluate(async (s) => (await fetch(`/api/sessions/${s}/recording`, { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, body: JSON.stringify({ on: true }) })).status, SESSION);
    if (status !== 200) throw new Error('recording on answered ' + status);
    for (const page of everyone) await page.waitForSelector('.room-recording:not([hidden])', { timeout: 10000 });
  });

  await step('Janus dies and comes back: media-reset, and every tile plays again', chair, async () => {
    const resets = everyone.map((page) => page.waitForEvent('console', { predicate: (m) => m.text().includes('sfu: media-reset'), timeout: 60000 }));
    const started = Date.now();
    console.log('SFU-KILL-JANUS'); // SfuBrowserTest kills and restarts Janus, then creates the file below
    while (!existsSync(`${SHOTS}/janus-restarted`)) await new Promise((r) => setTimeout(r, 200));
    await Promise.all(resets);
    for (const page of everyone) await page.waitForFunction(everyRemoteTilePlays, 2, { timeout: 30000, polling: 700 });
    console.log('SFU-FIGURE Janus kill -9 and restart -> every remote tile live again: ' + (Date.now() - started) + ' ms');
  });
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report();
  await browser.close();
  process.exit(failed ? 1 : 0);
}
