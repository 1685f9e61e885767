// Measures the signaling messages a real browser (Debian's Chromium) sends in the largest sfu room:
// the answer to a Janus-shaped VideoRoom subscriber offer carrying N feeds (one audio and one video
// m-line per feed, as Janus 1.1 multistream subscriptions are). Writes the 24-feed offer and the
// room message carrying Chromium's answer to src/test/resources/sdp/ (the fixture RoomProtocolTest
// relays) and prints the sizes kept in bench/RESULTS.md. Run: node e2e/sdp-sizes.mjs [outDir]
import { writeFileSync, mkdirSync } from 'node:fs';
import { launch } from './lib.mjs';

const OUT = process.argv[2] || 'src/test/resources/sdp';
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) & 0xff).toString(16).padStart(2, '0').toUpperCase()).join(':');

/**
 * A subscriber offer shaped like Janus 1.1's (janus_sdp_generate_offer for a multistream subscriber).
 * @param {number} feeds how many publishers (one audio and one video m-line each)
 * @returns {string} the SDP
 */
function janusOffer(feeds) {
  const mids = [];
  const media = [];
  for (let f = 0; f < feeds; f++) {
    for (const kind of ['audio', 'video']) {
      const mid = String(mids.length);
      mids.push(mid);
      const ssrc = 100000 + mids.length * 2;
      const common = [
        `c=IN IP4 192.0.2.10`, 'a=sendonly', `a=mid:${mid}`, 'a=rtcp-mux', 'a=ice-ufrag:Jn5a', 'a=ice-pwd:u0tEbfEVKpNQmjwK4vJ1XJ',
        'a=ice-options:trickle', `a=fingerprint:sha-256 ${FINGERPRINT}`, 'a=setup:actpass'];
      if (kind === 'audio') {
        media.push(['m=audio 9 UDP/TLS/RTP/SAVPF 111', ...common,
          'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 useinbandfec=1',
          'a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid', 'a=extmap:4 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
          `a=msid:janus janus${mid}`, `a=ssrc:${ssrc} cname:janus`,
          'a=candidate:1 1 udp 2015363327 192.0.2.10 20000 typ host', 'a=end-of-candidates'].join('\r\n'));
      } else {
        media.push(['m=video 9 UDP/TLS/RTP/SAVPF 96 97', ...common,
          'a=rtpmap:96 VP8/90000', 'a=rtcp-fb:96 ccm fir', 'a=rtcp-fb:96 nack', 'a=rtcp-fb:96 nack pli', 'a=rtcp-fb:96 goog-remb',
          'a=rtcp-fb:96 transport-cc', 'a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid',
          'a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
          'a=extmap:5 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
          'a=rtpmap:97 rtx/90000', 'a=fmtp:97 apt=96', `a=ssrc-group:FID ${ssrc} ${ssrc + 1}`,
          `a=msid:janus janus${mid}`, `a=ssrc:${ssrc} cname:janus`, `a=ssrc:${ssrc + 1} cname:janus`,
          'a=candidate:1 1 udp 2015363327 192.0.2.10 20000 typ host', 'a=end-of-candidates'].join('\r\n'));
      }
    }
  }
  return ['v=0', 'o=- 1732838400000000 1 IN IP4 192.0.2.10', 's=VideoRoom 1234', 't=0 0',
    `a=group:BUNDLE ${mids.join(' ')}`, 'a=ice-options:trickle', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS *',
    ...media].join('\r\n') + '\r\n';
}

const browser = await launch();
const page = await browser.newPage();
await page.goto('about:blank');
const rows = [];
for (const feeds of [1, 6, 11, 12, 24]) {
  const offer = janusOffer(feeds);
  const m = await page.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    // What webapp/js/sfu.js sends at once (trickle), and the same after gathering (candidates inline).
    const message = () => JSON.stringify({ v: 1, type: 'answer', to: 'sfu-in', data: { ...pc.localDescription.toJSON(), seq: 1 } });
    const atOnce = message();
    await new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 5000);
    });
    const gathered = message();
    const sdpLength = pc.localDescription.sdp.length;
    const candidate = await new Promise((resolve) => {
      const p2 = new RTCPeerConnection();
      p2.addTransceiver('audio');
      p2.onicecandidate = (e) => e.candidate && resolve(JSON.stringify({ v: 1, type: 'candidate', to: 'sfu', data: e.candidate.toJSON() }));
      p2.createOffer().then((o) => p2.setLocalDescription(o));
      setTimeout(() => resolve(''), 5000);
    });
    pc.close();
    return { atOnce, gathered, sdpLength, candidate };
  }, offer);
  const row = { feeds, offerChars: offer.length, answerSdpChars: m.sdpLength, messageChars: m.atOnce.length,
    messageCharsGathered: m.gathered.length, candidateMessageChars: m.candidate.length };
  rows.push(row);
  console.log(JSON.stringify(row));
  if (feeds === 24) {
    const largest = m.gathered.length >= m.atOnce.length ? m.gathered : m.atOnce;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/janus-subscriber-offer-24-feeds.sdp`, offer);
    writeFileSync(`${OUT}/chromium-answer-24-feeds.json`, largest + '\n');
    writeFileSync(`${OUT}/chromium-candidate.json`, m.candidate + '\n');
  }
}
const version = await browser.version();
writeFileSync(`${OUT}/sizes.json`, JSON.stringify({ chromium: version, measuredAt: new Date().toISOString(), rows }, null, 2) + '\n');
await browser.close();
