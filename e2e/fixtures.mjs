// Files the materials case uploads, made here so that nothing is downloaded: a multi-page PDF
// (a site plan drawing whose pages say their number in large type, padded to any size with an
// incompressible embedded stream) and a PNG (a scanned application form).
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * A valid PDF 1.4 of `pages` A4 landscape pages, each showing `title`, "PAGE n / pages" and a
 * simple drawing that differs per page; `padTo` bytes (about) of random data ride along in an
 * unreferenced stream object, so the file is big without being slow to render.
 * @param {{pages?: number, title?: string, revision?: string, padTo?: number}} [options] page count, title, revision letter, size to pad to in bytes
 * @returns {Buffer} the PDF file
 */
export function sitePlanPdf({ pages = 6, title = 'SITE PLAN', revision = 'A', padTo = 0 } = {}) {
  const objects = [];
  const add = (body) => { objects.push(body); return objects.length; };
  const catalog = add(null);
  const pageTree = add(null);
  const font = add(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>'));
  const kids = [];
  for (let n = 1; n <= pages; n++) {
    const draw = [
      '0.95 0.95 0.9 rg 0 0 842 595 re f',
      '0 0 0 RG 2 w 40 40 762 515 re S',
      // A few "buildings" whose layout moves with the page, and a road.
      ...Array.from({ length: 4 }, (_, i) => `0.6 0.7 0.85 rg ${90 + i * 160 + n * 7} ${120 + (i % 2) * 140} 120 ${80 + n * 6} re f`),
      '0.5 0.5 0.5 rg 40 90 762 18 re f',
      `BT /F1 28 Tf 0.1 0.1 0.1 rg 60 520 Td (${title} - REV ${revision}) Tj ET`,
      `BT /F1 64 Tf 0.7 0.1 0.1 rg 250 420 Td (PAGE ${n} / ${pages}) Tj ET`,
    ].join('\n');
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${Buffer.byteLength(draw)} >>\nstream\n`), Buffer.from(draw), Buffer.from('\nendstream')]));
    kids.push(add(Buffer.from(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`)));
  }
  if (padTo > 0) {
    const pad = randomBytes(padTo);
    add(Buffer.concat([Buffer.from(`<< /Length ${pad.length} >>\nstream\n`), pad, Buffer.from('\nendstream')]));
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pageTree} 0 R >>`);
  objects[pageTree - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`);
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    length += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${length}\n%%EOF\n`].join('');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

const CRC = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG "scan" of a form: white paper, ruled lines, a red stamp.
 * @param {number} [width] pixels
 * @param {number} [height] pixels
 * @returns {Buffer} the PNG file
 */
export function formPng(width = 600, height = 800) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      let rgb = [250, 250, 245];
      if (y > 80 && y % 48 === 0 && x > 40 && x < width - 40) rgb = [60, 60, 60];
      if (x > 40 && x < width - 40 && (y === 40 || y === height - 40)) rgb = [30, 30, 30];
      const dx = x - (width - 150), dy = y - (height - 160), r = Math.hypot(dx, dy);
      if (r > 62 && r < 70) rgb = [200, 30, 40];
      raw.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
