// Media in `sfu` mode (README "Media: mesh, Janus SFU, TURN"): the browser sends one stream to the
// virtual peer `sfu` (Janus publisher) and receives every other participant on one connection
// offered by `sfu-in`, whose offers map each `mid` to the sending peer. Same interface as the Mesh
// of mesh.js (link, drop, description, candidate, setTrack…), so the page does not care which runs.
import { addStrings, t } from './i18n.js';
import { h } from './dom.js';

addStrings({
  'zh-CN': { 'room.recording': '● 正在录制' },
  en: { 'room.recording': '● Recording' },
});

export const PUBLISH = 'sfu';
export const SUBSCRIBE = 'sfu-in';

export class Sfu {
  /**
   * `local` is the page's own stream (shared with the self tile); `onTrack(peer, stream)` shows a remote stream.
   * @param {import('./signaling.js').Signaling} signaling the room's signaling
   * @param {function(string, MediaStream): void} onTrack shows a remote stream: (peer id, stream)
   * @param {MediaStream} local the page's own stream
   */
  constructor(signaling, onTrack, local) {
    this.sig = signaling;
    this.onTrack = onTrack;
    this.local = local;
    this.iceServers = [];
    this.sender = null;
    this.receiver = null;
    this.streams = new Map(); // peer id -> MediaStream, kept stable so video elements keep playing
    this.queue = Promise.resolve();
    signaling.addEventListener('room.media-reset', (e) => { if (e.detail.from === PUBLISH) this.reset(); });
    signaling.addEventListener('room.closed', () => this.close());
  }

  /** Starts publishing once; the connections then live until a media-reset or the room closes. */
  publish() {
    if (this.sender) { // a fresh welcome (admitted again): the page forgot the remote streams, hand them back
      for (const [peer, stream] of this.streams) this.onTrack(peer, stream);
      return;
    }
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.sender = pc;
    // Both kinds from the start (sendonly, maybe without a track yet): camera and mic on/off is a replaceTrack.
    this.senders = {};
    for (const kind of ['audio', 'video']) {
      const track = this.local.getTracks().find((x) => x.kind === kind);
      this.senders[kind] = pc.addTransceiver(track || kind, { direction: 'sendonly', streams: [this.local] }).sender;
    }
    pc.onicecandidate = ({ candidate }) => candidate && this.sig.send('candidate', { to: PUBLISH, data: candidate.toJSON() });
    this.serially(async () => {
      await pc.setLocalDescription();
      this.sig.send('offer', { to: PUBLISH, data: pc.localDescription.toJSON() });
    });
  }

  /** Janus went away and the service rebuilt the room elsewhere: start over with fresh connections. */
  reset() {
    console.info('sfu: media-reset, publishing again');
    this.close();
    this.streams.clear(); // fresh streams, so every tile gets a fresh video element
    this.publish();
  }

  close() {
    this.sender?.close();
    this.receiver?.close();
    this.sender = this.receiver = null;
  }

  receiving() {
    if (!this.receiver) {
      const pc = new RTCPeerConnection({ iceServers: this.iceServers });
      pc.onicecandidate = ({ candidate }) => candidate && this.sig.send('candidate', { to: SUBSCRIBE, data: candidate.toJSON() });
      this.receiver = pc;
    }
    return this.receiver;
  }

  /**
   * Descriptions and candidates are applied strictly in arrival order.
   * @param {function(): Promise<void>} work the step
   */
  serially(work) {
    this.queue = this.queue.then(work).catch((e) => console.warn('sfu negotiation', e));
  }

  description(from, data) {
    if (from === PUBLISH && data.type === 'answer') {
      const pc = this.sender;
      this.serially(() => pc && this.remote(pc, data));
    } else if (from === SUBSCRIBE && data.type === 'offer') {
      this.serially(async () => {
        const pc = this.receiving();
        await this.remote(pc, { type: 'offer', sdp: data.sdp });
        await pc.setLocalDescription();
        // Echo seq: the service drops an answer to an offer it has superseded meanwhile.
        if (pc === this.receiver) this.sig.send('answer', { to: SUBSCRIBE, data: { ...pc.localDescription.toJSON(), seq: data.seq } });
        this.show(pc, new Map((data.streams || []).map((s) => [s.mid, s.peer])));
      });
    }
  }

  candidate(from, data) {
    if (from === PUBLISH) { const pc = this.sender; this.serially(() => pc && this.addCandidate(pc, data)); }
    if (from === SUBSCRIBE) this.serially(() => this.addCandidate(this.receiving(), data));
  }

  /**
   * Janus may trickle before its description has been applied: hold such candidates until then.
   * @param {RTCPeerConnection} pc the publisher's or the subscriber's connection
   * @param {{candidate: string, sdpMid?: string, sdpMLineIndex?: number}} data the candidate
   * @returns {Promise<void> | undefined} the addIceCandidate, or undefined while held
   */
  addCandidate(pc, data) {
    if (pc.remoteDescription) return pc.addIceCandidate(data);
    (pc.pending ||= []).push(data);
    return undefined;
  }

  async remote(pc, description) {
    await pc.setRemoteDescription(description);
    for (const c of pc.pending?.splice(0) || []) await pc.addIceCandidate(c);
  }

  /**
   * Puts each received track into its sender's stream (by the offer's mid → peer map) and drops tracks no longer sent.
   * @param {RTCPeerConnection} pc the subscriber connection
   * @param {Map<string, string>} peerByMid the offer's mid → sending peer id
   */
  show(pc, peerByMid) {
    const wanted = new Map();
    for (const tr of pc.getTransceivers()) {
      const peer = peerByMid.get(tr.mid);
      if (peer && tr.receiver.track) (wanted.get(peer) || wanted.set(peer, []).get(peer)).push(tr.receiver.track);
    }
    for (const [peer, stream] of this.streams) {
      const keep = wanted.get(peer) || [];
      for (const track of stream.getTracks()) if (!keep.includes(track)) stream.removeTrack(track);
    }
    for (const [peer, tracks] of wanted) {
      let stream = this.streams.get(peer);
      if (!stream) { stream = new MediaStream(); this.streams.set(peer, stream); }
      const fresh = tracks.filter((track) => !stream.getTracks().includes(track));
      fresh.forEach((track) => stream.addTrack(track));
      if (fresh.length) this.onTrack(peer, stream);
    }
  }

  /**
   * Replaces the local track of one kind (null: stop sending it); no renegotiation.
   * @param {'audio' | 'video'} kind which track
   * @param {MediaStreamTrack | null} track the new track; null stops sending that kind
   */
  setTrack(kind, track) {
    for (const old of this.local.getTracks().filter((x) => x.kind === kind)) { this.local.removeTrack(old); old.stop(); }
    if (track) this.local.addTrack(track);
    this.senders?.[kind].replaceTrack(track);
  }

  // Janus forwards every publisher to every subscriber: nothing to do per peer. Excused
  // participants keep their connections; the service pauses their media and resumes it on admit.
  link() {}
  drop(peer) { this.streams.delete(peer); }
  dropAll() {}
  restartIce() {}
}

/**
 * A "recording" badge, shown while the service says the room is recorded.
 * @param {import('./signaling.js').Signaling} signaling the room's signaling (its `recording` messages)
 * @returns {HTMLElement} the badge, hidden while not recording
 */
export function recordingBadge(signaling) {
  const badge = h('p', { class: 'room-recording', role: 'status', hidden: true }, t('room.recording'));
  signaling.addEventListener('room.recording', (e) => { badge.hidden = !e.detail.data?.on; });
  return badge;
}
