// One Chromium page in a three-person mesh room behind HAProxy survives kill -9 of the room's owner
// node (run by BrowserFailoverTest, docs/cluster.md). city.nr joins by link first (so its peer id is
// the lowest: the impolite side of both pairs); then the test adds chair and city.drc, webrtc-java
// peers with synthetic cameras. Once both remote tiles play, the script prints FAILOVER-READY and
// waits for the file `owner-killed` in SCREENSHOT_DIR (the kill's epoch ms, written by the test
// after kill -9). The page must then reconnect by itself, get `resumed: true` with its seat,
// renegotiate with both peers and play both videos again. The page is not changed: its signaling is
// watched on the wire (Playwright's WebSocket events) and its videos are sampled in the DOM.
// BASE_URL (HAProxy), SESSION and TOKEN come from the test.
import { existsSync, readFileSync } from 'node:fs';
import { launch, joinByLink, step, report, SHOTS } from './lib.mjs';

const { SESSION, TOKEN } = process.env;
const browser = await launch();
let failed = false;
const figures = {};

/** Every signaling message the page sent or received, and its sockets opening and closing. */
const wire = [];
let sockets = 0;
const watch = (page) => page.on('websocket', (ws) => {
  if (!ws.url().includes('/rooms/')) return;
  const socket = ++sockets;
  wire.push({ at: Date.now(), socket, dir: 'open', m: {} });
  const record = (dir) => ({ payload }) => {
    try {
      wire.push({ at: Date.now(), socket, dir, m: JSON.parse(payload) });
    } catch {
      // not JSON (a binary frame): not signaling
    }
  };
  ws.on('framereceived', record('in'));
  ws.on('framesent', record('out'));
  ws.on('close', () => wire.push({ at: Date.now(), socket, dir: 'close', m: {} }));
});
const welcomes = (since = 0) => wire.filter((w) => w.dir === 'in' && w.m.type === 'welcome' && w.at >= since);

/**
 * Runs in the page: every remote tile's (not the own one, data-self) name, size, time and decoded frames.
 * @returns {{name: string, away: boolean, w: number, t: number, frames: number}[]} one sample per remote tile
 */
const remoteTiles = () => [...document.querySelectorAll('.room-tile:not([data-self])')].map((f) => {
  const v = f.querySelector('video');
  return { name: f.querySelector('figcaption strong').textContent, away: f.classList.contains('away'), w: v.videoWidth,
    t: v.currentTime, frames: v.getVideoPlaybackQuality().totalVideoFrames };
});

/**
 * Whether every one of `count` remote tiles plays beyond `before`: it has a size, its time advanced and
 * it decoded at least `more` frames since (a tile missing from `before` counts from zero).
 * @param {object[]} before samples of remoteTiles
 * @param {object[]} now samples of remoteTiles
 * @param {number} count how many remote tiles there must be
 * @param {number} more frames decoded since `before`, at least
 * @returns {boolean} whether all play
 */
const playing = (before, now, count, more) => now.length === count && now.every((s) => {
  const b = before.find((x) => x.name === s.name) || { t: 0, frames: 0 };
  return s.w > 0 && s.t > b.t && s.frames >= b.frames + more;
});

/**
 * Polls `probe` every 100 ms until it returns something truthy; throws with `what` after `ms`.
 * @param {function(): Promise<unknown> | unknown} probe the check
 * @param {number} ms how long to wait at most
 * @param {string | function(): string} what what is awaited, for the error (a function: worded when it fails)
 * @returns {Promise<unknown>} what probe returned
 */
async function until(probe, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`no ${typeof what === 'function' ? what() : what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

try {
  const page = await joinByLink(browser, SESSION, TOKEN, 'city.nr', { beforeLoad: watch });
  const first = await step('city.nr joins by link through HAProxy, alone in the room', page, async () => {
    const [w] = await until(() => welcomes().length && welcomes(), 30000, 'welcome');
    if (w.m.resumed || w.m.lobby) throw new Error('a fresh seat in the room expected: ' + JSON.stringify(w.m));
    return { you: w.m.you };
  });
  console.log('FAILOVER-JOINED you=' + first.you); // the test adds chair and city.drc now

  await step('chair and city.drc (webrtc-java) join: both remote tiles play', page, async () => {
    let before = [];
    await until(async () => {
      const now = await page.evaluate(remoteTiles);
      const ok = playing(before, now, 2, 1);
      before = now;
      return ok;
    }, 60000, 'video from both Java peers');
  });
  // The other two, peer id -> name (the tile's caption), from the welcome and peer-joined.
  const names = new Map([...welcomes().flatMap((w) => w.m.room.peers),
    ...wire.filter((w) => w.dir === 'in' && w.m.type === 'peer-joined').map((w) => w.m.peer)].map((p) => [p.id, p.name]));

  console.log('FAILOVER-READY'); // the test kills the owner node, then writes the file below
  const killFile = `${SHOTS}/owner-killed`;
  await until(() => existsSync(killFile) && readFileSync(killFile, 'utf8').trim(), 120000, 'kill by the test');
  const killedAt = Number(readFileSync(killFile, 'utf8').trim());
  const atKill = await page.evaluate(remoteTiles);

  const resumed = await step('the owner is killed: the page reconnects by itself and resumes its seat', page, async () => {
    const { socket } = welcomes().filter((w) => w.at < killedAt).at(-1);
    const closed = await until(() => wire.find((w) => w.dir === 'close' && w.socket === socket), 30000, 'close of the socket in use at the kill');
    const [w] = await until(() => welcomes(killedAt).length && welcomes(killedAt), 60000, 'welcome after the kill');
    if (!w.m.resumed) throw new Error('welcome after the kill is not resumed: ' + JSON.stringify(w.m));
    if (w.m.you !== first.you) throw new Error(`another seat after the kill: ${w.m.you}, was ${first.you}`);
    figures.closedMs = closed.at - killedAt;
    figures.resumedMs = w.at - killedAt;
    figures.socketsAfterKill = wire.filter((x) => x.dir === 'open' && x.at >= killedAt).length;
    return w;
  });
  const atResume = await page.evaluate(remoteTiles);
  figures.tilesPlayingThroughOutage = atResume.filter((s) => s.frames > (atKill.find((x) => x.name === s.name)?.frames ?? 0)).length;

  await step('both remote videos play again, over renegotiated connections', page, async () => {
    // An answer to or from a peer after the resume completes an offer/answer made after it (the
    // page's restartIce or the Java peer's ICE-restart offer); then that peer's tile must decode on.
    const answered = (id) => wire.find((w) => w.at >= resumed.at && w.m.type === 'answer' && (w.m.from === id || w.m.to === id));
    const tileOf = async (name) => (await page.evaluate(remoteTiles)).filter((s) => s.name === name);
    figures.perPeer = {};
    await Promise.all([...names].map(async ([id, name]) => {
      const exchange = await until(() => answered(id), 60000, () => `offer/answer with ${name} (${id}) after the resume; the page saw `
        + JSON.stringify(wire.filter((w) => w.at >= resumed.at && w.m.type && w.m.type !== 'candidate')
          .map((w) => `+${w.at - resumed.at}ms ${w.dir} ${w.m.type} ${w.m.from || w.m.to || w.m.peer?.id || w.m.peer || ''} ${w.m.code || ''}`)));
      const base = await tileOf(name);
      await until(async () => playing(base, await tileOf(name), 1, 5), 60000, `frames from ${name} (${id}) after renegotiation`);
      figures.perPeer[`${name} ${id}`] = { renegotiatedMs: exchange.at - killedAt, videoMs: Date.now() - killedAt };
    }));
    figures.videoMs = Math.max(...Object.values(figures.perPeer).map((p) => p.videoMs));
  });

  await step('after recovery: three tiles, nobody away, no reconnect notice', page, async () => {
    await page.waitForFunction(() => document.querySelectorAll('.room-tile').length === 3
      && !document.querySelector('.room-tile.away'), null, { timeout: 30000 });
    figures.status = await page.textContent('.room-status');
    if (/重连|reconnect/i.test(figures.status)) throw new Error('the page still says: ' + figures.status);
    // Nobody switched recording on in this mesh room (the badge showed in every room before BrowserFailoverTest).
    if (await page.isVisible('.room-recording')) throw new Error('the page says the room is recorded');
    // E.g. unknown-peer: the page offered to a peer still away (it did before BrowserFailoverTest).
    figures.errorsAfterKill = wire.filter((w) => w.at >= killedAt && w.m.type === 'error').map((w) => w.m.code);
    if (figures.errorsAfterKill.length) throw new Error('the server refused messages of the page: ' + figures.errorsAfterKill);
    await page.screenshot({ path: `${SHOTS}/failover-recovered.png`, fullPage: true });
  });
  console.log(`FAILOVER-BROWSER kill_to_socket_closed_ms=${figures.closedMs} kill_to_resumed_ms=${figures.resumedMs}`
    + ` kill_to_video_ms=${figures.videoMs} per_peer=${JSON.stringify(figures.perPeer)}`
    + ` sockets_after_kill=${figures.socketsAfterKill} tiles_playing_through_outage=${figures.tilesPlayingThroughOutage}/2`
    + ` errors_after_kill=${JSON.stringify(figures.errorsAfterKill)}`);

  // The test checks its Java peers (resumed, frames from the page) while the page is still in the room.
  console.log('FAILOVER-RECOVERED');
  await until(() => existsSync(`${SHOTS}/java-done`), 120000, 'the test\'s checks of its Java peers');
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  report(figures);
  await browser.close();
  process.exit(failed ? 1 : 0);
}
