// Shows one material version: PDFs rendered with pdf.js (pdfjs-dist, served from /vendor/pdfjs/,
// see webapp/vendor/update-pdfjs.sh), images directly, anything else as a download link.
// Used beside the checklist (pre-review, officials' reading) and in the room's document panel.
import { addStrings, t } from './i18n.js';
import { h } from './dom.js';

addStrings({
  'zh-CN': {
    'doc.prev': '上一页', 'doc.next': '下一页', 'doc.zoomIn': '放大', 'doc.zoomOut': '缩小', 'doc.page': '页码',
    'doc.of': '共', 'doc.pages': '页', 'doc.loading': '正在加载文档…', 'doc.failed': '文档无法显示：', 'doc.download': '下载文件',
    'doc.noPreview': '此类文件不能在线预览，请下载后查看。',
  },
  en: {
    'doc.prev': 'Previous page', 'doc.next': 'Next page', 'doc.zoomIn': 'Zoom in', 'doc.zoomOut': 'Zoom out', 'doc.page': 'Page',
    'doc.of': 'of', 'doc.pages': '', 'doc.loading': 'Loading the document…', 'doc.failed': 'Cannot show the document: ', 'doc.download': 'Download the file',
    'doc.noPreview': 'This kind of file cannot be previewed; download it to read it.',
  },
});

const VENDOR = '/vendor/pdfjs/';
export const contentUrl = (fileId) => `/api/material-files/${fileId}/content`;
const isPdf = (m) => m.mediaType === 'application/pdf';
const isImage = (m) => /^image\/(jpeg|png|gif|webp|bmp)$/.test(m.mediaType);

let pdfjs = null;
/**
 * pdf.js is loaded on first use only: most pages never show a PDF.
 * @returns {Promise<object>} the pdfjs-dist module
 */
async function loadPdfJs() {
  if (!pdfjs) {
    pdfjs = await import(VENDOR + 'pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = VENDOR + 'pdf.worker.min.mjs';
  }
  return pdfjs;
}

// One loaded document per file id for the page's life: page turns never fetch again.
const documents = new Map();
function openPdf(fileId) {
  if (!documents.has(fileId)) {
    documents.set(fileId, loadPdfJs().then((lib) => lib.getDocument({
      url: contentUrl(fileId),
      // Chinese documents often use fonts they do not embed: the CJK character maps resolve them.
      cMapUrl: VENDOR + 'cmaps/', cMapPacked: true, standardFontDataUrl: VENDOR + 'standard_fonts/',
      wasmUrl: VENDOR + 'wasm/', iccUrl: VENDOR + 'iccs/',
      isEvalSupported: false, // no eval/new Function: works under a CSP without 'unsafe-eval'
      enableScripting: false,
    }).promise).catch((e) => { documents.delete(fileId); throw e; }));
  }
  return documents.get(fileId);
}

/**
 * A viewer. `show(material, page, zoom)` opens a version ({fileId, mediaType, fileName}); `page(n,
 * zoom)` turns; `pointer(rect)` draws the presenter's highlight ({x, y, w, h} fractions of the
 * page, or null). With `controls`, it shows page and zoom buttons that call `onTurn(page, zoom)`
 * (the room sends them to the server instead of turning locally); with `onPointer`, dragging on
 * the page draws a rectangle and reports it. The stage carries data-file and data-page of what is
 * on screen once rendered, and fires 'docview.rendered' on window ({fileId, page, at}).
 * @param {{controls?: boolean, onTurn?: function(number, number): void, onPointer?: function(object): void}} [options] page and zoom buttons; where turns and pointer drags go
 * @returns {object} the viewer: `el`, `state`, and show, page, pointer, presenting, clear as above
 */
export function docViewer({ controls = true, onTurn = null, onPointer = null } = {}) {
  const canvas = h('canvas', { class: 'docview-canvas' });
  const image = h('img', { class: 'docview-image', alt: '', hidden: true });
  const mark = h('div', { class: 'docview-pointer', hidden: true, 'aria-hidden': 'true' });
  const sheet = h('div', { class: 'docview-sheet' }, canvas, image, mark);
  const stage = h('div', { class: 'docview-stage', tabindex: '0', hidden: true }, sheet);
  const message = h('p', { class: 'docview-message', role: 'status' });
  const label = h('span', { class: 'docview-label' });
  const button = (key, fn) => h('button', { type: 'button', class: 'secondary', 'data-doc': key.slice(4), title: t(key), onclick: fn }, t(key));
  const current = { material: null, page: 1, zoom: 1, pages: 1, pointer: null, canPoint: false };
  const turn = (page, zoom) => {
    page = Math.min(Math.max(1, page), current.pages);
    zoom = Math.min(5, Math.max(0.25, Math.round(zoom * 100) / 100));
    if (onTurn) onTurn(page, zoom); else view.page(page, zoom);
  };
  const bar = h('div', { class: 'actions docview-bar', hidden: true },
    button('doc.prev', () => turn(current.page - 1, current.zoom)), label,
    button('doc.next', () => turn(current.page + 1, current.zoom)),
    button('doc.zoomOut', () => turn(current.page, current.zoom / 1.25)),
    button('doc.zoomIn', () => turn(current.page, current.zoom * 1.25)));
  const el = h('div', { class: 'docview' }, bar, message, stage);
  let rendering = null;
  let generation = 0;

  async function render() {
    const mine = ++generation;
    const m = current.material;
    if (!m) return;
    label.textContent = `${t('doc.page')} ${current.page} ${t('doc.of')} ${current.pages} ${t('doc.pages')}`.trim();
    if (isImage(m)) {
      canvas.hidden = true; image.hidden = false;
      image.alt = m.fileName || '';
      if (image.dataset.src !== contentUrl(m.fileId)) { image.src = contentUrl(m.fileId); image.dataset.src = image.src; }
      image.style.width = `${Math.floor(Math.max(200, stage.clientWidth - 2) * current.zoom)}px`; // zoom 1 fits the width, as for PDFs
      if (!image.complete) await new Promise((ok) => { image.onload = ok; image.onerror = ok; });
      return rendered(mine);
    }
    image.hidden = true; canvas.hidden = false;
    try {
      const pdf = await openPdf(m.fileId);
      if (mine !== generation) return;
      current.pages = pdf.numPages;
      label.textContent = `${t('doc.page')} ${current.page} ${t('doc.of')} ${current.pages} ${t('doc.pages')}`.trim();
      const page = await pdf.getPage(Math.min(current.page, pdf.numPages));
      if (mine !== generation) return;
      // zoom 1 fits the page to the viewer's width, so every screen shows the same part of the page.
      const width = Math.max(200, stage.clientWidth - 2);
      const scale = (width / page.getViewport({ scale: 1 }).width) * current.zoom;
      const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
      const draw = document.createElement('canvas');
      draw.width = Math.floor(viewport.width);
      draw.height = Math.floor(viewport.height);
      rendering?.cancel();
      rendering = page.render({ canvas: draw, canvasContext: draw.getContext('2d'), viewport });
      await rendering.promise;
      if (mine !== generation) return;
      // Swap in the finished page at once: no half-drawn page is ever on screen.
      canvas.width = draw.width;
      canvas.height = draw.height;
      canvas.getContext('2d').drawImage(draw, 0, 0);
      canvas.style.width = `${Math.floor(viewport.width / (window.devicePixelRatio || 1))}px`;
      rendered(mine);
    } catch (e) {
      if (e?.name === 'RenderingCancelledException') return;
      message.textContent = t('doc.failed') + (e?.message || e);
    }
  }

  function rendered(mine) {
    if (mine !== generation) return;
    message.textContent = '';
    stage.dataset.file = current.material.fileId;
    stage.dataset.page = current.page;
    drawPointer();
    window.dispatchEvent(new CustomEvent('docview.rendered', { detail: { fileId: current.material.fileId, page: current.page, at: performance.now() } }));
  }

  function drawPointer() {
    const r = current.pointer;
    mark.hidden = !r;
    if (!r) return;
    mark.style.left = `${r.x * 100}%`; mark.style.top = `${r.y * 100}%`;
    mark.style.width = `${r.w * 100}%`; mark.style.height = `${r.h * 100}%`;
  }

  // The presenter draws the pointer by dragging; a click without a drag clears it.
  let start = null;
  let lastSent = 0;
  let pending = null;
  const at = (e) => {
    const box = sheet.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)), y: Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)) };
  };
  const rectFrom = (a, b) => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });
  // At most 10 pointer messages a second (the server relays up to 20); the last one always goes.
  const report = (rect, final) => {
    const now = performance.now();
    if (!final && now - lastSent < 100) { pending = rect; return; }
    lastSent = now; pending = null;
    onPointer(rect);
  };
  sheet.addEventListener('pointerdown', (e) => { if (current.canPoint && onPointer) { start = at(e); sheet.setPointerCapture(e.pointerId); } });
  sheet.addEventListener('pointermove', (e) => {
    if (!start) return;
    const r = rectFrom(start, at(e));
    if (r.w > 0.005 && r.h > 0.005) { current.pointer = r; drawPointer(); report(r, false); }
  });
  sheet.addEventListener('pointerup', (e) => {
    if (!start) return;
    const r = rectFrom(start, at(e));
    start = null;
    const final = r.w > 0.005 && r.h > 0.005 ? r : null;
    current.pointer = final; drawPointer(); report(final ?? pending ?? null, true);
  });

  const view = {
    el,
    get state() { return { ...current }; },
    /**
     * Opens a material version at a page and zoom (replacing what was shown).
     * @param {{fileId: number, mediaType: string, fileName: string}} material the version to show
     * @param {number} [page] 1-based
     * @param {number} [zoom] 1 fits the page to the viewer's width
     * @param {{x: number, y: number, w: number, h: number} | null} [pointer] the highlight, in fractions of the page
     * @returns {Promise<void>} when rendered
     */
    show(material, page = 1, zoom = 1, pointer = null) {
      const same = current.material?.fileId === material.fileId;
      Object.assign(current, { material, page, zoom, pointer, pages: same ? current.pages : 1 });
      if (!isPdf(material) && !isImage(material)) {
        generation++;
        canvas.hidden = true; image.hidden = true; mark.hidden = true;
        message.replaceChildren(t('doc.noPreview'), ' ', h('a', { href: contentUrl(material.fileId), download: material.fileName || '' }, t('doc.download')));
        return Promise.resolve();
      }
      if (!same) message.textContent = t('doc.loading');
      stage.hidden = false;
      if (controls && !onTurn) bar.hidden = false; // the room shows the bar to the presenter only
      el.dataset.mediaType = material.mediaType;
      return render();
    },
    page(page, zoom = current.zoom) {
      Object.assign(current, { page, zoom, pointer: null });
      return render();
    },
    pointer(rect) { current.pointer = rect; drawPointer(); },
    /**
     * Whether this viewer may draw the pointer (the presenter's) and shows the turn buttons.
     * @param {boolean} on whether this viewer is the presenter's
     */
    presenting(on) { current.canPoint = on; bar.hidden = !controls || !on || !current.material; sheet.classList.toggle('pointing', on); },
    clear() { generation++; current.material = null; stage.hidden = true; bar.hidden = true; canvas.hidden = true; image.hidden = true; mark.hidden = true; message.textContent = ''; delete stage.dataset.page; delete stage.dataset.file; },
  };
  return view;
}
