// The fdi-pulse dashboard: reads contract section 5's API, redraws when the live feed says something changed.
const PILOT_CITIES = ['beijing', 'tianjin', 'shanghai', 'hainan', 'chongqing', 'shenyang', 'nanjing', 'hangzhou', 'wuhan',
  'guangzhou', 'chengdu', 'dalian', 'ningbo', 'xiamen', 'qingdao', 'shenzhen', 'hefei', 'fuzhou', 'xian', 'suzhou'];
const AREAS = ['TELECOM', 'HEALTHCARE', 'FINANCE', 'TRADE', 'CULTURE', 'TOURISM', 'MANUFACTURING_SERVICES', 'TRANSPORT',
  'PEOPLE_MOBILITY', 'PAYMENTS', 'PROFESSIONAL_SERVICES', 'DATA_FLOWS', 'STANDARDS_IP', 'GREEN'];
const charts = {
  cities: echarts.init(document.getElementById('chart-cities'), 'dark'),
  trend: echarts.init(document.getElementById('chart-trend'), 'dark'),
  dead: echarts.init(document.getElementById('chart-dead'), 'dark'),
  heat: echarts.init(document.getElementById('chart-heat'), 'dark'),
};
const select = document.getElementById('quarter');
let quarters = [];
let chosen = null;
let userPicked = false; // follow the latest quarter until the user picks one

function allQuarters() {
  const now = new Date().getUTCFullYear();
  const out = [];
  for (let y = 2023; y <= now + 1; y++) for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
  return out;
}
async function getJson(path) {
  const r = await fetch(path);
  if (r.status === 404) return null;
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}
const pct = x => x == null ? 'n/a' : (Number(x) * 100).toFixed(1) + '%';
const bn = s => (Number(s) / 1e9).toFixed(2) + ' bn';

async function loadTrend() {
  const rows = (await Promise.all(allQuarters().map(q => getJson(`/api/v1/services-share/ALL/${q}`)))).filter(Boolean);
  quarters = rows.map(r => r.quarter);
  if (!userPicked || !quarters.includes(chosen)) chosen = quarters[quarters.length - 1] || null;
  select.innerHTML = quarters.map(q => `<option ${q === chosen ? 'selected' : ''}>${q}</option>`).join('');
  charts.trend.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: quarters },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => (v * 100) + '%' } },
    series: [
      { name: 'quarter', type: 'line', data: rows.map(r => r.servicesShare) },
      { name: 'TTM', type: 'line', data: rows.map(r => r.ttm.servicesShare) },
      { name: 'YTD', type: 'line', data: rows.map(r => r.ytd.servicesShare) },
    ],
  });
  return rows;
}
async function loadQuarter(rows) {
  document.querySelectorAll('.q').forEach(e => e.textContent = chosen || '–');
  if (!chosen) return;
  const shares = await getJson(`/api/v1/services-share?quarter=${chosen}`) || [];
  const all = shares.find(s => s.scope === 'ALL');
  const cities = shares.filter(s => s.scope !== 'ALL').sort((a, b) => Number(b.total) - Number(a.total));
  if (all) {
    document.getElementById('kpi-share').textContent = pct(all.servicesShare);
    document.getElementById('kpi-total').textContent = bn(all.total);
    document.getElementById('kpi-ytd').textContent = `${bn(all.ytd.total)} · ${pct(all.ytd.servicesShare)}`;
    document.querySelectorAll('.ccy').forEach(e => e.textContent = all.currency);
  }
  charts.cities.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 60, right: 50, top: 30, bottom: 60 },
    xAxis: { type: 'category', data: cities.map(c => c.scope), axisLabel: { rotate: 40 } },
    yAxis: [{ type: 'value', name: 'FDI (bn)' }, { type: 'value', name: 'share', min: 0, max: 1 }],
    series: [
      { name: 'services', type: 'bar', stack: 'fdi', data: cities.map(c => Number(c.services) / 1e9) },
      { name: 'other sectors', type: 'bar', stack: 'fdi', data: cities.map(c => (Number(c.total) - Number(c.services)) / 1e9) },
      { name: 'services share', type: 'line', yAxisIndex: 1, data: cities.map(c => c.servicesShare) },
    ],
  });
}
async function loadProgress() {
  const all = await getJson('/api/v1/pilot/progress/ALL');
  if (all) document.getElementById('kpi-progress').textContent = `${all.all.implemented} / ${all.all.total} · ${pct(all.all.implementationRate)}`;
  const cities = (await Promise.all(PILOT_CITIES.map(c => getJson(`/api/v1/pilot/progress/${c}`)))).filter(Boolean);
  const data = [];
  cities.forEach((c, y) => c.areas.forEach(a => data.push([AREAS.indexOf(a.focusArea), y, a.implementationRate])));
  charts.heat.setOption({
    backgroundColor: 'transparent', tooltip: { formatter: p => `${cities[p.value[1]].scope} · ${AREAS[p.value[0]]}: ${pct(p.value[2])}` },
    grid: { left: 90, right: 20, top: 10, bottom: 120 },
    xAxis: { type: 'category', data: AREAS, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: cities.map(c => c.scope) },
    visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#1e3a8a', '#38bdf8', '#22c55e'] } },
    series: [{ type: 'heatmap', data: data.map(d => [d[0], d[1], d[2] == null ? '-' : d[2]]) }],
  });
}
async function loadDeadLetters() {
  const d = await getJson('/api/v1/dead-letters');
  if (!d) return;
  document.getElementById('kpi-dead').textContent = d.total;
  const reasons = Object.keys(d.byReason);
  charts.dead.setOption({
    backgroundColor: 'transparent', tooltip: {}, grid: { left: 140, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: reasons },
    series: [{ type: 'bar', data: reasons.map(r => d.byReason[r]) }],
  });
}
async function refresh() {
  try {
    const rows = await loadTrend();
    await Promise.all([loadQuarter(rows), loadProgress(), loadDeadLetters()]);
    document.body.dataset.loaded = 'true';
  } catch (e) { console.error(e); }
}
let pending = null;
function refreshSoon() { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 1000); }
select.addEventListener('change', () => { chosen = select.value; userPicked = true; refresh(); });
const feed = new EventSource('/api/v1/stream');
const live = document.getElementById('live');
feed.onopen = () => live.className = 'live on';
feed.onerror = () => live.className = 'live off';
['services-share', 'sector-summary', 'pilot-progress'].forEach(t => feed.addEventListener(t, refreshSoon));
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
refresh();
setInterval(refresh, 30000);
