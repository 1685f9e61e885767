// The room's signaling client (docs/signaling.md): one WebSocket per room visit, reconnecting with
// backoff and resuming the seat. Every server message is dispatched as a `room.<type>` event whose
// detail is the message; the client's own events are `room.reconnecting`, `room.refused` and
// `room.closed` (detail: the close code).

/** Close codes after which the client does not come back: 4001 removed, 4002 replaced, 4009 ended. */
const FINAL = [4001, 4002, 4009];
/** 1012 service restart: the node stops or the room moved (docs/cluster.md); come back at once. */
const RECONNECT_NOW = 1012;

export class Signaling extends EventTarget {
  /**
   * Opens the socket at once.
   * @param {string} sessionId the session whose room to join
   * @param {string | null} token the join link's token; null for a signed-in invitee (the cookie signs in)
   */
  constructor(sessionId, token) {
    super();
    this.url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rooms/${sessionId}` + (token ? `?token=${encodeURIComponent(token)}` : '');
    this.attempt = 0;
    this.failingSince = null;
    this.stopped = false;
    this.open();
  }

  /**
   * Connects (again) with exponential backoff and full jitter (AWS, "Exponential Backoff and
   * Jitter"): the wait is drawn from [0, min(8 s, 0.5 s × 2^attempt)), so the clients of a dead node
   * do not come back in one burst; after 1012 at once (a wait drawn from [0, 250 ms)) and the count
   * starts over. The Java test client follows the same rule (src/test/.../client/Backoff.java). A
   * socket never welcomed five times running, over at least 10 s, is refused.
   */
  open() {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    let welcomed = false;
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === 'welcome') { welcomed = true; this.attempt = 0; }
      this.dispatchEvent(new CustomEvent('room.' + m.type, { detail: m }));
    };
    ws.onclose = (e) => {
      // A refused upgrade closes before any welcome.
      if (this.stopped || FINAL.includes(e.code)) { this.dispatchEvent(new CustomEvent('room.closed', { detail: e.code })); return; }
      // Full jitter can draw near-zero waits: a refusal needs time as well as attempts, or a room
      // whose lease is still held by a dead node (503 for up to 3 s) would look refused.
      if (welcomed) this.failingSince = null;
      else this.failingSince ??= Date.now();
      if (!welcomed && this.attempt > 3 && Date.now() - this.failingSince > 10000) { this.dispatchEvent(new CustomEvent('room.refused')); return; }
      this.dispatchEvent(new CustomEvent('room.reconnecting'));
      if (e.code === RECONNECT_NOW) this.attempt = 0;
      const span = e.code === RECONNECT_NOW ? 250 : Math.min(8000, 500 * 2 ** this.attempt++);
      setTimeout(() => this.open(), Math.random() * span);
    };
  }

  /**
   * Sends one client message (protocol version 1); dropped while the socket is not open.
   * @param {string} type the message type (docs/signaling.md, "Client messages")
   * @param {object} [fields] the message's other fields
   */
  send(type, fields = {}) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ v: 1, type, ...fields }));
  }

  /** Leaves the room for good: says `leave`, closes normally and never reconnects. */
  close() {
    this.stopped = true;
    this.send('leave');
    this.ws.close(1000);
  }
}
