// Load generator of the signaling benchmark (bench/signaling/run.sh): one Node process, `ws`
// clients, the same load against Liandong's room socket or the PeerJS server. Prints one JSON
// line of figures on stdout.
//
//   node load.mjs --server liandong|peerjs --url ws://127.0.0.1:PORT --pid SERVER_PID
//                 [--rooms 20] [--per-room 10] [--rate 2000] [--warmup 5] [--seconds 15]
//                 [--bytes 2048] [--join-concurrency 50] [--tokens rooms.json (liandong)]
//
// What is measured, and how:
// - join: each client's time from opening the TCP connection to the server's first answer
//   (Liandong `welcome`, PeerJS `OPEN`); at most --join-concurrency joins in flight. Server CPU
//   during the join phase divided by the clients.
// - RSS per idle connection: the server's VmRSS before the first client and 3 s after the last
//   joined, difference divided by the clients (everything a connection costs, heap growth included).
// - relay: open loop. Message i is due at start + i/rate whatever happened before; its payload
//   carries that scheduled time, and latency is arrival minus scheduled time, so a stalled
//   server or generator shows up in the tail instead of pausing the clock (no coordinated
//   omission). Senders go round-robin over all clients, each to a random member of its room.
// - server CPU per relayed message: utime+stime of the server process from /proc/<pid>/stat over
//   the measured window, divided by the messages that arrived in that window.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const server = args.server;
const url = args.url;
const pid = Number(args.pid);
const perRoom = Number(args['per-room'] ?? 10);
const rate = Number(args.rate ?? 2000);
const warmup = Number(args.warmup ?? 5);
const seconds = Number(args.seconds ?? 15);
const bytes = Number(args.bytes ?? 2048);
const concurrency = Number(args['join-concurrency'] ?? 50);
const tick = Number(args['clk-tck'] ?? 100);
const rooms = server === 'liandong'
  ? JSON.parse(readFileSync(args.tokens, 'utf8')).slice(0, Number(args.rooms ?? 20))
  : Array.from({ length: Number(args.rooms ?? 20) }, (_, r) => ({ session: r, seats: Array.from({ length: perRoom }, (_, c) => ({ user: `r${r}c${c}` })) }));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cpuMs() {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / tick; // utime, stime (fields 14, 15)
}
function status(field) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`));
  return Number(m[1]); // kB
}
function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

// ---- clients -------------------------------------------------------------------------------
const clients = [];
for (const room of rooms) {
  const members = [];
  for (const seat of room.seats.slice(0, perRoom)) {
    const c = { room: members, session: room.session, user: seat.user, token: seat.token, id: null, ready: false };
    members.push(c);
    clients.push(c);
  }
}

let measuring = false;
let windowReceived = 0;
const latencies = [];
let received = 0;

function onRelay(buf) {
  received++;
  const now = performance.now();
  const at = buf.indexOf('"t":');
  const t = Number(buf.toString('latin1', at + 4, buf.indexOf(',', at)));
  if (measuring) {
    windowReceived++;
    if (t >= measureFrom) latencies.push(now - t);
  }
}

function connect(c) {
  return new Promise((resolve) => {
    const started = performance.now();
    const target = server === 'liandong'
      ? `${url}/rooms/${c.session}?token=${c.token}`
      : `${url}/peerjs?key=peerjs&id=${c.user}&token=t${c.user}`;
    const ws = new WebSocket(target, { perMessageDeflate: false });
    c.ws = ws;
    const answered = () => {
      if (c.joinMs === undefined) {
        c.joinMs = performance.now() - started;
        resolve();
      }
    };
    ws.on('error', (e) => {
      c.error = String(e.message ?? e);
      resolve();
    });
    ws.on('close', (code) => {
      c.closed = code;
      resolve();
    });
    ws.on('message', (data) => {
      if (server === 'liandong') {
        if (data[9] === 0x6f && data.indexOf('{"type":"offer"') === 0) return onRelay(data);
        const m = JSON.parse(data.toString());
        // The applicant waits in the lobby until the chair admits them (from the chair's welcome
        // if they came first, else from the lobby update); a second welcome follows.
        const waiting = m.type === 'welcome' && m.chair ? m.room?.lobby : m.type === 'lobby' && c.user === 'chair' ? m.waiting : null;
        for (const w of waiting ?? []) ws.send(JSON.stringify({ type: 'admit', peer: w.id }));
        if (m.type === 'welcome') {
          c.id = m.you;
          c.ready = !m.lobby;
          answered();
        }
      } else {
        if (data[9] === 0x4f && data.indexOf('{"type":"OFFER"') === 0) return onRelay(data);
        const m = JSON.parse(data.toString());
        if (m.type === 'OPEN') {
          c.id = c.user;
          c.ready = true;
          answered();
        }
      }
    });
  });
}

// ---- join phase -----------------------------------------------------------------------------
const rss0 = status('VmRSS');
const cpu0 = cpuMs();
const joinStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < clients.length) await connect(clients[next++]);
  }),
);
const deadline = performance.now() + 30_000;
while (clients.some((c) => !c.ready && !c.error && c.closed === undefined) && performance.now() < deadline) await sleep(50);
const joinWall = performance.now() - joinStart;
const cpuJoin = cpuMs() - cpu0;
const joined = clients.filter((c) => c.ready);
const joinTimes = clients.filter((c) => c.joinMs !== undefined).map((c) => c.joinMs).sort((a, b) => a - b);
await sleep(3000);
const rss1 = status('VmRSS');

// ---- relay phase -----------------------------------------------------------------------------
const pad = 'x'.repeat(Math.max(0, bytes - 90));
const heartbeat = server === 'peerjs'
  ? setInterval(() => clients.forEach((c) => c.ready && c.ws.send('{"type":"HEARTBEAT"}')), 20_000)
  : null;
let measureFrom = Infinity;
async function drive(durationS) {
  const start = performance.now();
  const total = Math.floor(rate * durationS);
  const interval = 1000 / rate;
  let sent = 0;
  let rr = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) {
      let c;
      do c = joined[rr++ % joined.length]; while (!c.ready);
      const mates = c.room.filter((m) => m !== c && m.ready);
      const to = mates[Math.floor(Math.random() * mates.length)];
      const t = (start + sent * interval).toFixed(3);
      c.ws.send(
        server === 'liandong'
          ? `{"type":"offer","to":"${to.id}","data":{"t":${t},"sdp":"v=0 ${pad}"}}`
          : `{"type":"OFFER","dst":"${to.id}","payload":{"t":${t},"sdp":"v=0 ${pad}"}}`,
      );
    }
    await new Promise((r) => setImmediate(r));
    if (performance.now() - start < (sent + 1) * interval - 1) await sleep(1);
  }
  return sent;
}
await drive(warmup);
await sleep(500);
const receivedBefore = received;
measureFrom = performance.now();
measuring = true;
const cpu1 = cpuMs();
const wall0 = performance.now();
const sent = await drive(seconds);
const wall = (performance.now() - wall0) / 1000;
const cpuRelay = cpuMs() - cpu1;
const windowCount = windowReceived;
measuring = false;
await sleep(1000);
const lost = sent - (received - receivedBefore);
clearInterval(heartbeat);
latencies.sort((a, b) => a - b);
const peak = status('VmHWM');
for (const c of clients) c.ws?.terminate();

console.log(JSON.stringify({
  server,
  clients: clients.length,
  joined: joined.length,
  failed: clients.filter((c) => c.error || (c.closed !== undefined && !c.ready)).length,
  joinWallS: +(joinWall / 1000).toFixed(2),
  joinP50Ms: +pct(joinTimes, 0.5).toFixed(1),
  joinP99Ms: +pct(joinTimes, 0.99).toFixed(1),
  cpuPerJoinMs: +(cpuJoin / clients.length).toFixed(3),
  rssBeforeMB: +(rss0 / 1024).toFixed(1),
  rssIdleMB: +(rss1 / 1024).toFixed(1),
  rssPerConnKiB: +((rss1 - rss0) / clients.length).toFixed(1),
  rate,
  sent,
  relayedPerS: Math.round(windowCount / wall),
  lost,
  cpuUsPerMsg: +((cpuRelay * 1000) / windowCount).toFixed(1),
  cpuCoreShare: +(cpuRelay / 1000 / wall).toFixed(2),
  latP50Ms: +pct(latencies, 0.5).toFixed(2),
  latP99Ms: +pct(latencies, 0.99).toFixed(2),
  latP999Ms: +pct(latencies, 0.999).toFixed(2),
  latMaxMs: +pct(latencies, 1).toFixed(2),
  peakRssMB: +(peak / 1024).toFixed(1),
}));
process.exit(0);
