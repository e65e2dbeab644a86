// Care console: the wearer timeline's charts (uPlot). Data comes from the page's JSON island, already
// downsampled by Hermes to about one min/max pair per pixel column. No inline script: CSP forbids it.
'use strict';
(() => {
  const island = document.getElementById('timeline-data');
  if (!island || typeof uPlot === 'undefined') return;
  const data = JSON.parse(island.textContent);
  const utc = ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
  const chartWidth = () => Math.max(320, Math.min(1100, document.getElementById('main').clientWidth - 24));
  const bandFill = [null, 'rgba(255, 214, 0, 0.25)', 'rgba(255, 140, 0, 0.28)', 'rgba(220, 30, 30, 0.22)'];
  const levelColour = { 'low': '#777', 'low-medium': '#b58900', 'medium': '#d2691e', 'high': '#c00000' };

  // NEWS2 part-score bands behind the series (drawn after the clear, before grid and lines).
  const bands = list => ({
    hooks: {
      drawClear: [u => {
        const s = u.scales.y;
        if (s.min == null || s.max == null) return;
        const ctx = u.ctx;
        for (const b of list) {
          if (!bandFill[b.score] && !b.fill) continue;
          const lo = Math.max(b.from ?? s.min, s.min);
          const hi = Math.min(b.to ?? s.max, s.max);
          if (hi <= lo) continue;
          const y0 = u.valToPos(hi, 'y', true);
          const y1 = u.valToPos(lo, 'y', true);
          ctx.fillStyle = b.fill ?? bandFill[b.score];
          ctx.fillRect(u.bbox.left, y0, u.bbox.width, y1 - y0);
        }
      }],
    },
  });

  // Alert markers: a vertical line at each alert, coloured and dashed by level.
  const markers = alerts => ({
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        for (const a of alerts) {
          if (a.t < u.scales.x.min || a.t > u.scales.x.max) continue;
          const x = u.valToPos(a.t, 'x', true);
          ctx.strokeStyle = levelColour[a.level] ?? '#c00000';
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  });

  const timeChart = (id, series, aligned, plugins, extra = {}) => {
    const el = document.getElementById(id);
    if (!el) return null;
    return new uPlot(Object.assign({
      width: chartWidth(),
      height: 180,
      tzDate: utc,
      scales: { x: { time: true, min: data.start, max: data.end } },
      series: [{}].concat(series),
      plugins,
      legend: { live: false },
      cursor: { drag: { x: true, y: false } },
    }, extra), aligned, el);
  };

  const byKey = Object.fromEntries(data.series.map(s => [s.key, s]));
  const alertMarks = markers(data.alerts);
  const colours = { hr: '#c0392b', spo2: '#1f5fa8', rr: '#2e7d32', temp: '#8e44ad' };
  for (const key of ['hr', 'spo2', 'rr', 'temp']) {
    const s = byKey[key];
    if (!s) continue;
    timeChart('chart-' + key, [{ label: `${s.label} (${s.unit})`, stroke: colours[key], width: 1.25 }], [s.t, s.v], [bands(s.bands), alertMarks]);
  }
  const sbp = byKey.sbp, dbp = byKey.dbp;
  if (sbp && dbp) {
    timeChart('chart-bp', [
      { label: 'systolic (mm[Hg])', stroke: '#b03a2e', width: 1.25 },
      { label: 'diastolic (mm[Hg])', stroke: '#5d6d7e', width: 1.25 },
    ], uPlot.join([[sbp.t, sbp.v], [dbp.t, dbp.v]]), [bands(sbp.bands), alertMarks]);
  }
  if (data.glucose && data.glucose.t.length > 0) {
    const glucoseBands = [
      { from: 70, to: 180, fill: 'rgba(46, 160, 67, 0.16)' },
      { from: null, to: 54, fill: 'rgba(200, 0, 0, 0.22)' },
      { from: 54, to: 70, fill: 'rgba(220, 60, 60, 0.12)' },
    ];
    timeChart('chart-glucose', [{ label: 'glucose (mg/dL)', stroke: '#00695c', width: 1.25 }],
      [data.glucose.t, data.glucose.v], [bands(glucoseBands), alertMarks],
      { scales: { x: { time: true, min: data.start, max: data.end }, y: { range: (u, min, max) => [Math.min(40, min), Math.max(300, max)] } } });
  }
  if (data.agp) {
    const a = data.agp;
    const el = document.getElementById('chart-agp');
    const hhmm = m => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    new uPlot({
      width: Math.min(760, chartWidth() - 260),
      height: 300,
      scales: { x: { time: false, min: 0, max: 1440 - a.binMinutes }, y: { range: [40, 350] } },
      axes: [{ values: (u, ticks) => ticks.map(hhmm), incrs: [60, 120, 180, 240, 360] }, { label: 'mg/dL' }],
      series: [
        {},
        { label: '5 %', stroke: 'rgba(0, 105, 92, 0.5)', width: 1, dash: [4, 4] },
        { label: '25 %', stroke: 'rgba(0, 105, 92, 0.7)', width: 1 },
        { label: 'median', stroke: '#004d40', width: 2.5 },
        { label: '75 %', stroke: 'rgba(0, 105, 92, 0.7)', width: 1 },
        { label: '95 %', stroke: 'rgba(0, 105, 92, 0.5)', width: 1, dash: [4, 4] },
      ],
      bands: [
        { series: [5, 1], fill: 'rgba(0, 150, 136, 0.12)' },
        { series: [4, 2], fill: 'rgba(0, 150, 136, 0.28)' },
      ],
      plugins: [bands([{ from: 70, to: 180, fill: 'rgba(46, 160, 67, 0.10)' }])],
      legend: { live: false },
    }, [a.minutes, a.p5, a.p25, a.p50, a.p75, a.p95], el);
  }
  if (data.doses && data.doses.length > 0) {
    const t = data.doses.map(d => d.t);
    new uPlot({
      width: chartWidth(),
      height: 160,
      tzDate: utc,
      scales: { x: { time: true, min: data.start, max: data.end }, units: { auto: true } },
      axes: [{}, { scale: 'y', label: 'U/h' }, { scale: 'units', side: 1, label: 'U', grid: { show: false } }],
      series: [
        {},
        { label: 'basal (U/h)', stroke: '#37474f', width: 1, paths: uPlot.paths.stepped({ align: 1 }) },
        { label: 'bolus (U)', scale: 'units', stroke: '#6a1b9a', width: 0, paths: () => null, points: { show: true, size: 6, fill: '#6a1b9a' } },
      ],
      plugins: [alertMarks],
      legend: { live: false },
    }, [t, data.doses.map(d => d.basal), data.doses.map(d => (d.bolus > 0 ? d.bolus : null))], document.getElementById('chart-doses'));
  }
  performance.mark('console-charts-drawn');
  document.body.dataset.chartsDrawn = 'true';
})();
