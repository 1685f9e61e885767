// Media in `mesh` mode (docs/signaling.md, "Mesh"): one RTCPeerConnection per other member, with
// perfect negotiation (W3C WebRTC 1.0 §10.7; the shape of webrtc/samples' peer.js: a Peer owns its
// connection and its negotiation flags, the Mesh only routes signaling to it). Sfu (sfu.js) has the
// same interface, so the room page does not care which runs.

/** One connection to one other member. Descriptions and candidates are applied strictly in arrival order. */
class Peer {
  /**
   * @param {string} id the other member's peer id
   * @param {object} mesh the mesh: its signaling, local stream, ICE servers and onTrack
   * @param {boolean} polite whether this side yields when both offer at once
   */
  constructor(id, mesh, polite) {
    this.id = id;
    this.sig = mesh.sig;
    this.polite = polite;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.queue = Promise.resolve();
    const pc = new RTCPeerConnection({ iceServers: mesh.iceServers });
    this.pc = pc;
    // One audio and one video transceiver from the start: turning media on or off is a
    // replaceTrack, never a renegotiation. Both sides may offer at once; perfect negotiation settles it.
    this.senders = {};
    for (const kind of ['audio', 'video']) {
      this.senders[kind] = pc.addTransceiver(kind, { direction: 'sendrecv', streams: [mesh.local] }).sender;
      const track = mesh.local.getTracks().find((x) => x.kind === kind);
      if (track) this.senders[kind].replaceTrack(track);
    }
    pc.ontrack = ({ streams }) => mesh.onTrack(id, streams[0]);
    pc.onicecandidate = ({ candidate }) => candidate && this.sig.send('candidate', { to: id, data: candidate.toJSON() });
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        this.sig.send(pc.localDescription.type, { to: id, data: pc.localDescription.toJSON() });
      } finally {
        this.makingOffer = false;
      }
    };
  }

  /**
   * Runs one step of negotiation after the ones before it; a failure is logged, not thrown.
   * @param {function(): Promise<void>} work the step
   */
  enqueue(work) {
    this.queue = this.queue.then(work).catch((e) => console.warn('negotiation with', this.id, e));
  }

  /**
   * Applies an offer or answer; the impolite side ignores an offer that collides with its own.
   * @param {{type: string, sdp?: string}} data the description as sent
   */
  description(data) {
    this.enqueue(async () => {
      const collision = data.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription(data);
      if (data.type === 'offer') {
        await this.pc.setLocalDescription();
        this.sig.send('answer', { to: this.id, data: this.pc.localDescription.toJSON() });
      }
    });
  }

  /**
   * Adds a remote ICE candidate; failures for an offer we ignored are expected and dropped.
   * @param {{candidate: string, sdpMid?: string, sdpMLineIndex?: number}} data the candidate as sent
   */
  candidate(data) {
    this.enqueue(() => this.pc.addIceCandidate(data).catch((e) => { if (!this.ignoreOffer) throw e; }));
  }

  close() { this.pc.close(); }
}

export class Mesh {
  /**
   * @param {import('./signaling.js').Signaling} signaling the room's signaling client
   * @param {function(string, MediaStream): void} onTrack shows a remote stream: (peer id, stream)
   */
  constructor(signaling, onTrack) {
    this.sig = signaling;
    this.onTrack = onTrack;
    /** @type {Map<string, Peer>} */
    this.peers = new Map();
    this.local = new MediaStream();
    this.iceServers = [];
    /** This member's peer id (from the welcome); the larger id of a pair is the polite side. */
    this.me = null;
  }

  /**
   * The connection to a peer, made on first use (which fires negotiationneeded: the newcomer offers).
   * @param {string} peer the other member's peer id
   * @returns {Peer} the connection
   */
  link(peer) {
    let p = this.peers.get(peer);
    if (!p) {
      p = new Peer(peer, this, this.me > peer);
      this.peers.set(peer, p);
    }
    return p;
  }

  /**
   * Routes a relayed offer or answer to its peer's connection.
   * @param {string} from the sending peer
   * @param {{type: string, sdp?: string}} data the description
   */
  description(from, data) { this.link(from).description(data); }

  /**
   * Routes a relayed ICE candidate to its peer's connection.
   * @param {string} from the sending peer
   * @param {{candidate: string, sdpMid?: string, sdpMLineIndex?: number}} data the candidate
   */
  candidate(from, data) { this.link(from).candidate(data); }

  /**
   * Replaces the local track of one kind on every connection (no renegotiation).
   * @param {'audio' | 'video'} kind which track
   * @param {MediaStreamTrack | null} track the new track; null stops sending that kind
   */
  setTrack(kind, track) {
    for (const old of this.local.getTracks().filter((x) => x.kind === kind)) { this.local.removeTrack(old); old.stop(); }
    if (track) this.local.addTrack(track);
    for (const p of this.peers.values()) p.senders[kind].replaceTrack(track);
  }

  /**
   * Closes the connection to one peer.
   * @param {string} peer the peer id
   */
  drop(peer) { this.peers.get(peer)?.close(); this.peers.delete(peer); }

  dropAll() { for (const peer of [...this.peers.keys()]) this.drop(peer); }

  /**
   * After a resumed seat: new ICE on the connections to the peers present (each then offers).
   * @param {string[]} present the peer ids the welcome lists as present (not away)
   */
  restartIce(present) { for (const id of present) this.peers.get(id)?.pc.restartIce(); }
}
