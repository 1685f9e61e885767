// Page references in an opinion: a condition or a supplement item cites "material, version, page
// (and region)" of an accepted material of the session. The notice, the decision and the minutes
// print them. Used by the opinion form (decisions.js).
import { addStrings, t } from './i18n.js';
import { h } from './dom.js';
import { acceptedMaterials } from './materials.js';

/** Where roomdoc.js keeps what the room shows: {fileId, page, pointer}. */
export const ROOM_DOC = 'liandong.room.doc';

addStrings({
  'zh-CN': {
    'cite.title': '引用材料页码', 'cite.target': '引用于', 'cite.conditions': '许可条件', 'cite.supplementItems': '补正事项', 'cite.fromRoom': '已带入会议室当前页和标注区域', 'cite.line': '第几条',
    'cite.file': '材料及版本', 'cite.page': '页码', 'cite.region': '区域（可选：x,y,宽,高，页面比例）', 'cite.add': '添加引用', 'cite.remove': '删除',
    'cite.version': '第{v}版', 'cite.pageN': '第{p}页', 'cite.none': '本项目暂无可引用的已通过材料。',
  },
  en: {
    'cite.title': 'Cite a page of a material', 'cite.target': 'Cited on', 'cite.conditions': 'condition', 'cite.supplementItems': 'supplement item', 'cite.fromRoom': 'Filled in from the room: current page and highlighted area', 'cite.line': 'Line no.',
    'cite.file': 'Material and version', 'cite.page': 'Page', 'cite.region': 'Region (optional: x,y,width,height as page fractions)', 'cite.add': 'Add citation', 'cite.remove': 'Remove',
    'cite.version': 'version {v}', 'cite.pageN': 'page {p}', 'cite.none': 'This project has no accepted materials to cite.',
  },
});

/**
 * A citation as people read it, e.g. "用地红线图 第2版 第3页 0.28,0.2,0.47,0.16".
 * @param {{materialFileId: number, page: number, region?: string}} c the citation
 * @param {{id: number, itemName: string, version: number}[]} files the session's accepted materials
 * @returns {string} the text
 */
export function citationText(c, files) {
  const f = files.find((x) => x.id === c.materialFileId) || {};
  return [f.itemName || '#' + c.materialFileId, t('cite.version').replace('{v}', f.version ?? '?'), t('cite.pageN').replace('{p}', c.page), c.region]
    .filter(Boolean).join(' ');
}

/**
 * The citation picker of the opinion form. `current` holds the opinion's citations
 * ([{on: conditions|supplementItems, index (0-based line), materialFileId, page, region}], the API's
 * shape, opinion/Citation); `value()` gives the list to send with the opinion. When the room (same
 * browser) shows a material, its file, page and highlighted area are filled in.
 * @param {string} sessionId the session whose accepted materials may be cited
 * @param {object[]} [current] the opinion's citations so far
 * @returns {{el: HTMLElement, value: function(): object[]}} the picker and its value
 */
export function citationPicker(sessionId, current = []) {
  const cited = current.map((c) => ({ ...c }));
  let files = [];
  const list = h('ul', { class: 'citations' });
  const target = h('select', { 'data-cite-target': '' }, ['supplementItems', 'conditions'].map((k) => h('option', { value: k }, t('cite.' + k))));
  const line = h('input', { type: 'number', min: 1, value: 1, 'data-cite-line': '', class: 'short' });
  const file = h('select', { 'data-cite-file': '' });
  const page = h('input', { type: 'number', min: 1, value: 1, 'data-cite-page': '', class: 'short' });
  const region = h('input', { maxlength: 60, 'data-cite-region': '' });
  const label = (key, input) => h('label', {}, h('span', {}, t(key)), input);
  const render = () => list.replaceChildren(...cited.map((c, i) => h('li', { 'data-citation': i },
    `${t('cite.' + c.on)} ${c.index + 1}: ${citationText(c, files)} `,
    h('button', { type: 'button', class: 'secondary', onclick: () => { cited.splice(i, 1); render(); } }, t('cite.remove')))));
  const add = h('button', { type: 'button', class: 'secondary', 'data-cite-add': '', onclick: () => {
    if (!file.value) return;
    cited.push({ on: target.value, index: Math.max(0, Number(line.value) - 1), materialFileId: Number(file.value), page: Math.max(1, Number(page.value)), region: region.value.trim() || null });
    region.value = '';
    render();
  } }, t('cite.add'));
  const el = h('fieldset', { class: 'citation-picker' }, h('legend', {}, t('cite.title')),
    h('div', { class: 'actions' }, label('cite.target', target), label('cite.line', line), label('cite.file', file), label('cite.page', page), label('cite.region', region), add),
    list);
  acceptedMaterials(sessionId).then((found) => {
    files = found;
    file.replaceChildren(...(files.length
      ? files.map((f) => h('option', { value: f.id }, `${f.itemName} · ${t('cite.version').replace('{v}', f.version)} · ${f.fileName}`))
      : [h('option', { value: '' }, t('cite.none'))]));
    // What the room is showing (roomdoc.js keeps it for this browser): cite it without retyping.
    const shown = JSON.parse(localStorage.getItem(ROOM_DOC) || 'null');
    if (shown && files.some((f) => f.id === shown.fileId)) {
      file.value = String(shown.fileId);
      page.value = shown.page;
      const r = shown.pointer;
      if (r) region.value = [r.x, r.y, r.w, r.h].map((v) => Number(v.toFixed(3))).join(',');
      el.dataset.fromRoom = 'true';
      el.querySelector('legend').append(' · ', t('cite.fromRoom'));
    }
    render();
  }).catch(() => file.replaceChildren(h('option', { value: '' }, t('cite.none'))));
  render();
  return { el, value: () => cited.map(({ on, index, materialFileId, page: p, region: r }) => ({ on, index, materialFileId, page: p, region: r })) };
}
