// The fdi-pulse dashboard: reads the HTTP API, redraws when the live feed says something changed. What it draws
// (cities, focus areas, quarters) comes from /api/v1/reference and the ALL share records, never from lists of its own.
const charts = {
  cities: echarts.init(document.getElementById('chart-cities'), 'dark'),
  trend: echarts.init(document.getElementById('chart-trend'), 'dark'),
  dead: echarts.init(document.getElementById('chart-dead'), 'dark'),
  capital: echarts.init(document.getElementById('chart-capital'), 'dark'),
  heat: echarts.init(document.getElementById('chart-heat'), 'dark'),
  impact: echarts.init(document.getElementById('chart-impact'), 'dark'),
  source: echarts.init(document.getElementById('chart-source'), 'dark'),
};
const select = document.getElementById('quarter');
const sourceScope = document.getElementById('source-scope');
const SOURCE_ECONOMIES_SHOWN = 5;
const GROUP_TEXT = { HONG_KONG_MACAO: 'Hong Kong, Macao' }; // other groups show their code (ASEAN, EU, or a group added by configuration)
const ALERTS_SHOWN = 8;
const RULE_TEXT = {
  'services-share-below': 'services share below',
  'ytd-yoy-below': 'year to date on a year earlier below',
  'share-swing-above': 'services share swing above',
};
let reference = null;
let quarters = [];
let chosen = null;
let userPicked = false; // follow the latest quarter until the user picks one

async function getJson(path) {
  const r = await fetch(path);
  if (r.status === 404) return null;
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}
const pct = x => x == null ? 'n/a' : (Number(x) * 100).toFixed(1) + '%';
const signedPct = x => x == null ? 'n/a' : (Number(x) > 0 ? '+' : '') + (Number(x) * 100).toFixed(1) + '%';
const bn = s => (Number(s) / 1e9).toFixed(2) + ' bn';
const money = s => {
  const n = Number(s);
  return Math.abs(n) >= 1e9 ? bn(s) : Math.abs(n) >= 1e6 ? (n / 1e6).toFixed(2) + ' m' : n.toFixed(2);
};
const escape = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function loadTrend() {
  // every ALL record in quarter order, in one request; its quarters are the ones the picker offers
  const rows = await getJson('/api/v1/services-share/ALL') || [];
  quarters = rows.map(r => r.quarter);
  if (!userPicked || !quarters.includes(chosen)) chosen = quarters[quarters.length - 1] || null;
  select.innerHTML = quarters.map(q => `<option ${q === chosen ? 'selected' : ''}>${q}</option>`).join('');
  charts.trend.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 50, right: 50, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(r => r.quarter) },
    yAxis: [{ type: 'value', min: 0, max: 1, axisLabel: { formatter: v => (v * 100) + '%' } },
      { type: 'value', axisLabel: { formatter: v => Math.round(v * 100) + '%' } }],
    series: [
      { name: 'quarter', type: 'line', data: rows.map(r => r.servicesShare) },
      { name: 'TTM', type: 'line', data: rows.map(r => r.ttm.servicesShare) },
      { name: 'YTD', type: 'line', data: rows.map(r => r.ytd.servicesShare) },
      { name: 'YTD FDI on a year earlier', type: 'bar', yAxisIndex: 1, data: rows.map(r => r.ytd.totalYoy) },
    ],
  });
}
async function loadQuarter() {
  document.querySelectorAll('.q').forEach(e => e.textContent = chosen || '–');
  if (!chosen) return;
  const [shares, mixes] = await Promise.all([getJson(`/api/v1/services-share?quarter=${chosen}`),
    getJson(`/api/v1/capital-mix?quarter=${chosen}`)]);
  const all = (shares || []).find(s => s.scope === 'ALL');
  const cities = (shares || []).filter(s => s.scope !== 'ALL').sort((a, b) => Number(b.total) - Number(a.total));
  if (all) {
    document.getElementById('kpi-share').textContent = pct(all.servicesShare);
    document.getElementById('kpi-total').textContent = bn(all.total);
    document.getElementById('kpi-ytd').textContent = `${bn(all.ytd.total)} · ${pct(all.ytd.servicesShare)}`;
    document.getElementById('kpi-yoy').textContent = `${signedPct(all.ytd.totalYoy)} · services ${signedPct(all.ytd.servicesYoy)}`;
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
  loadCapitalMix(mixes || []);
}
function loadCapitalMix(mixes) {
  const nationwide = mixes.find(m => m.scope === 'ALL');
  if (nationwide) {
    document.getElementById('kpi-targeted-green').textContent =
      `${bn(nationwide.targetedGreen)} · ${pct(nationwide.targetedGreenShare)}`;
  }
  const types = mixes.length ? Object.keys(mixes[0].byInvestorType) : [];
  const share = (m, t) => Number(m.total) === 0 ? 0 : Number(m.byInvestorType[t]) / Number(m.total);
  charts.capital.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 60, right: 50, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: mixes.map(m => m.scope), axisLabel: { rotate: 40 } },
    yAxis: [{ type: 'value', min: 0, max: 1, name: 'of FDI', axisLabel: { formatter: v => (v * 100) + '%' } }],
    series: types.map(t => ({ name: t, type: 'bar', stack: 'mix', data: mixes.map(m => share(m, t)) })).concat([
      { name: 'green', type: 'line', data: mixes.map(m => m.greenShare) },
      { name: 'targeted into green', type: 'line', data: mixes.map(m => m.targetedGreenShare) },
    ]),
  }, true);
}
// R11 for the scope picked in the panel and the quarter picked above: each group's share of the quarter and of the
// year to date, and the leading economies by amount. A live-feed record of that scope and quarter is drawn as it
// comes; a fetch still in flight when one arrives is dropped, so an older answer never replaces it.
let sourceVersion = 0;
const sourceKey = () => `${sourceScope.value}|${chosen}`;
async function loadSourceMix() {
  if (!chosen) return;
  const version = ++sourceVersion;
  const mix = await getJson(`/api/v1/source-mix/${encodeURIComponent(sourceScope.value)}/${chosen}`);
  if (version === sourceVersion) drawSourceMix(mix);
}
function drawSourceMix(mix) {
  const card = document.getElementById('source-card');
  card.dataset.key = sourceKey();
  document.getElementById('source-scope-name').textContent = sourceScope.value;
  const groups = mix ? Object.keys(mix.byGroup) : [];
  const rows = groups.map(g => {
    const f = mix.byGroup[g];
    return `<tr data-group="${escape(g)}"><td>${escape(GROUP_TEXT[g] || g)}</td><td>${money(f.amount)}</td>`
      + `<td>${pct(f.share)}</td><td>${pct(f.ytdShare)}</td><td>${signedPct(f.ytdYoy)}</td></tr>`;
  });
  if (mix) {
    const unspecifiedShare = Number(mix.total) === 0 ? null : Number(mix.unspecified) / Number(mix.total);
    rows.push(`<tr class="unspecified"><td>no source named</td><td>${money(mix.unspecified)}</td>`
      + `<td>${pct(unspecifiedShare)}</td><td>–</td><td>–</td></tr>`);
  }
  document.querySelector('#source-groups tbody').innerHTML = rows.join('')
    || `<tr class="unspecified"><td colspan="5">no investment recorded for ${escape(sourceScope.value)} in ${escape(chosen)}</td></tr>`;
  // the leading economies: the largest amounts of the quarter (ties by code); economies listed only for their year
  // to date or the year before have no amount in the quarter and are not among them
  const leading = mix ? Object.entries(mix.byEconomy).filter(([, e]) => Number(e.amount) > 0)
    .sort(([a, x], [b, y]) => Number(y.amount) - Number(x.amount) || a.localeCompare(b)).slice(0, SOURCE_ECONOMIES_SHOWN) : [];
  document.querySelector('#source-economies tbody').innerHTML = leading.map(([code, e]) =>
    `<tr data-economy="${escape(code)}"><td>${escape(code)}</td><td>${money(e.amount)}</td><td>${money(e.ytd)}</td>`
    + `<td>${signedPct(e.ytdYoy)}</td></tr>`).join('')
    || '<tr class="unspecified"><td colspan="4">no source economy named in the quarter</td></tr>';
  charts.source.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis', valueFormatter: v => pct(v) }, legend: { top: 0 },
    grid: { left: 120, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => (v * 100) + '%' } },
    yAxis: { type: 'category', inverse: true, data: groups.map(g => GROUP_TEXT[g] || g) }, // top down, as the table
    series: [
      { name: 'quarter', type: 'bar', data: groups.map(g => mix.byGroup[g].share) },
      { name: 'year to date', type: 'bar', data: groups.map(g => mix.byGroup[g].ytdShare) },
    ],
  }, true);
}
async function loadAlerts() {
  const firing = await getJson('/api/v1/alerts?state=FIRING') || [];
  const strip = document.getElementById('alerts');
  strip.dataset.firing = String(firing.length);
  if (!firing.length) {
    strip.innerHTML = '<span class="none">No alert firing</span>';
    return;
  }
  // the nationwide ones first, then the latest quarters
  firing.sort((a, b) => (a.scope === 'ALL' ? 0 : 1) - (b.scope === 'ALL' ? 0 : 1) || b.quarter.localeCompare(a.quarter));
  strip.innerHTML = firing.slice(0, ALERTS_SHOWN).map(a => `<span class="alert" title="since ${escape(a.changedAt)}">`
    + `<b>${escape(a.scope)} ${escape(a.quarter)}</b> ${escape(RULE_TEXT[a.rule] || a.rule)} ${pct(a.threshold)}`
    + ` (${pct(a.value)})</span>`).join('')
    + (firing.length > ALERTS_SHOWN ? `<span class="more">and ${firing.length - ALERTS_SHOWN} more</span>` : '');
}
async function loadProgress() {
  // ALL and every pilot city in one request: ALL first, then the cities by code
  const scopes = await getJson('/api/v1/pilot/progress');
  if (!scopes) return;
  const all = scopes.find(p => p.scope === 'ALL');
  if (all) document.getElementById('kpi-progress').textContent = `${all.all.implemented} / ${all.all.total} · ${pct(all.all.implementationRate)}`;
  const areas = reference.focusAreas;
  const cities = scopes.filter(p => p.scope !== 'ALL');
  const data = [];
  cities.forEach((c, y) => c.areas.forEach(a => data.push([areas.indexOf(a.focusArea), y, a.implementationRate])));
  charts.heat.setOption({
    backgroundColor: 'transparent', tooltip: { formatter: p => `${cities[p.value[1]].scope} · ${areas[p.value[0]]}: ${pct(p.value[2])}` },
    grid: { left: 90, right: 20, top: 10, bottom: 120 },
    xAxis: { type: 'category', data: areas, axisLabel: { rotate: 45 } },
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
// R10's event study: θ(e) by quarters since the pilot began, its 95% interval as a shaded band (a custom series: a
// polygon between each pair of neighbouring points, since stacked areas do not stack across zero), a zero line (no
// effect) and the pilot's start (e = 0) marked.
async function loadImpact() {
  const impact = await getJson('/api/v1/impact');
  const study = impact ? impact.eventStudy : [];
  const o = impact && impact.overall;
  document.getElementById('impact-overall').textContent = o
    ? `overall ${Number(o.estimate).toFixed(3)} (95% ${Number(o.low).toFixed(3)} to ${Number(o.high).toFixed(3)}), on ${impact.outcome}`
    : 'overall: not defined yet';
  const times = study.map(e => String(e.eventTime));
  const band = study.map((e, i) => [i, Number(e.low), Number(e.high)]);
  charts.impact.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0, data: ['estimate', '95% interval'] },
    grid: { left: 50, right: 30, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: times, name: 'quarters since the pilot began', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: '95% interval', type: 'custom', data: band, encode: { x: 0, y: [1, 2] }, z: 1,
        renderItem: (params, api) => {
          const i = params.dataIndex;
          if (i + 1 >= band.length) return null;
          const [, lowA, highA] = band[i];
          const [, lowB, highB] = band[i + 1];
          return { type: 'polygon', shape: { points: [api.coord([i, lowA]), api.coord([i + 1, lowB]),
            api.coord([i + 1, highB]), api.coord([i, highA])] }, style: { fill: 'rgba(88,217,249,0.25)' } };
        } },
      { name: 'estimate', type: 'line', z: 2, data: study.map(e => e.estimate),
        markLine: { symbol: 'none', silent: true, data: [
          { yAxis: 0, name: 'no effect', label: { formatter: 'no effect' } },
          ...(times.includes('0') ? [{ xAxis: '0', name: 'pilot starts', label: { formatter: 'pilot starts' } }] : []),
        ] } },
    ],
  });
}
async function refresh() {
  try {
    if (!reference) {
      reference = await getJson('/api/v1/reference');
      sourceScope.innerHTML = ['ALL', ...reference.cities.map(c => c.code)].map(s => `<option>${escape(s)}</option>`).join('');
    }
    await loadTrend();
    await Promise.all([loadQuarter(), loadSourceMix(), loadAlerts(), loadProgress(), loadDeadLetters(), loadImpact()]);
    document.body.dataset.loaded = 'true';
  } catch (e) { console.error(e); }
}
let pending = null;
function refreshSoon() { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 1000); }
select.addEventListener('change', () => { chosen = select.value; userPicked = true; refresh(); });
sourceScope.addEventListener('change', () => loadSourceMix());
const feed = new EventSource('/api/v1/stream');
const live = document.getElementById('live');
feed.onopen = () => live.className = 'live on';
feed.onerror = () => live.className = 'live off';
['services-share', 'sector-summary', 'pilot-progress', 'capital-mix', 'alert', 'impact'].forEach(t => feed.addEventListener(t, refreshSoon));
// the source mix of the scope and quarter shown, drawn from the event itself (a revision that changes only an
// investment's sourceEconomy moves no other figure, so no other event would bring it)
feed.addEventListener('source-mix', event => {
  const record = JSON.parse(event.data);
  if (record.key !== sourceKey()) return;
  sourceVersion++;
  drawSourceMix(record.value);
  const card = document.getElementById('source-card');
  card.dataset.feedUpdates = String(Number(card.dataset.feedUpdates || 0) + 1);
});
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
refresh();
setInterval(refresh, 30000);
