// Statistics page (#/statistics): figures per county and department, the county ranking, charts
// (Apache ECharts, vendored under /vendor/echarts and loaded only here) and the monthly bulletins.
// Mounted by app.js's route table: statisticsPages().page(params).
import { api } from './api.js';
import { h } from './dom.js';
import { t, addStrings, lang, localName, formatTime, dayKey } from './i18n.js';

addStrings({
  'zh-CN': {
    'nav.statistics': '统计分析', 'st.title': '统计分析与区县排名', 'st.period': '统计周期', 'st.month': '月', 'st.quarter': '季度', 'st.year': '年',
    'st.value': '时间', 'st.county': '区县', 'st.all': '全市', 'st.show': '查询', 'st.total': '合计', 'st.counties': '各区县',
    'st.departments': '部门响应', 'st.ranking': '区县综合排名', 'st.rank': '排名', 'st.change': '较上月', 'st.new': '新进', 'st.unranked': '未排名',
    'st.trend': '受理至决定平均用时月度趋势（工作日）', 'st.net': '扣除补正', 'st.gross': '含补正', 'st.onTime': '各区县按时办结率（%）',
    'st.satisfaction': '满意度评价分布', 'st.stars': '星', 'st.lowest': '需回访的低分评价（3星及以下）', 'st.noLow': '无',
    'st.definitions': '指标口径', 'st.downloads': '下载', 'st.csv': 'CSV（区县表）', 'st.xlsx': 'Excel（全部表格）',
    'st.bulletins': '月度通报（一月一通报）', 'st.noBulletins': '暂无已发布的通报', 'st.published': '发布于', 'st.noData': '本期无数据',
    'st.weights': '权重', 'st.tieBreak': '并列规则',
  },
  en: {
    'nav.statistics': 'Statistics', 'st.title': 'Statistics and county ranking', 'st.period': 'Period', 'st.month': 'Month', 'st.quarter': 'Quarter', 'st.year': 'Year',
    'st.value': 'When', 'st.county': 'County', 'st.all': 'Whole city', 'st.show': 'Show', 'st.total': 'Total', 'st.counties': 'Counties',
    'st.departments': 'Department responsiveness', 'st.ranking': 'County ranking', 'st.rank': 'Rank', 'st.change': 'Since last month', 'st.new': 'new', 'st.unranked': 'not ranked',
    'st.trend': 'Average working days, acceptance to decision, by month', 'st.net': 'pauses excluded', 'st.gross': 'pauses included', 'st.onTime': 'On-time rate per county (%)',
    'st.satisfaction': 'Ratings by stars', 'st.stars': 'stars', 'st.lowest': 'Low ratings to follow up (3 stars or fewer)', 'st.noLow': 'None',
    'st.definitions': 'Definitions', 'st.downloads': 'Downloads', 'st.csv': 'CSV (county table)', 'st.xlsx': 'Excel (every table)',
    'st.bulletins': 'Monthly bulletins', 'st.noBulletins': 'No bulletin published yet', 'st.published': 'published', 'st.noData': 'No data for this period',
    'st.weights': 'Weights', 'st.tieBreak': 'Ties',
  },
});

// Columns of the county table: figure fields from /api/statistics/figures.
const COUNTY_FIELDS = ['decided', 'approvedInvestment', 'avgDaysFromAcceptanceNet', 'avgDaysFromAcceptanceGross', 'medianDaysFromAcceptanceNet',
  'avgDaysFromSubmissionNet', 'onTimeRate', 'firstPassRate', 'supplementRoundsPerProject', 'zeroVisitShare', 'atMostOneVisitShare',
  'ratings', 'meanRating', 'satisfiedShare'];
const DEPARTMENT_FIELDS = ['requiredPlaces', 'absentRate', 'lateRate', 'opinionsSigned', 'medianOpinionHours'];

let echartsModule = null;
const loadEcharts = async () => (echartsModule ??= await import('/vendor/echarts/echarts.esm.min.js'));

const pad = (n) => String(n).padStart(2, '0');
const ym = (y, m) => `${y}-${pad(m)}`;
const addMonths = (month, n) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return ym(d.getUTCFullYear(), d.getUTCMonth() + 1);
};

/**
 * The months [from, to] that the filter picks.
 * @param {'month' | 'quarter' | 'year'} kind the period's kind
 * @param {string} value 2026-03, 2026-Q1 or 2026
 * @returns {string[]} [first month, last month], each yyyy-mm
 */
function range(kind, value) {
  if (kind === 'year') return [value + '-01', value + '-12'];
  if (kind === 'quarter') {
    const [y, q] = value.split('-Q').map(Number);
    return [ym(y, q * 3 - 2), ym(y, q * 3)];
  }
  return [value, value];
}

function lastMonth() {
  return addMonths(dayKey(new Date()).slice(0, 7), -1); // this month in the server's zone, minus one
}

/**
 * The statistics page (figures, ranking, charts, bulletins).
 * @returns {{page: function(URLSearchParams): Promise<HTMLElement>}} the page for the route table
 */
export function statisticsPages() {
  const fmt = (v) => (v === null || v === undefined ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(v));

  async function page(params) {
    const kind = params.get('kind') || 'month';
    const value = params.get('value') || (kind === 'year' ? lastMonth().slice(0, 4) : kind === 'quarter'
      ? lastMonth().slice(0, 4) + '-Q' + Math.ceil(Number(lastMonth().slice(5)) / 3) : lastMonth());
    const county = params.get('county') || '';
    const [from, to] = range(kind, value);
    const q = new URLSearchParams({ from, to });
    if (county) q.set('county', county);
    const trendQ = new URLSearchParams({ from: addMonths(to, -11), to });
    if (county) trendQ.set('county', county);
    const [stats, trend, ranking, figures, counties, bulletins] = await Promise.all([
      api('/api/statistics?' + q), api('/api/statistics?' + trendQ), api('/api/statistics/ranking?month=' + to),
      api('/api/statistics/figures'), api('/api/regions?level=COUNTY'), api('/api/statistics/bulletins')]);
    const fig = Object.fromEntries(figures.map((f) => [f.field, f]));
    const label = (field) => {
      const f = fig[field];
      return h('abbr', { title: lang === 'en' ? f.definitionEn : f.definitionZh }, localName(f), ' (', lang === 'en' ? f.unitEn : f.unitZh, ')');
    };

    const kindSelect = h('select', { name: 'kind', id: 'st-kind' }, ['month', 'quarter', 'year'].map((k) => h('option', { value: k, selected: k === kind }, t('st.' + k))));
    const valueInput = h('input', { name: 'value', id: 'st-value', value, required: true,
      pattern: kind === 'year' ? '\\d{4}' : kind === 'quarter' ? '\\d{4}-Q[1-4]' : '\\d{4}-\\d{2}',
      placeholder: kind === 'year' ? '2026' : kind === 'quarter' ? '2026-Q1' : '2026-03' });
    kindSelect.addEventListener('change', () => {
      const k = kindSelect.value;
      valueInput.value = k === 'year' ? value.slice(0, 4) : k === 'quarter' ? value.slice(0, 4) + '-Q' + Math.ceil(Number(from.slice(5)) / 3) : to;
      valueInput.pattern = k === 'year' ? '\\d{4}' : k === 'quarter' ? '\\d{4}-Q[1-4]' : '\\d{4}-\\d{2}';
    });
    const filters = h('form', { class: 'filters', role: 'search', id: 'st-filters' },
      h('label', {}, h('span', {}, t('st.period')), kindSelect),
      h('label', {}, h('span', {}, t('st.value')), valueInput),
      h('label', {}, h('span', {}, t('st.county')), h('select', { name: 'county', id: 'st-county' }, h('option', { value: '' }, t('st.all')),
        counties.map((c) => h('option', { value: c.code, selected: c.code === county }, localName(c))))),
      h('button', { type: 'submit' }, t('st.show')));
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new URLSearchParams(new FormData(filters));
      if (!f.get('county')) f.delete('county');
      location.hash = '#/statistics?' + f;
    });

    const total = stats.total;
    const cards = h('div', { class: 'cards', id: 'st-total' }, ['decided', 'approvedInvestment', 'avgDaysFromAcceptanceNet', 'avgDaysFromAcceptanceGross',
      'onTimeRate', 'firstPassRate', 'zeroVisitShare', 'atMostOneVisitShare', 'satisfiedShare'].map((k) =>
      h('div', { class: 'card stat', 'data-field': k }, h('div', { class: 'stat-value' }, fmt(total[k])), h('div', { class: 'stat-label' }, label(k)))));

    const countyTable = h('table', { id: 'st-counties' },
      h('thead', {}, h('tr', {}, h('th', {}, t('st.county')), COUNTY_FIELDS.map((f) => h('th', {}, label(f))))),
      h('tbody', {}, stats.counties.map((c) => h('tr', { 'data-county': c.code }, h('td', {}, localName(c)),
        COUNTY_FIELDS.map((f) => h('td', {}, fmt(c.figures[f]))))),
      h('tr', { class: 'total' }, h('td', {}, t('st.total')), COUNTY_FIELDS.map((f) => h('td', {}, fmt(total[f]))))));

    const arrow = (r) => (r.rank === null ? t('st.unranked') : r.change === null ? t('st.new')
      : r.change > 0 ? '▲ ' + r.change : r.change < 0 ? '▼ ' + -r.change : '＝');
    const rankingTable = h('table', { id: 'st-ranking' },
      h('thead', {}, h('tr', {}, h('th', {}, t('st.rank')), h('th', {}, t('st.county')), h('th', {}, label('score')), h('th', {}, t('st.change')),
        h('th', {}, label('onTimeRate')), h('th', {}, label('firstPassRate')), h('th', {}, label('atMostOneVisitShare')), h('th', {}, label('satisfiedShare')))),
      h('tbody', {}, ranking.rows.map((r) => h('tr', { 'data-county': r.code },
        h('td', {}, r.rank ?? '—'), h('td', {}, localName(r)), h('td', {}, fmt(r.score)),
        h('td', { class: r.change > 0 ? 'up' : r.change < 0 ? 'down' : '' }, arrow(r)),
        h('td', {}, fmt(r.onTimeRate)), h('td', {}, fmt(r.firstPassRate)), h('td', {}, fmt(r.atMostOneVisitShare)), h('td', {}, fmt(r.satisfiedShare))))));
    const w = ranking.weights;
    const rankingNote = h('p', { class: 'small' }, `${t('st.weights')}: on-time ${w.onTime}, first-pass ${w.firstPass}, speed ${w.speed}, visits ${w.visits}, satisfaction ${w.satisfaction}. ${t('st.tieBreak')}: ${ranking.tieBreak}`);

    const deptTable = stats.departments.length ? h('table', { id: 'st-departments' },
      h('thead', {}, h('tr', {}, h('th', {}, t('st.departments')), DEPARTMENT_FIELDS.map((f) => h('th', {}, label(f))))),
      h('tbody', {}, stats.departments.map((d) => h('tr', {}, h('td', {}, localName(d)), DEPARTMENT_FIELDS.map((f) => h('td', {}, fmt(d[f])))))))
      : h('p', {}, t('st.noData'));
    const low = stats.satisfaction.lowest;
    const lowList = low.length ? h('ul', { id: 'st-lowest' }, low.map((l) => h('li', {}, `${l.score}★ · ${l.projectCode} ${l.projectName} · ${formatTime(l.ratedAt)}: ${l.comment}`)))
      : h('p', {}, t('st.noLow'));

    const chart = (id, title) => h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('div', { id, class: 'chart-box', role: 'img', 'aria-label': title }));
    const charts = h('div', { class: 'charts' }, chart('chart-trend', t('st.trend')), chart('chart-ontime', t('st.onTime')),
      chart('chart-satisfaction', t('st.satisfaction')));

    const downloads = h('p', { class: 'actions' },
      h('a', { href: '/api/statistics.csv?' + q, download: '' }, t('st.csv')), ' · ',
      h('a', { href: '/api/statistics.xlsx?' + q, download: '', id: 'st-xlsx' }, t('st.xlsx')));
    const bulletinList = bulletins.length ? h('ul', { id: 'st-bulletins' }, bulletins.map((b) => h('li', {}, b.month, ' · ',
      h('a', { href: `/api/statistics/bulletins/${b.month}.pdf`, 'data-bulletin': b.month }, 'PDF'), ' · ',
      h('a', { href: `/api/statistics/bulletins/${b.month}.html`, target: '_blank', rel: 'noopener' }, 'HTML'), ' · ',
      h('a', { href: `/api/statistics/bulletins/${b.month}.xlsx` }, 'XLSX'), ` · ${t('st.published')} ${formatTime(b.publishedAt)} · SHA-256 ${b.pdfSha256.slice(0, 16)}…`)))
      : h('p', {}, t('st.noBulletins'));
    const definitions = h('details', { id: 'st-definitions' }, h('summary', {}, t('st.definitions')),
      h('dl', {}, figures.flatMap((f) => [h('dt', {}, `${localName(f)} (${lang === 'en' ? f.unitEn : f.unitZh}) · ${f.field}`),
        h('dd', {}, lang === 'en' ? f.definitionEn : f.definitionZh)])));

    const section = h('section', { id: 'statistics-page', 'data-from': from, 'data-to': to },
      h('h1', {}, t('st.title')), filters, h('p', { class: 'small' }, `${from} – ${to} · ${stats.zone}`), cards, charts,
      h('h2', {}, t('st.counties')), h('div', { class: 'scroll' }, countyTable),
      h('h2', {}, t('st.ranking') + ' · ' + to), h('div', { class: 'scroll' }, rankingTable), rankingNote,
      h('h2', {}, t('st.departments')), h('div', { class: 'scroll' }, deptTable),
      h('h2', {}, t('st.lowest')), lowList,
      h('h2', {}, t('st.downloads')), downloads,
      h('h2', {}, t('st.bulletins')), bulletinList, definitions);
    // Draw once app.js has put the section into the document (ECharts measures its container).
    const draw = () => (section.isConnected ? drawCharts(section, stats, trend).catch((e) => console.error(e)) : setTimeout(draw, 20));
    setTimeout(draw, 0);
    return section;
  }

  async function drawCharts(section, stats, trend) {
    const echarts = await loadEcharts();
    const init = (id) => echarts.init(section.querySelector('#' + id), null, { renderer: 'svg' });
    // No animation: the page is read, not watched, and a screenshot shows the final chart.
    const base = { animation: false, textStyle: { fontFamily: 'sans-serif' }, grid: { left: 48, right: 16, top: 32, bottom: 48 }, tooltip: { trigger: 'axis' } };
    init('chart-trend').setOption({ ...base, legend: { top: 0 },
      xAxis: { type: 'category', data: trend.trend.map((p) => p.month) }, yAxis: { type: 'value', name: lang === 'en' ? 'days' : '工作日' },
      series: [{ name: t('st.net'), type: 'line', data: trend.trend.map((p) => p.avgDaysFromAcceptanceNet) },
        { name: t('st.gross'), type: 'line', data: trend.trend.map((p) => p.avgDaysFromAcceptanceGross) }] });
    init('chart-ontime').setOption({ ...base, xAxis: { type: 'category', data: stats.counties.map((c) => localName(c)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', max: 100 }, series: [{ type: 'bar', data: stats.counties.map((c) => c.figures.onTimeRate) }] });
    init('chart-satisfaction').setOption({ ...base, xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map((s) => s + ' ' + t('st.stars')) },
      yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: stats.satisfaction.distribution }] });
    section.setAttribute('data-charts', 'drawn');
  }

  return { page };
}
