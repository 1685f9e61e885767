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
    this.stopped = false;
    this.open();
  }

  /**
   * Connects (again): backoff 0.5 s doubling to 8 s plus up to 250 ms of jitter (so that the
   * clients of a dead node do not come back in one burst); after 1012 at once (plus jitter). A
   * socket never welcomed five times running is refused.
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
      if (!welcomed && this.attempt > 3) { this.dispatchEvent(new CustomEvent('room.refused')); return; }
      this.dispatchEvent(new CustomEvent('room.reconnecting'));
      if (e.code === RECONNECT_NOW) this.attempt = 0;
      const backoff = e.code === RECONNECT_NOW ? 0 : Math.min(8000, 500 * 2 ** this.attempt++);
      setTimeout(() => this.open(), backoff + Math.random() * 250);
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
