// The room's document panel: the material everyone reads together, at the presenter's page, zoom
// and pointer (docs/signaling.md, "Shared document"). The presenter (the chair, or whoever the chair
// handed it to) opens an accepted material and turns pages through the server; everyone else
// follows. Lobby members and excused applicants see nothing of it.
import { addStrings, t } from './i18n.js';
import { h } from './dom.js';
import { docViewer } from './docview.js';
import { acceptedMaterials } from './materials.js';
import { ROOM_DOC } from './citations.js';

addStrings({
  'zh-CN': {
    'rdoc.title': '共同审阅材料', 'rdoc.none': '尚未打开材料。', 'rdoc.pick': '选择已通过的材料', 'rdoc.open': '打开', 'rdoc.close': '关闭材料',
    'rdoc.presenter': '演示人：', 'rdoc.you': '您正在演示：拖动鼠标可圈出重点区域。', 'rdoc.takeBack': '收回演示权', 'rdoc.present': '请其演示',
    'rdoc.noMaterials': '本项目暂无已通过的材料。', 'rdoc.version': '第{v}版',
  },
  en: {
    'rdoc.title': 'Materials reviewed together', 'rdoc.none': 'No material is open.', 'rdoc.pick': 'Choose an accepted material', 'rdoc.open': 'Open', 'rdoc.close': 'Close material',
    'rdoc.presenter': 'Presenting: ', 'rdoc.you': 'You are presenting: drag on the page to highlight an area.', 'rdoc.takeBack': 'Take presenting back', 'rdoc.present': 'Let present',
    'rdoc.noMaterials': 'This project has no accepted materials yet.', 'rdoc.version': 'version {v}',
  },
});

/**
 * The panel. `room` gives what room.js knows: me(), chair(), nameOf(peer), sessionId. Listens to
 * the signaling events itself, so room.js only places `el`.
 * @param {import('./signaling.js').Signaling} sig the room's signaling
 * @param {{sessionId: string, me: function(): string, chair: function(): string, nameOf: function(string): string}} room what the room knows
 * @returns {object} `el`, the panel; `present(peer)` hands the document to a peer; `label()` names that button
 */
export function documentPanel(sig, room) {
  const state = { presenter: null, doc: null, lobby: true, materials: null };
  const presenterNow = () => state.presenter || room.chair();
  const iPresent = () => !state.lobby && presenterNow() === room.me();
  const viewer = docViewer({
    controls: true,
    onTurn: (page, zoom) => sig.send('doc-page', { page, zoom }),
    onPointer: (rect) => sig.send('doc-pointer', { rect }),
  });
  const title = h('p', { class: 'rdoc-title' });
  const who = h('p', { class: 'rdoc-presenter', role: 'status' });
  const picker = h('select', { id: 'rdoc-material' });
  const tools = h('form', { class: 'actions rdoc-tools', hidden: true },
    h('label', { class: 'sr-only', for: 'rdoc-material' }, t('rdoc.pick')), picker,
    h('button', { type: 'submit', 'data-action': 'doc-open' }, t('rdoc.open')),
    h('button', { type: 'button', class: 'secondary', 'data-action': 'doc-close', onclick: () => sig.send('doc-close') }, t('rdoc.close')));
  const takeBack = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => sig.send('present', { peer: null }) }, t('rdoc.takeBack'));
  tools.addEventListener('submit', (e) => {
    e.preventDefault();
    if (picker.value) sig.send('doc-open', { fileId: Number(picker.value), page: 1, zoom: 1 });
  });
  const el = h('section', { class: 'card room-doc', id: 'room-doc', hidden: true, 'aria-labelledby': 'room-doc-title' },
    h('h2', { id: 'room-doc-title' }, t('rdoc.title')), who, takeBack, tools, title, viewer.el);

  async function loadMaterials() {
    if (state.materials) return;
    state.materials = [];
    try {
      state.materials = await acceptedMaterials(room.sessionId);
    } catch (e) {
      who.textContent = e.message;
    }
    picker.replaceChildren(...(state.materials.length
      ? state.materials.map((m) => h('option', { value: m.fileId }, `${m.name} · ${t('rdoc.version').replace('{v}', m.version)} · ${m.fileName}`))
      : [h('option', { value: '' }, t('rdoc.noMaterials'))]));
  }

  function render() {
    el.hidden = state.lobby;
    if (state.lobby) { viewer.clear(); return; }
    const presenting = iPresent();
    who.textContent = presenting ? t('rdoc.you') : t('rdoc.presenter') + (room.nameOf(presenterNow()) || '—');
    tools.hidden = !presenting;
    takeBack.hidden = !(room.chair() === room.me() && state.presenter && state.presenter !== room.me());
    if (presenting) loadMaterials();
    viewer.presenting(presenting);
    const d = state.doc;
    title.textContent = d ? `${d.material.name} · ${t('rdoc.version').replace('{v}', d.material.version)} · ${d.material.fileName}` : t('rdoc.none');
  }

  // The opinion form (another window of this browser) cites what the room shows.
  const remember = () => {
    const d = state.doc;
    if (d) localStorage.setItem(ROOM_DOC, JSON.stringify({ fileId: d.material.fileId, page: d.page, pointer: d.pointer || null }));
    else localStorage.removeItem(ROOM_DOC);
  };

  function show(doc) {
    state.doc = doc;
    if (doc) viewer.show(doc.material, doc.page, doc.zoom, doc.pointer); else viewer.clear();
    render();
    remember();
  }

  // After room.js's own handlers of the same message (they update me and chair): a microtask.
  const on = (type, fn) => sig.addEventListener('room.' + type, (e) => queueMicrotask(() => fn(e.detail)));
  on('welcome', (m) => {
    state.lobby = m.lobby;
    state.presenter = m.room.presenter ?? null;
    show(m.lobby ? null : m.room.doc ?? null);
  });
  on('doc', (m) => show(m.doc));
  on('doc-page', (m) => {
    if (!state.doc) return;
    Object.assign(state.doc, { page: m.page, zoom: m.zoom, pointer: null });
    viewer.page(m.page, m.zoom);
    remember();
  });
  on('doc-pointer', (m) => { if (state.doc) state.doc.pointer = m.rect; if (m.by !== room.me()) viewer.pointer(m.rect); remember(); });
  on('presenter', (m) => { state.presenter = m.peer; render(); });
  on('chair', () => render());
  on('peer-joined', () => render());
  on('excused', () => { state.lobby = true; state.doc = null; render(); });
  on('error', (m) => { if (m.ref === 'doc-open' || /^(not-presenter|unknown-material|no-document)$/.test(m.code)) who.textContent = `${m.code}: ${m.message}`; });

  return { el, present: (peer) => sig.send('present', { peer }), label: () => t('rdoc.present') };
}
