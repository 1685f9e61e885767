// Materials: the applicant's (or proxy agent's) uploads per checklist item with a progress bar per
// file and resumable chunks for large files; the coordinator's pre-review item by item with the
// document open beside the checklist; the officials' reading of accepted materials before a session.
// API: README "Materials" (material/MaterialResource).
import { api, ApiError } from './api.js';
import { h, toast } from './dom.js';
import { addStrings, t, formatTime } from './i18n.js';
import { docViewer } from './docview.js';

addStrings({
  'zh-CN': {
    'mat.title': '申报材料', 'mat.drop': '将文件拖放到此处，或', 'mat.pick': '选择文件', 'mat.versions': '历次上传版本', 'mat.noVersions': '尚未上传',
    'mat.version': '第{v}版', 'mat.view': '查看', 'mat.accept': '通过此版本', 'mat.correct': '需补正', 'mat.reason': '补正原因',
    'mat.notice': '发送一次性补正告知（列出所有需补正项）', 'mat.noticeSent': '补正告知已发送', 'mat.accepted': '已通过',
    'mat.uploading': '上传中', 'mat.done': '已上传', 'mat.failed': '上传失败：', 'mat.retrying': '连接中断，正在续传…',
    'mat.by': '上传人', 'mat.capacity.APPLICANT': '申请人', 'mat.capacity.PROXY_AGENT': '代办员', 'mat.capacity.COORDINATOR': '窗口代传',
    'mat.viewer': '文档预览', 'mat.pickVersion': '点击某一版本的“查看”在此阅读。', 'mat.session': '本次联审会的已通过材料',
    'mat.sessionNone': '本项目暂无已通过的材料。', 'mat.link': '阅读材料', 'mat.reasonNeeded': '请先填写补正原因', 'mat.unfinished': '服务器未能完成此次上传，请重新选择文件上传',
  },
  en: {
    'mat.title': 'Application materials', 'mat.drop': 'Drop files here, or', 'mat.pick': 'Choose files', 'mat.versions': 'Uploaded versions', 'mat.noVersions': 'Nothing uploaded yet',
    'mat.version': 'version {v}', 'mat.view': 'View', 'mat.accept': 'Accept this version', 'mat.correct': 'Needs correction', 'mat.reason': 'Reason for correction',
    'mat.notice': 'Send the one-time correction notice (every item marked)', 'mat.noticeSent': 'Correction notice sent', 'mat.accepted': 'accepted',
    'mat.uploading': 'Uploading', 'mat.done': 'Uploaded', 'mat.failed': 'Upload failed: ', 'mat.retrying': 'Connection lost, resuming…',
    'mat.by': 'Uploaded by', 'mat.capacity.APPLICANT': 'applicant', 'mat.capacity.PROXY_AGENT': 'proxy agent', 'mat.capacity.COORDINATOR': 'at the counter',
    'mat.viewer': 'Document', 'mat.pickVersion': 'Choose "View" on a version to read it here.', 'mat.session': 'Accepted materials for this session',
    'mat.sessionNone': 'This project has no accepted materials yet.', 'mat.link': 'Read materials', 'mat.reasonNeeded': 'Write the reason first', 'mat.unfinished': 'The service could not finish this upload; pick the file again',
  },
});

const MB = 1024 * 1024;
/** Files above this go in resumable chunks (the server's Content-Range protocol); smaller ones in one multipart POST. */
const CHUNKED_ABOVE = 8 * MB;
const CHUNK = 4 * MB;
const UPLOAD_OPEN = ['DRAFT', 'SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENTING'];
const REVIEW_OPEN = ['SUBMITTED', 'PRE_REVIEW'];
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const size = (n) => (n >= MB ? (n / MB).toFixed(1) + ' MB' : Math.max(1, Math.round(n / 1024)) + ' KB');
const versionLabel = (v) => t('mat.version').replace('{v}', v);

/**
 * The accepted material versions of a session's project, as the room's picker lists them.
 * @param {string} sessionId the session
 * @returns {Promise<{id: number, itemName: string, version: number, fileName: string, mediaType: string}[]>} the versions
 */
export async function acceptedMaterials(sessionId) {
  return (await api(`/api/sessions/${sessionId}/materials`)).map((f) => ({ ...f, fileId: f.id, name: f.itemName }));
}

// ---- uploading -------------------------------------------------------------------------------

/**
 * One XHR (fetch has no upload progress): resolves {status, body}, rejects with ApiError or a network error.
 * @param {string} method POST or PUT
 * @param {string} url where to
 * @param {Blob | FormData} body the bytes
 * @param {Record<string, string>} headers extra request headers
 * @param {function(number): void} onProgress bytes sent so far
 * @returns {Promise<{status: number, body: object}>} the answer
 */
function send(method, url, body, headers, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open(method, url);
    x.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
    x.upload.onprogress = (e) => onProgress(e.loaded);
    x.onload = () => {
      let data;
      try { data = JSON.parse(x.responseText); } catch { data = { status: x.status, title: x.statusText, detail: x.responseText }; }
      if (x.status >= 200 && x.status < 300) resolve({ status: x.status, body: data });
      else reject(new ApiError({ status: x.status, ...data }));
    };
    x.onerror = () => reject(new Error('network'));
    x.onabort = () => reject(new Error('aborted'));
    x.send(body);
  });
}

/**
 * Uploads one file as a new version of a checklist item; `progress(sent, total, note)` is called as
 * bytes go out. Large files go in chunks and survive a dropped connection: the upload resumes from
 * what the server stored (also after a reload, when the same file is picked again).
 * @param {number} projectId the project
 * @param {number} itemId the checklist item
 * @param {File} file the picked file
 * @param {function(number, number, string=): void} progress bytes sent, bytes in all, a note (e.g. resumed)
 * @returns {Promise<object>} the stored version (with its sha256)
 */
export async function uploadFile(projectId, itemId, file, progress) {
  if (file.size <= CHUNKED_ABOVE) {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await send('POST', `/api/projects/${projectId}/materials/${itemId}/files`, form, {}, (n) => progress(n, file.size))).body;
  }
  const key = `liandong.upload.${projectId}.${itemId}.${file.name}.${file.size}.${file.lastModified}`;
  let upload = null;
  if (localStorage.getItem(key)) upload = await api(`/api/material-uploads/${localStorage.getItem(key)}`).catch(() => null);
  if (!upload) {
    upload = await api(`/api/projects/${projectId}/materials/${itemId}/uploads`, { method: 'POST', body: { fileName: file.name, size: file.size } });
    localStorage.setItem(key, upload.id);
  }
  let offset = upload.offset;
  let failures = 0;
  for (;;) {
    // Every byte is stored but no version came back: the service failed to finish; starting over is the way out.
    if (offset >= file.size) { localStorage.removeItem(key); throw new Error(t('mat.unfinished')); }
    const end = Math.min(file.size, offset + CHUNK);
    try {
      const r = await send('PUT', `/api/material-uploads/${upload.id}`, file.slice(offset, end),
        { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${offset}-${end - 1}/${file.size}` },
        (n) => progress(offset + n, file.size));
      if (r.body.sha256) { localStorage.removeItem(key); return r.body; } // the last chunk answers the version
      offset = r.body.offset;
      failures = 0;
    } catch (e) {
      // A refusal (bad type, too large, project accepted meanwhile) is final; a dropped connection is not.
      if (e instanceof ApiError && e.status < 500 && e.status !== 409) { localStorage.removeItem(key); throw e; }
      if (++failures > 6) throw e;
      progress(offset, file.size, t('mat.retrying'));
      await sleep(Math.min(8000, 500 * 2 ** failures));
      offset = (await api(`/api/material-uploads/${upload.id}`).catch(() => ({ offset }))).offset;
    }
  }
}

/**
 * A row with a progress bar for one file being uploaded.
 * @param {File} file the file
 * @returns {object} `el`, the row; `update(sent, total, extra)` and `finish(ok, text)`
 */
function progressRow(file) {
  const bar = h('progress', { max: file.size, value: 0, 'aria-label': file.name });
  const note = h('span', { class: 'upload-note' }, t('mat.uploading'));
  const row = h('li', { class: 'upload', 'data-upload-state': 'uploading', 'data-file-name': file.name }, h('span', { class: 'upload-name' }, file.name), bar, note);
  return {
    row,
    update(sent, total, extra) {
      bar.value = sent;
      note.textContent = `${size(sent)} / ${size(total)} (${Math.floor((sent / total) * 100)}%)` + (extra ? ' · ' + extra : '');
    },
    finish(ok, text) { row.dataset.uploadState = ok ? 'done' : 'failed'; if (ok) bar.value = file.size; note.textContent = text; },
  };
}

// ---- the checklist with versions, uploads and the review ----------------------------------------

/**
 * The project page's materials section. `ctx`: {me, rerender}. Parties upload while the
 * project is open; a coordinator reviews while it is submitted or in pre-review.
 * @param {{me: {roles: string[]}, rerender: function(): Promise<void>}} ctx the signed-in user; re-renders the project page
 * @param {{id: number, status: string}} project the project view (GET /api/projects/{id})
 * @returns {Promise<HTMLElement>} the section
 */
export async function materialsSection(ctx, project) {
  const { me, rerender } = ctx;
  const isParty = me.roles.some((r) => r === 'APPLICANT' || r === 'PROXY_AGENT');
  const isCoordinator = me.roles.includes('COORDINATOR');
  const mayUpload = (isParty || isCoordinator) && UPLOAD_OPEN.includes(project.status);
  const mayReview = isCoordinator && REVIEW_OPEN.includes(project.status);
  const viewer = docViewer({ controls: true });
  const viewing = h('p', { class: 'viewer-title' }, t('mat.pickVersion'));
  const versionsOf = await Promise.all(project.materials.map((m) =>
    api(`/api/projects/${project.id}/materials/${m.id}/files`).catch(() => [])));

  const review = async (item, body) => {
    try {
      await api(`/api/projects/${project.id}/materials/${item.id}`, { method: 'PUT', body });
      await rerender();
    } catch (e) { toast(e.message); }
  };

  function versionRow(item, f) {
    const accepted = item.acceptedFileId === f.id;
    return h('li', { 'data-file': f.id, 'data-version': f.version, class: accepted ? 'accepted' : '' },
      h('strong', {}, versionLabel(f.version)), ' · ', f.fileName, ' · ', size(f.size), ' · ', h('span', { class: 'mono' }, f.mediaType),
      ' · SHA-256 ', h('code', { title: f.sha256 }, f.sha256.slice(0, 12) + '…'), h('br'),
      h('small', {}, t('mat.by'), ': ', f.uploadedBy.displayName, ' (', t('mat.capacity.' + f.uploadedBy.capacity), ') · ', formatTime(f.uploadedAt)),
      accepted ? h('span', { class: 'status ok' }, ' ✓ ' + t('mat.accepted')) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'data-view': f.id, onclick: () => {
          viewing.textContent = `${item.name} · ${versionLabel(f.version)} · ${f.fileName}`;
          viewer.show({ ...f, fileId: f.id }, 1, 1);
        } }, t('mat.view')),
        mayReview && !accepted ? h('button', { type: 'button', 'data-accept': f.id, onclick: () => review(item, { status: 'ACCEPTED', fileId: f.id }) }, t('mat.accept')) : null));
  }

  function uploadZone(item, list) {
    const input = h('input', { type: 'file', multiple: true, id: `mat-file-${item.id}`, class: 'sr-only', 'data-upload-input': item.id });
    const uploads = h('ul', { class: 'uploads' });
    const zone = h('div', { class: 'dropzone', 'data-dropzone': item.id },
      h('span', {}, t('mat.drop'), ' '), h('label', { class: 'button', for: input.id }, t('mat.pick')), input, uploads);
    const take = async (files) => {
      for (const file of files) {
        const p = progressRow(file);
        uploads.append(p.row);
        try {
          const f = await uploadFile(project.id, item.id, file, p.update);
          p.finish(true, `${t('mat.done')} · ${versionLabel(f.version)}`);
          list.prepend(versionRow(item, f));
        } catch (e) {
          p.finish(false, t('mat.failed') + (e.message === 'network' ? t('mat.retrying') : e.message));
        }
      }
    };
    input.addEventListener('change', () => { take([...input.files]); input.value = ''; });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); take([...e.dataTransfer.files]); });
    return zone;
  }

  function correctionForm(item) {
    const reason = h('input', { name: 'reason', maxlength: 500, value: item.status === 'NEEDS_CORRECTION' ? item.note || '' : '', 'aria-label': t('mat.reason') + ': ' + item.name, placeholder: t('mat.reason') });
    return h('form', { class: 'actions correction', 'data-correct': item.id, onsubmit: (e) => {
      e.preventDefault();
      if (!reason.value.trim()) { toast(t('mat.reasonNeeded')); return; }
      review(item, { status: 'NEEDS_CORRECTION', reason: reason.value.trim() });
    } }, reason, h('button', { type: 'submit', class: 'secondary' }, t('mat.correct')),
    item.status === 'NOT_APPLICABLE' ? null
      : h('button', { type: 'button', class: 'secondary', 'data-not-applicable': item.id, onclick: () => review(item, { status: 'NOT_APPLICABLE' }) }, t('material.NOT_APPLICABLE')));
  }

  const items = project.materials.map((item, i) => {
    const list = h('ol', { class: 'versions', reversed: true }, versionsOf[i].map((f) => versionRow(item, f)));
    return h('li', { class: 'card material', 'data-material': item.id, 'data-status': item.status },
      h('h3', {}, item.name, ' ', h('span', { class: 'status' }, t('material.' + item.status))),
      item.note ? h('p', { class: 'note' }, item.note) : null,
      versionsOf[i].length ? null : h('p', { class: 'muted' }, t('mat.noVersions')),
      list,
      mayUpload ? uploadZone(item, list) : null,
      mayReview ? correctionForm(item) : null);
  });
  const marked = project.materials.some((m) => m.status === 'NEEDS_CORRECTION');
  const notice = mayReview && marked ? h('p', {}, h('button', { type: 'button', 'data-action': 'correction-notice', onclick: async () => {
    try {
      await api(`/api/projects/${project.id}/materials/correction-notice`, { method: 'POST', body: {} });
      toast(t('mat.noticeSent'));
      await rerender();
    } catch (e) { toast(e.message); }
  } }, t('mat.notice'))) : null;
  return h('section', { id: 'materials', class: 'materials-layout' },
    h('div', {}, h('h2', {}, t('mat.title')), h('ul', { class: 'materials' }, items), notice),
    h('aside', { class: 'card materials-viewer', 'aria-label': t('mat.viewer') }, h('h2', {}, t('mat.viewer')), viewing, viewer.el));
}

/**
 * #/sessions/{id}/materials: the accepted versions an invited official reads before the session.
 * @param {string} sessionId the session
 * @returns {Promise<HTMLElement>} the page
 */
export async function sessionMaterialsPage(sessionId) {
  const files = await acceptedMaterials(sessionId);
  const viewer = docViewer({ controls: true });
  const viewing = h('p', { class: 'viewer-title' }, t('mat.pickVersion'));
  const open = (f) => { viewing.textContent = `${f.itemName} · ${versionLabel(f.version)} · ${f.fileName}`; viewer.show(f, 1, 1); };
  const list = files.length ? h('ul', { class: 'card' }, files.map((f) => h('li', { 'data-file': f.id },
    h('strong', {}, f.itemName), ' · ', versionLabel(f.version), ' · ', f.fileName, ' · ', size(f.size), ' ',
    h('button', { type: 'button', class: 'secondary', 'data-view': f.id, onclick: () => open(f) }, t('mat.view')))))
    : h('p', {}, t('mat.sessionNone'));
  if (files.length) open(files[0]);
  return h('section', { id: 'session-materials', class: 'materials-layout' },
    h('div', {}, h('h1', {}, t('mat.session')), list),
    h('aside', { class: 'card materials-viewer', 'aria-label': t('mat.viewer') }, h('h2', {}, t('mat.viewer')), viewing, viewer.el));
}
