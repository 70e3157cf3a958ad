// SpaceMoE operations console: renders /state and every /events "state" event. Read-only: it only GETs.
(function () {
  'use strict';
  var chart = null;
  var hopsChart = null;
  var hopParts = [];
  var last = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, String(attrs[k])); }
      });
    }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var VERSION_COLOURS = ['#1f4e9c', '#8e3fa8', '#c26a00', '#00838a', '#6b5a00', '#b0306a', '#3b3b98', '#5d7a00'];

  function versionColour(v) {
    if (!v) { return '#c8ccd4'; }
    return VERSION_COLOURS[(v - 1) % VERSION_COLOURS.length];
  }

  function ago(ms, now) {
    if (!ms) { return 'none'; }
    return ((now - ms) / 1000).toFixed(1) + ' s ago';
  }

  function shortRoles(roles) {
    var g = roles.some(function (r) { return / gateway$/.test(r); });
    var s = roles.some(function (r) { return / standby$/.test(r); });
    var e = roles.filter(function (r) { return / expert /.test(r); }).length;
    return (g ? 'G' : '') + (s ? 'S' : '') + (e ? 'E' + (e > 1 ? e : '') : '');
  }

  function renderConstellation(state) {
    var box = document.getElementById('constellation');
    var sats = state.satellites;
    var grid = sats.filter(function (s) { return s.plane !== null && s.slot !== null; });
    var other = sats.filter(function (s) { return s.plane === null || s.slot === null; });
    var planes = 0, slots = 0;
    grid.forEach(function (s) { planes = Math.max(planes, s.plane + 1); slots = Math.max(slots, s.slot + 1); });
    var cols = Math.max(slots, Math.min(other.length, 32), 1);
    box.replaceChildren();
    box.style.gridTemplateColumns = '26px repeat(' + cols + ', 26px)';
    box.setAttribute('data-satellites', String(sats.length));
    box.appendChild(el('div', {'class': 'axis'}, ''));
    for (var c = 0; c < cols; c++) { box.appendChild(el('div', {'class': 'axis'}, c < slots ? 's' + c : '')); }
    var at = {};
    grid.forEach(function (s) { at[s.plane + ':' + s.slot] = s; });
    var planVersion = state.plan ? state.plan.planVersion : 0;
    function cell(s) {
      if (!s) { return el('div', {'class': 'cell empty'}); }
      var lag = planVersion && s.inPlan && s.activePlanVersion !== planVersion;
      var d = el('div', {
        'class': 'cell sat h-' + s.health + (lag ? ' lag' : ''),
        'data-satellite': s.name, 'data-plan-version': s.activePlanVersion,
        'data-staged-version': s.stagedPlanVersion, 'data-health': s.health,
        'data-stage': s.stage || '', 'data-in-plan': s.inPlan, 'data-roles': s.roles.join(', '),
        'title': s.name + ': ' + s.health + (s.healthReason ? ' (' + s.healthReason + ')' : '') + ', active v'
          + s.activePlanVersion + ', staged v' + s.stagedPlanVersion + (s.stage ? ', uplink ' + s.stage : '')
          + (s.roles.length ? '; ' + s.roles.join(', ') : '')
      }, shortRoles(s.roles));
      d.style.borderColor = versionColour(s.activePlanVersion);
      return d;
    }
    for (var p = 0; p < planes; p++) {
      box.appendChild(el('div', {'class': 'axis'}, 'p' + p));
      for (var q = 0; q < cols; q++) { box.appendChild(cell(at[p + ':' + q])); }
    }
    for (var i = 0; i < other.length; i += cols) {
      box.appendChild(el('div', {'class': 'axis'}, '-'));
      for (var j = 0; j < cols; j++) { box.appendChild(cell(other[i + j])); }
    }
    var versions = {};
    sats.forEach(function (s) { versions[s.activePlanVersion] = (versions[s.activePlanVersion] || 0) + 1; });
    var legend = document.getElementById('legend');
    legend.replaceChildren();
    [['UP', '#2f9e55'], ['DOWN', '#d64545'], ['not heard', '#aab1bd']].forEach(function (h) {
      var sp = el('span'); var sw = el('i'); sw.style.background = h[1]; sp.appendChild(sw);
      sp.appendChild(document.createTextNode(h[0])); legend.appendChild(sp);
    });
    Object.keys(versions).forEach(function (v) {
      var sp = el('span', {'data-version-count': versions[v], 'data-version': v});
      var sw = el('i'); sw.style.border = '3px solid ' + versionColour(+v); sw.style.boxSizing = 'border-box';
      sp.appendChild(sw); sp.appendChild(document.createTextNode('v' + v + ': ' + versions[v]));
      legend.appendChild(sp);
    });
  }

  function renderTable(state) {
    var body = document.querySelector('#satellites tbody');
    body.replaceChildren();
    state.satellites.forEach(function (s) {
      var tr = el('tr', {'class': 'h-' + s.health + (s.stage === 'REJECTED' ? ' rejected' : ''),
        'data-satellite': s.name, 'data-plan-version': s.activePlanVersion, 'data-health': s.health,
        'data-stage': s.stage || ''});
      [s.name, s.health + (s.healthReason ? ' (' + s.healthReason + ')' : ''), 'v' + s.activePlanVersion,
        'v' + s.stagedPlanVersion, s.stage ? s.stage + ' v' + s.stagePlanVersion : '-',
        s.stage ? String(s.missingChunks) : '-',
        s.rejectReason ? s.rejectReason + (s.detail ? ': ' + s.detail : '') : '',
        ago(s.lastHeartbeatMs, state.timestampMs), s.roles.join(', ')].forEach(function (v) {
        tr.appendChild(el('td', null, v));
      });
      body.appendChild(tr);
    });
  }

  function renderDrops(state) {
    var body = document.querySelector('#drops tbody');
    body.replaceChildren();
    var total = 0;
    Object.keys(state.drops).forEach(function (r) {
      if (r.indexOf(':') < 0) { total += state.drops[r]; }
      var tr = el('tr', {'data-reason': r, 'data-count': state.drops[r]});
      tr.appendChild(el('td', null, r));
      tr.appendChild(el('td', {'class': 'num'}, state.drops[r]));
      body.appendChild(tr);
    });
    if (!Object.keys(state.drops).length) {
      var tr = el('tr'); tr.appendChild(el('td', {colspan: 2}, 'none')); body.appendChild(tr);
    }
    document.getElementById('drops').setAttribute('data-total', String(total));
  }

  function renderChanges(state) {
    var list = document.getElementById('changes');
    list.replaceChildren();
    state.stageChanges.slice().reverse().forEach(function (c) {
      list.appendChild(el('li', {'data-satellite': c.satellite, 'data-stage': c.stage},
        new Date(c.atMs).toISOString().substring(11, 23) + '  ' + c.satellite + '  ' + c.stage + ' v'
          + c.planVersion + (c.rejectReason ? ' (' + c.rejectReason + ')' : '')));
    });
    list.setAttribute('data-count', String(state.stageChanges.length));
  }

  function renderLatency(state) {
    var l = state.latency;
    var box = document.getElementById('latency');
    var xs = [], measured = [], predicted = [];
    var havePrediction = false;
    l.points.forEach(function (p) {
      xs.push(p.index);
      measured.push(p.measuredS === null ? null : p.measuredS * 1000);
      predicted.push(p.predictedS === null ? null : p.predictedS * 1000);
      if (p.predictedS !== null) { havePrediction = true; }
    });
    box.setAttribute('data-points', String(l.measuredPoints));
    box.setAttribute('data-tokens', String(l.points.length));
    box.setAttribute('data-predicted-points', String(predicted.filter(function (v) { return v !== null; }).length));
    box.setAttribute('data-sequence', String(l.sequence));
    document.getElementById('latency-caption').textContent = l.sequence
      ? 'sequence ' + l.sequence + ': ' + l.points.length + (l.expectedTokens ? '/' + l.expectedTokens : '')
        + ' tokens' + (l.measuredMeanS !== null ? ', measured mean ' + (l.measuredMeanS * 1000).toFixed(1) + ' ms' : '')
        + (l.predictedMeanS !== null ? ', predicted mean ' + (l.predictedMeanS * 1000).toFixed(1) + ' ms' : '')
      : 'no token heard yet';
    var data = [xs, measured, predicted];
    if (typeof uPlot === 'undefined') { return; }
    if (!chart) {
      chart = new uPlot({
        width: Math.max(380, box.clientWidth - 10), height: 250,
        scales: {x: {time: false}},
        axes: [{label: 'token'}, {label: 'ms'}],
        series: [{label: 'token'},
          {label: 'measured', stroke: '#2461c9', width: 2, points: {show: true, size: 5}},
          {label: 'predicted', stroke: '#e08a00', width: 2, dash: [6, 4], points: {show: true, size: 4}}]
      }, data, box);
    } else {
      chart.setData(data);
    }
    chart.setSeries(2, {show: havePrediction});
  }

  function renderLinks(state) {
    var table = document.getElementById('links');
    var body = table.querySelector('tbody');
    var caption = document.getElementById('links-caption');
    body.replaceChildren();
    var L = state.links;
    var up = 0, down = 0;
    var downAt = {};
    if (!L) {
      caption.textContent = 'no plan: give --plan to see its links';
    } else if (L.unavailable) {
      caption.textContent = L.unavailable;
    } else {
      caption.textContent = 'slot ' + L.slot + ' of ' + L.slots + ' ('
        + (L.slotRule === 'pinned' ? 'pinned, as the nodes are' : 'advancing with wall time, time scale 1')
        + '; ' + (L.slotLengthS).toFixed(1) + ' s per slot; survival p=' + L.survivalProbability + ', draw 0)';
      L.links.forEach(function (k) {
        if (k.up) { up++; } else { down++; downAt[k.a] = true; downAt[k.b] = true; }
        var state = k.up ? 'up' : k.exists ? 'down (failed)' : 'down (no line of sight/tracking)';
        var tr = el('tr', {'class': k.up ? 'link-up' : k.exists ? 'link-down' : 'link-absent',
          'data-link': k.name, 'data-up': k.up, 'data-exists': k.exists, 'data-kind': k.kind,
          'data-both-in-plan': k.bothInPlan});
        [k.name, k.kind === 'INTRA_PLANE' ? 'intra-plane' : 'inter-plane', state,
          k.lengthKm === null ? '-' : k.lengthKm.toFixed(0), k.bothInPlan ? 'both' : 'one end'].forEach(function (v, i) {
          tr.appendChild(el('td', i === 3 ? {'class': 'num'} : null, v));
        });
        body.appendChild(tr);
      });
    }
    table.setAttribute('data-slot', String(L && !L.unavailable ? L.slot : -1));
    table.setAttribute('data-up', String(up));
    table.setAttribute('data-down', String(down));
    document.querySelectorAll('#constellation .cell.sat').forEach(function (c) {
      var n = c.getAttribute('data-satellite');
      if (downAt[n]) { c.classList.add('links-down'); c.setAttribute('data-link-down', 'true'); }
    });
  }

  function renderHops(state) {
    var hops = state.hops || [];
    var table = document.getElementById('hops');
    var body = table.querySelector('tbody');
    body.replaceChildren();
    var xs = [], compute = [], link = [], queue = [];
    hops.forEach(function (h) {
      xs.push(h.layer); compute.push(h.computeMs); link.push(h.linkMs); queue.push(h.queueMs);
      var tr = el('tr', {'data-layer': h.layer, 'data-hops': h.hops, 'data-compute-ms': h.computeMs.toFixed(3),
        'data-link-ms': h.linkMs.toFixed(3), 'data-queue-ms': h.queueMs.toFixed(3)});
      ['L' + h.layer, h.hops, h.computeMs.toFixed(2), h.linkMs.toFixed(2), h.queueMs.toFixed(2)].forEach(function (v, i) {
        tr.appendChild(el('td', i ? {'class': 'num'} : null, v));
      });
      body.appendChild(tr);
    });
    if (!hops.length) {
      var tr = el('tr'); tr.appendChild(el('td', {colspan: 5}, 'no hop totals heard yet')); body.appendChild(tr);
    }
    table.setAttribute('data-layers', String(hops.length));
    var box = document.getElementById('hops-chart');
    box.setAttribute('data-layers', String(hops.length));
    if (typeof uPlot === 'undefined' || !hops.length) { return; }
    // stacked bars: each bar is drawn at its cumulative height, the tallest first, so the three parts show
    var c1 = compute, c2 = compute.map(function (v, i) { return v + link[i]; });
    var c3 = c2.map(function (v, i) { return v + queue[i]; });
    var data = [xs, c3, c2, c1];
    hopParts = [null, queue, link, compute];
    if (!hopsChart) {
      var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({size: [0.6, 60]}) : undefined;
      function part(si) {
        return function (u, v, s, i) { return i === null || i === undefined ? '-' : hopParts[si][i].toFixed(2) + ' ms'; };
      }
      hopsChart = new uPlot({
        width: Math.max(380, box.clientWidth - 10), height: 180,
        scales: {x: {time: false, range: function (u, min, max) { return [min - 0.5, max + 0.5]; }}},
        axes: [{label: 'layer', incrs: [1]}, {label: 'ms per hop'}],
        series: [{label: 'layer'},
          {label: 'queue', fill: '#e08a00', stroke: '#e08a00', paths: bars, points: {show: false}, value: part(1)},
          {label: 'link', fill: '#2461c9', stroke: '#2461c9', paths: bars, points: {show: false}, value: part(2)},
          {label: 'compute', fill: '#2f9e55', stroke: '#2f9e55', paths: bars, points: {show: false}, value: part(3)}]
      }, data, box);
    } else {
      hopsChart.setData(data);
    }
  }

  function render(state) {
    last = state;
    document.getElementById('summary').textContent = state.satellites.length + ' satellites'
      + (state.plan ? ', plan v' + state.plan.planVersion + ' (' + state.plan.layers + ' layers, entry '
        + state.plan.entry + ')' : '') + ', broker ' + state.broker;
    document.getElementById('summary').setAttribute('data-satellites', String(state.satellites.length));
    document.body.setAttribute('data-version', String(state.version));
    renderConstellation(state);
    renderTable(state);
    renderDrops(state);
    renderChanges(state);
    renderLatency(state);
    renderLinks(state);
    renderHops(state);
  }

  fetch('/state').then(function (r) { return r.json(); }).then(function (s) {
    render(s);
    if (!/[?&]once\b/.test(location.search) && typeof EventSource !== 'undefined') {
      var es = new EventSource('/events');
      es.addEventListener('state', function (e) {
        var s2 = JSON.parse(e.data);
        if (!last || s2.version >= last.version) { render(s2); }
      });
    }
  });
})();
