// The live review room's view: tiles, controls, hands, chat, lobby, quorum, agenda. The protocol is
// signaling.js (docs/signaling.md); media is mesh.js, or sfu.js when the welcome says `sfu`.
import { addStrings, t, lang, zone } from './i18n.js';
import { h } from './dom.js';
import { chosenDevice } from './home.js';
import { Signaling } from './signaling.js';
import { Mesh } from './mesh.js';
import { Sfu, recordingBadge } from './sfu.js';
import { documentPanel } from './roomdoc.js';

addStrings({
  'zh-CN': {
    'room.title': '联审会议室', 'room.connecting': '正在连接…', 'room.reconnecting': '连接中断，正在重连…',
    'room.lobby': '请在等候区稍候，主持人将邀请您进入会议。', 'room.mic': '麦克风', 'room.camera': '摄像头', 'room.screen': '共享屏幕',
    'room.hand': '举手', 'room.handDown': '放下手', 'room.leave': '离开', 'room.hands': '举手顺序', 'room.chat': '讨论区',
    'room.send': '发送', 'room.waiting': '等候区', 'room.admit': '准入', 'room.excuse': '请回等候区', 'room.mute': '静音',
    'room.muteAll': '全体静音', 'room.remove': '移出', 'room.passChair': '移交主持', 'room.floor': '给予发言画面',
    'room.quorumMet': '法定部门已全部到场', 'room.quorumMissing': '尚未到场的必需部门：', 'room.start': '开始会议',
    'room.agenda': '议程', 'room.next': '下一项', 'room.prev': '上一项', 'room.you': '（我）', 'room.chair': '主持人',
    'room.away': '连接中断', 'room.audioOnly': '仅音频（超出视频上限）', 'room.removed': '您已被移出会议', 'room.ended': '会议已结束',
    'room.phase.OPEN': '候会中', 'room.phase.IN_PROGRESS': '会议进行中', 'room.phase.ENDED': '已结束', 'room.mutedByChair': '主持人已将您静音',
    'room.refused': '无法进入会议室（链接无效、已过期或未受邀）', 'room.decision': '部门意见与决定（新窗口）', 'room.micOn': '麦克风开', 'room.micOff': '已静音',
  },
  en: {
    'room.title': 'Review room', 'room.connecting': 'Connecting…', 'room.reconnecting': 'Connection lost, reconnecting…',
    'room.lobby': 'Please wait in the lobby; the chair will admit you.', 'room.mic': 'Microphone', 'room.camera': 'Camera', 'room.screen': 'Share screen',
    'room.hand': 'Raise hand', 'room.handDown': 'Lower hand', 'room.leave': 'Leave', 'room.hands': 'Hands', 'room.chat': 'Chat',
    'room.send': 'Send', 'room.waiting': 'Lobby', 'room.admit': 'Admit', 'room.excuse': 'Back to lobby', 'room.mute': 'Mute',
    'room.muteAll': 'Mute all', 'room.remove': 'Remove', 'room.passChair': 'Pass chair', 'room.floor': 'Give video floor',
    'room.quorumMet': 'Every required department is present', 'room.quorumMissing': 'Required departments missing: ', 'room.start': 'Start session',
    'room.agenda': 'Agenda', 'room.next': 'Next item', 'room.prev': 'Previous item', 'room.you': ' (you)', 'room.chair': 'Chair',
    'room.away': 'connection lost', 'room.audioOnly': 'Audio only (video cap reached)', 'room.removed': 'You were removed from the session', 'room.ended': 'The session has ended',
    'room.phase.OPEN': 'Gathering', 'room.phase.IN_PROGRESS': 'In progress', 'room.phase.ENDED': 'Ended', 'room.mutedByChair': 'The chair muted you',
    'room.refused': 'Cannot enter the room (link invalid, expired, or not invited)', 'room.decision': 'Opinions and decision (new window)', 'room.micOn': 'mic on', 'room.micOff': 'muted',
  },
});

// ---- the page ------------------------------------------------------------------------------

let current = null;

/**
 * The session whose room this page is in, if any.
 * @returns {string | undefined} its id
 */
export const activeRoom = () => current?.sessionId;

/** Leaves the room when the user navigates away. */
export function leaveRoom() {
  // Close the connections and stop camera and microphone too: left running they keep encoding (and the camera light on).
  if (current) { current.sig.close(); current.mesh.dropAll(); current.mesh.setTrack('audio', null); current.mesh.setTrack('video', null); current = null; }
}

/**
 * The room page for a session; the token comes from the join link, or the signed-in invitee joins without one.
 * @param {string} sessionId the session
 * @param {string | null} token the join link's token, or null
 * @param {{camera?: boolean}} [entry] what the device check chose: camera on when entering
 * @returns {HTMLElement} the page (the same element while the visit lasts)
 */
export function roomPage(sessionId, token, { camera = false } = {}) {
  if (current?.sessionId === sessionId) return current.page; // re-render (e.g. language switch): keep the seat
  leaveRoom();
  const sig = new Signaling(sessionId, token);
  const state = { me: null, chair: null, peers: new Map(), lobby: [], hands: [], agenda: 0, agendaItems: [], quorum: null, phase: 'OPEN', video: true, mic: false, camera: false, screen: false };
  const videos = new Map();
  const streams = new Map();
  const showStream = (peer, stream) => { streams.set(peer, stream); renderTiles(); };
  let mesh = new Mesh(sig, showStream); // replaced by the Sfu when the welcome says mediaMode 'sfu'

  const status = h('p', { class: 'room-status', role: 'status', 'aria-live': 'polite' }, t('room.connecting'));
  const banner = h('div', { class: 'room-quorum', role: 'status', 'aria-live': 'polite' });
  const grid = h('div', { class: 'room-tiles' });
  const controls = h('div', { class: 'actions room-controls' });
  const handsList = h('ol', { class: 'room-hands' });
  const lobbyPanel = h('section', { class: 'card room-lobby', hidden: true }, h('h2', {}, t('room.waiting')), h('ul', {}));
  const agendaPanel = h('section', { class: 'card room-agenda' });
  const chatLog = h('ol', { class: 'room-chat', 'aria-live': 'polite' });
  const chatForm = h('form', { class: 'actions' }, h('label', { class: 'sr-only', for: 'room-chat-text' }, t('room.chat')),
    h('input', { id: 'room-chat-text', name: 'text', maxlength: 2000, autocomplete: 'off' }), h('button', { type: 'submit' }, t('room.send')));
  chatForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = chatForm.elements.text.value.trim();
    if (text) { sig.send('chat', { text }); chatForm.elements.text.value = ''; }
  });

  const amChair = () => state.chair === state.me;
  const deptName = (d) => (d ? (lang === 'en' ? d.nameEn : d.nameZh) : '');
  const nameOf = (id) => (id === state.me ? state.self?.name : state.peers.get(id)?.name) || id;
  const sendMedia = () => sig.send('media', { mic: state.mic, camera: state.camera, screen: state.screen });
  const docs = documentPanel(sig, { sessionId, me: () => state.me, chair: () => state.chair, nameOf });

  function tile(peer, stream, isMe) {
    // One <video> per peer for the whole visit: re-rendering a tile must not restart its playback
    // (a new element shows nothing until the next frame is decoded).
    let video = videos.get(isMe ? 'self' : peer.id);
    if (!video) {
      video = h('video', { autoplay: true, playsinline: true });
      video.muted = isMe; // the attribute alone does not mute a script-made element: you would hear yourself
      videos.set(isMe ? 'self' : peer.id, video);
    }
    if (stream && video.srcObject !== stream) video.srcObject = stream;
    const flags = [peer.chair ? t('room.chair') : null, peer.away ? t('room.away') : null, t(peer.mic ? 'room.micOn' : 'room.micOff'),
      peer.camera ? t('room.camera') : null, peer.screen ? t('room.screen') : null].filter(Boolean).join(' · ');
    const chairTools = amChair() && !isMe ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('mute', { peer: peer.id }) }, t('room.mute')),
      peer.video ? null : h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('floor', { peer: peer.id }) }, t('room.floor')),
      ['APPLICANT', 'PROXY_AGENT'].includes(peer.role) ? h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('excuse', { peer: peer.id }) }, t('room.excuse')) : null,
      ['CHAIR', 'OFFICIAL'].includes(peer.role) ? h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('pass-chair', { peer: peer.id }) }, t('room.passChair')) : null,
      peer.role !== 'OBSERVER' ? h('button', { type: 'button', class: 'secondary', 'data-present': peer.id, onclick: () => docs.present(peer.id) }, docs.label()) : null,
      h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('remove', { peer: peer.id }) }, t('room.remove'))) : null;
    return h('figure', { class: 'room-tile' + (peer.away ? ' away' : ''), 'data-self': isMe || null }, video,
      h('figcaption', {}, h('strong', {}, peer.name + (isMe ? t('room.you') : '')), ' ', deptName(peer.department), h('br'), h('small', {}, flags)), chairTools);
  }

  function renderTiles() {
    const list = [];
    if (state.self) list.push(tile({ ...state.self, chair: amChair(), mic: state.mic, camera: state.camera, screen: state.screen }, mesh.local, true));
    for (const p of state.peers.values()) list.push(tile(p, streams.get(p.id), false));
    grid.replaceChildren(...list);
  }

  function renderControls() {
    const toggle = (key, label, on) => h('button', { type: 'button', class: on ? '' : 'secondary', 'aria-pressed': String(on), 'data-media': key, onclick: () => toggleMedia(key) }, t(label));
    const raised = state.hands.includes(state.me);
    controls.replaceChildren(...[
      toggle('mic', 'room.mic', state.mic),
      state.video ? toggle('camera', 'room.camera', state.camera) : h('span', { class: 'status' }, t('room.audioOnly')),
      state.video ? toggle('screen', 'room.screen', state.screen) : null,
      h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('hand', { raised: !raised }) }, t(raised ? 'room.handDown' : 'room.hand')),
      amChair() ? h('button', { type: 'button', class: 'secondary', onclick: () => sig.send('mute-all') }, t('room.muteAll')) : null,
      amChair() && state.phase === 'OPEN' ? h('button', { type: 'button', 'data-action': 'start', disabled: !state.quorum?.met, onclick: () => sig.send('start') }, t('room.start')) : null,
      h('button', { type: 'button', class: 'secondary', onclick: () => { leaveRoom(); location.hash = '#/projects'; } }, t('room.leave'))].filter(Boolean));
  }

  async function toggleMedia(key) {
    try {
      if (key === 'mic') {
        state.mic = !state.mic;
        if (state.mic && !mesh.local.getAudioTracks().length) mesh.setTrack('audio', (await navigator.mediaDevices.getUserMedia({ audio: { deviceId: chosenDevice('audio') } })).getAudioTracks()[0]);
        mesh.local.getAudioTracks().forEach((tr) => { tr.enabled = state.mic; });
      } else {
        const on = !state[key];
        state.camera = key === 'camera' && on;
        state.screen = key === 'screen' && on;
        const track = !on ? null : key === 'camera'
          ? (await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360, deviceId: chosenDevice('video') } })).getVideoTracks()[0]
          : (await navigator.mediaDevices.getDisplayMedia({ video: true })).getVideoTracks()[0];
        mesh.setTrack('video', track);
      }
    } catch (e) {
      state.camera = state.screen = false;
      status.textContent = e.message;
    }
    sendMedia();
    renderControls();
    renderTiles();
  }

  function renderHands() {
    handsList.replaceChildren(...state.hands.map((id) => h('li', {}, nameOf(id))));
  }

  function renderLobby() {
    lobbyPanel.hidden = !amChair() || !state.lobby.length;
    lobbyPanel.querySelector('ul').replaceChildren(...state.lobby.map((p) => h('li', {}, p.name, ' ',
      h('button', { type: 'button', 'data-action': 'admit', onclick: () => sig.send('admit', { peer: p.id }) }, t('room.admit')))));
  }

  function renderQuorum() {
    const q = state.quorum;
    banner.className = 'room-quorum ' + (q?.met ? 'met' : 'missing');
    banner.dataset.phase = state.phase;
    banner.replaceChildren(h('strong', {}, t('room.phase.' + state.phase)), ' · ',
      !q ? '' : q.met ? t('room.quorumMet') : t('room.quorumMissing') + q.missing.map(deptName).join('、'));
  }

  function renderAgenda() {
    const items = state.agendaItems.length ? state.agendaItems : [];
    agendaPanel.replaceChildren(...[h('h2', {}, t('room.agenda')),
      h('ol', {}, items.map((item, i) => h('li', { 'aria-current': i === state.agenda ? 'step' : null, class: i === state.agenda ? 'current' : '' }, item))),
      amChair() ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', disabled: state.agenda === 0, onclick: () => sig.send('agenda', { step: state.agenda - 1 }) }, t('room.prev')),
        h('button', { type: 'button', class: 'secondary', disabled: items.length && state.agenda >= items.length - 1, onclick: () => sig.send('agenda', { step: state.agenda + 1 }) }, t('room.next'))) : null].filter(Boolean));
  }

  const renderAll = () => { renderTiles(); renderControls(); renderHands(); renderLobby(); renderQuorum(); renderAgenda(); };
  const on = (type, fn) => sig.addEventListener('room.' + type, (e) => { fn(e.detail); });

  on('welcome', (m) => {
    if (m.mediaMode === 'sfu' && !(mesh instanceof Sfu)) mesh = new Sfu(sig, showStream, mesh.local);
    grid.dataset.mediaMode = m.mediaMode;
    state.me = m.you; mesh.me = m.you; mesh.iceServers = m.iceServers || [];
    state.video = m.video; state.phase = m.room.phase; state.agenda = m.room.agenda;
    state.self = { ...m.self, id: m.you, role: m.role, video: m.video };
    decisionLink.hidden = ['APPLICANT', 'PROXY_AGENT'].includes(m.role);
    if (m.lobby) { mesh.dropAll(); state.peers.clear(); status.textContent = t('room.lobby'); renderAll(); return; }
    status.textContent = '';
    state.chair = m.room.chair; state.hands = m.room.hands; state.lobby = m.room.lobby; state.quorum = m.room.quorum;
    state.peers = new Map(m.room.peers.map((p) => [p.id, p]));
    chatLog.replaceChildren(...m.room.chat.map(chatLine));
    // The newcomer offers to everyone present (negotiationneeded fires on link). A resumed seat restarts
    // ICE with the peers present only: a peer still away offers (restarting ICE) when it comes back, as its
    // welcome lists us present. An offer to an away peer bounces (unknown-peer) and leaves that connection
    // waiting for an answer, so that the impolite side would then ignore the returning peer's offer.
    if (m.resumed) mesh.restartIce(m.room.peers.filter((p) => !p.away).map((p) => p.id));
    for (const p of m.room.peers) if (!p.away) mesh.link(p.id);
    if (mesh instanceof Sfu) mesh.publish();
    renderAll();
    // The device check asked for the camera on entry (once: a resumed seat keeps what it had).
    if (camera && state.video && !state.camera) { camera = false; toggleMedia('camera'); }
  });
  // The newcomer offers to everyone present; answering its offer (not offering back) avoids glare on every join.
  on('peer-joined', (m) => { state.peers.set(m.peer.id, m.peer); renderTiles(); });
  on('peer-back', (m) => { state.peers.set(m.peer.id, m.peer); renderTiles(); });
  on('peer-away', (m) => { const p = state.peers.get(m.peer); if (p) p.away = true; renderTiles(); });
  on('peer-left', (m) => { state.peers.delete(m.peer); streams.delete(m.peer); videos.delete(m.peer); mesh.drop(m.peer); renderTiles(); });
  on('offer', (m) => mesh.description(m.from, m.data));
  on('answer', (m) => mesh.description(m.from, m.data));
  on('candidate', (m) => mesh.candidate(m.from, m.data));
  on('media', (m) => { const p = state.peers.get(m.peer); if (p) Object.assign(p, { mic: m.mic, camera: m.camera, screen: m.screen }); renderTiles(); });
  on('video', (m) => {
    if (m.peer === state.me) { state.video = m.allowed; if (!m.allowed) { mesh.setTrack('video', null); state.camera = state.screen = false; sendMedia(); } renderControls(); }
    const p = state.peers.get(m.peer); if (p) p.video = m.allowed; renderTiles();
  });
  on('hands', (m) => { state.hands = m.queue; renderHands(); renderControls(); });
  on('chat', (m) => chatLog.append(chatLine(m)));
  on('lobby', (m) => { state.lobby = m.waiting; renderLobby(); });
  on('excused', () => { mesh.dropAll(); state.peers.clear(); streams.clear(); for (const k of [...videos.keys()]) if (k !== 'self') videos.delete(k); status.textContent = t('room.lobby'); renderAll(); });
  on('muted', () => { state.mic = false; mesh.local.getAudioTracks().forEach((tr) => { tr.enabled = false; }); sendMedia(); status.textContent = t('room.mutedByChair'); renderControls(); });
  on('removed', () => { status.textContent = t('room.removed'); });
  on('chair', (m) => { state.chair = m.peer; for (const p of state.peers.values()) p.chair = p.id === m.peer; renderAll(); });
  on('agenda', (m) => { state.agenda = m.step; renderAgenda(); });
  on('quorum', (m) => { state.quorum = m.quorum; renderQuorum(); renderControls(); });
  on('phase', (m) => { state.phase = m.phase; if (m.phase === 'ENDED') status.textContent = t('room.ended'); renderQuorum(); renderControls(); });
  on('error', (m) => { status.textContent = `${m.code}: ${m.message}`; });
  on('reconnecting', () => { status.textContent = t('room.reconnecting'); });
  on('refused', () => { status.textContent = t('room.refused'); });
  on('closed', (code) => { mesh.dropAll(); if (code === 4009) status.textContent = t('room.ended'); });

  function chatLine(m) {
    return h('li', {}, h('time', { datetime: m.at }, new Date(m.at).toLocaleTimeString(lang, { timeZone: zone, hour: '2-digit', minute: '2-digit' })), ' ', h('strong', {}, m.name), ': ', m.text);
  }

  // Agenda items come from the session (when the viewer may read it); the step itself is live.
  fetch(`/api/sessions/${sessionId}`, { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
    .then((r) => (r.ok ? r.json() : null)).then((s) => { if (s?.agenda) { state.agendaItems = s.agenda; renderAgenda(); } }).catch(() => {});


  // Opinions and the decision panel are for the officials and the chair (hidden until we know who we are).
  const decisionLink = h('p', { hidden: true }, h('a', { href: `#/sessions/${sessionId}/decision`, target: '_blank', id: 'room-decision-link' }, t('room.decision')));
  const page = h('section', { id: 'room-page', class: 'room' },
    h('h1', {}, t('room.title')), banner, recordingBadge(sig), status,
    h('div', { class: 'room-layout' },
      h('div', { class: 'room-main' }, docs.el, grid, controls),
      h('aside', { class: 'room-side' }, lobbyPanel,
        h('section', { class: 'card' }, h('h2', {}, t('room.hands')), handsList),
        agendaPanel,
        h('section', { class: 'card' }, h('h2', {}, t('room.chat')), chatLog, chatForm),
        decisionLink)));
  current = { sessionId, sig, page, get mesh() { return mesh; } };
  return page;
}
