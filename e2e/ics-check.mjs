// Parses every .ics file named on the command line with Mozilla's ical.js (Thunderbird's parser),
// a second implementation independent of ical4j, and checks what a calendar client needs: one
// VEVENT with UID, DTSTAMP (once), DTSTART/DTEND in a zone the file defines, SUMMARY, SEQUENCE; and
// RFC 5545 §3.1 line folding (no line over 75 octets). Prints one line per file; exit 1 on any failure.
// Run by InvitationFilesTest: node e2e/ics-check.mjs file1.ics file2.ics ...
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const problems = [];
  const raw = readFileSync(file);
  const text = raw.toString('utf8');
  for (const [i, line] of text.split('\r\n').entries()) {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) problems.push(`line ${i + 1} has ${octets} octets`);
  }
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  try {
    const cal = new ICAL.Component(ICAL.parse(text));
    const zones = cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    const events = cal.getAllSubcomponents('vevent');
    if (events.length !== 1) problems.push(`${events.length} VEVENTs`);
    for (const ev of events) {
      for (const name of ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'sequence']) {
        const n = ev.getAllProperties(name).length;
        if (n !== 1) problems.push(`${name.toUpperCase()} appears ${n} times`);
      }
      const start = ev.getFirstProperty('dtstart');
      const tzid = start && start.getParameter('tzid');
      if (tzid && !zones.includes(tzid)) problems.push(`DTSTART zone ${tzid} has no VTIMEZONE`);
      const event = new ICAL.Event(ev);
      if (!event.summary || !event.startDate || event.endDate.compare(event.startDate) <= 0) problems.push('summary or times unreadable');
    }
    if (!cal.getFirstPropertyValue('method')) problems.push('no METHOD');
  } catch (e) {
    problems.push('ical.js cannot parse it: ' + e.message);
  }
  if (problems.length) failed++;
  console.log(`${problems.length ? 'FAIL' : 'OK'} ${file}${problems.length ? ': ' + problems.join('; ') : ''}`);
}
process.exit(failed ? 1 : 0);
