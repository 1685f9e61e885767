// Turns run.sh's JSON lines into a markdown table: median of the runs per server, ratio
// Liandong / PeerJS (below 1: Liandong spends less), then every run.
import { readFileSync } from 'node:fs';

const [file, date, load, params] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const of = (server, key) => median(rows.filter((r) => r.server === server).map((r) => r[key]));
const metrics = [
  ['server CPU per relayed message (µs)', 'cpuUsPerMsg'],
  ['relayed msg/s achieved', 'relayedPerS'],
  ['one-way latency p50 (ms)', 'latP50Ms'],
  ['one-way latency p99 (ms)', 'latP99Ms'],
  ['one-way latency p99.9 (ms)', 'latP999Ms'],
  ['join time p50 (ms, connect → first answer)', 'joinP50Ms'],
  ['join time p99 (ms)', 'joinP99Ms'],
  ['server CPU per join (ms)', 'cpuPerJoinMs'],
  ['RSS per idle connection (KiB)', 'rssPerConnKiB'],
  ['RSS before clients (MB)', 'rssBeforeMB'],
  ['peak RSS (MB)', 'peakRssMB'],
];
const fmt = (x) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(x < 1 ? 3 : 1)) : '–');
const out = [];
out.push(`Signaling benchmark, ${date}; ${params}`, '', `Load: ${load}`, '');
out.push('| median of runs | PeerJS 1.0.2 | Liandong | ratio L/P |', '|---|---|---|---|');
for (const [label, key] of metrics) {
  const p = of('peerjs', key), l = of('liandong', key);
  out.push(`| ${label} | ${fmt(p)} | ${fmt(l)} | ${Number.isFinite(p / l) && p ? (l / p).toFixed(2) : '–'} |`);
}
out.push('', '| run | server | load | joined/clients | CPU µs/msg | msg/s | p50 / p99 / p99.9 ms | lost | join p99 ms | CPU ms/join | KiB/conn | peak RSS MB |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  out.push(`| ${r.run} | ${r.server} | ${r.load} | ${r.joined}/${r.clients} | ${r.cpuUsPerMsg} | ${r.relayedPerS} | ${r.latP50Ms} / ${r.latP99Ms} / ${r.latP999Ms} | ${r.lost} | ${r.joinP99Ms} | ${r.cpuPerJoinMs} | ${r.rssPerConnKiB} | ${r.peakRssMB} |`);
}
console.log(out.join('\n'));
