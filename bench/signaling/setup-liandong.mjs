// Sets up rooms for the signaling benchmark through Liandong's public API (run.sh calls it once
// per run against a freshly started jar). Writes a JSON file: [{session, seats: [{user, token}]}].
//
//   node setup-liandong.mjs <baseUrl> <rooms> <out.json>
//
// Each room is one review session: the demo chair, eight bench observers (created here by the
// admin) and the demo applicant, who waits in the lobby until the chair admits them. The same ten
// people are in every session, so sessions take consecutive non-overlapping working-hour slots
// (the clash check refuses anything else); run.sh starts the jar with a join lead long enough for
// all of them to be joinable now (liandong.sessions.join-lead, a bench-only setting).
import { writeFileSync } from 'node:fs';

const [base, roomsArg, out] = process.argv.slice(2);
const rooms = Number(roomsArg);
const PASSWORD = 'liandong-demo';
const BENCH_PASSWORD = 'bench-observer-1';
const OBSERVERS = Array.from({ length: 8 }, (_, i) => `bench.obs${i + 1}`);

async function signIn(user, password = PASSWORD) {
  const r = await fetch(`${base}/j_security_check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ j_username: user, j_password: password }),
    redirect: 'manual',
  });
  const cookie = (r.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  if (r.status >= 400 || !cookie) throw new Error(`sign-in of ${user} failed: ${r.status}`);
  return cookie;
}

async function call(cookie, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

/** GB 32100-2015 check character of a unified social credit code. */
function creditCode(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * weights[i];
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

/** Zibo working-hour slots from tomorrow on (UTC+8, no daylight saving), 45 minutes each. */
function* slots() {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 1);
  for (let d = 0; d < 400; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue; // weekends; holidays are refused
    for (let hour = 9; hour <= 16; hour++) {
      const y = day.getUTCFullYear(), m = day.getUTCMonth(), dd = day.getUTCDate();
      yield new Date(Date.UTC(y, m, dd, hour - 8, 0)).toISOString();
    }
  }
}

const admin = await signIn('admin');
for (const user of OBSERVERS) {
  const r = await call(admin, 'POST', '/api/people', {
    username: user, password: BENCH_PASSWORD, displayName: `观察员 ${user}`, roles: ['OBSERVER'], mayChair: false,
  });
  if (r.status !== 201 && r.status !== 409) throw new Error(`creating ${user}: ${r.status} ${JSON.stringify(r.json)}`);
}
const coordinator = await signIn('coordinator');
const people = (await call(coordinator, 'GET', '/api/people')).json;
const byName = Object.fromEntries(people.map((p) => [p.username, p]));
const chair = byName.chair;
const applicant = byName.applicant;

const n = Date.now() % 100000;
const project = await call(coordinator, 'POST', '/api/projects', {
  projectCode: `2026-370303-44-03-${String(n).padStart(6, '0')}`,
  name: `信令基准项目 ${n}`,
  enterpriseName: '淄博基准新材料有限公司',
  creditCode: creditCode(`91370303MA3C${String(n % 100000).padStart(5, '0')}`),
  investment: '120000000.00',
  countyCode: '370303',
  industry: 'C26 化学原料和化学制品制造业',
  matterType: 'investment-approval',
  applicantId: applicant.id,
});
if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.json)}`);
const projectId = project.json.id;

/** A minimal valid one-page PDF (cross-reference offsets computed). */
function pdf(title) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = `BT /F1 24 Tf 72 700 Td (${title}) Tj ET`;
  objects[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// Accepted through the same steps as at the counter: submit, pre-review, every material accepted
// with an uploaded file, accept.
for (const step of ['submit', 'pre-review']) {
  const r = await call(coordinator, 'POST', `/api/projects/${projectId}/${step}`);
  if (r.status !== 200) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.json)}`);
}
for (const item of (await call(coordinator, 'GET', `/api/projects/${projectId}`)).json.materials) {
  const form = new FormData();
  form.append('file', new Blob([pdf(`bench item ${item.id}`)], { type: 'application/pdf' }), `item-${item.id}.pdf`);
  const up = await fetch(`${base}/api/projects/${projectId}/materials/${item.id}/files`, {
    method: 'POST', headers: { Cookie: coordinator }, body: form,
  });
  const file = await up.json();
  if (up.status !== 200 && up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(file)}`);
  const ok = await call(coordinator, 'PUT', `/api/projects/${projectId}/materials/${item.id}`, { status: 'ACCEPTED', fileId: file.id });
  if (ok.status !== 200) throw new Error(`accept item: ${ok.status} ${JSON.stringify(ok.json)}`);
}
const accepted = await call(coordinator, 'POST', `/api/projects/${projectId}/accept`);
if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.json)}`);

const participants = [
  ...OBSERVERS.map((u) => ({ personId: byName[u].id, role: 'OBSERVER' })),
  { personId: applicant.id, role: 'APPLICANT' },
];
const sessions = [];
const free = slots();
let refused = 0;
while (sessions.length < rooms) {
  const startsAt = free.next().value;
  const r = await call(coordinator, 'POST', '/api/sessions', {
    projectId,
    title: `bench room ${sessions.length + 1}`,
    startsAt,
    durationMinutes: 45,
    chairId: chair.id,
    departments: [{ departmentId: chair.department.id, required: true }],
    participants,
  });
  if (r.status === 201) sessions.push(r.json.id);
  else if (++refused > 200) throw new Error(`no free slots: ${r.status} ${JSON.stringify(r.json)}`);
}

// Each person fetches their own join link, as they would from the invitation.
const seatsBySession = new Map(sessions.map((s) => [s, []]));
for (const user of ['chair', ...OBSERVERS, 'applicant']) {
  const cookie = await signIn(user, user.startsWith('bench.') ? BENCH_PASSWORD : PASSWORD);
  for (const s of sessions) {
    const r = await call(cookie, 'GET', `/api/sessions/${s}/join-link`);
    if (r.status !== 200) throw new Error(`join link of ${user} for ${s}: ${r.status} ${JSON.stringify(r.json)}`);
    seatsBySession.get(s).push({ user, token: r.json.token });
  }
}
writeFileSync(out, JSON.stringify(sessions.map((s) => ({ session: s, seats: seatsBySession.get(s) }))));
console.error(`setup: ${sessions.length} sessions (${refused} slots refused), ${sessions.length * 10} join tokens`);
