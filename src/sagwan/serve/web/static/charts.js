/* sagwan charts: shared by the dashboard and the static report. Needs window.echarts.
   Every function takes the JSON the Python analytics produce (sagwan.analytics) and never
   inserts text as HTML: labels go through ECharts (which draws text) or textContent. */
(function () {
  "use strict";

  var QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict", "unscored"];
  // Okabe-Ito colours: blue for cooperation, orange for conflict, told apart without red/green;
  // every chart also says the sign (+/−) in its labels, so colour is never the only cue.
  var QUAD_COLORS = {
    "verbal-cooperation": "#56b4e9", "material-cooperation": "#0072b2",
    "verbal-conflict": "#e69f00", "material-conflict": "#d55e00", "unscored": "#bdbdbd"
  };
  var TYPE_NAMES = {
    menage: "ménage à trois", romantic: "romantic triangle", marriage: "stable marriage",
    unit_veto: "unit veto", unaligned: "unaligned", incomplete: "incomplete"
  };
  var TYPE_ORDER = ["menage", "romantic", "marriage", "unit_veto", "unaligned", "incomplete"];
  var TYPE_COLORS = {
    menage: "#0072b2", romantic: "#e69f00", marriage: "#009e73", unit_veto: "#d55e00",
    unaligned: "#8c8c8c", incomplete: "#d9d9d9"
  };
  var SIGN_COLORS = { "+": "#0072b2", "-": "#d55e00", "0": "#8c8c8c", "?": "#c8c8c8" };
  // the second cue of a tie's sign: solid friendly, short dashes hostile, long dashes neutral/unknown
  var SIGN_DASH = { "+": "none", "-": "3 3", "0": "8 4", "?": "8 4" };
  var DIR_COLORS = ["#5e3c99", "#e66101", "#333333"];
  var FONT = "'Sagwan Hangul', system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', 'Apple SD Gothic Neo', sans-serif";

  function init(el) {
    var old = window.echarts.getInstanceByDom(el);
    if (old) { old.dispose(); }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function base() {
    return { animation: false, textStyle: { fontFamily: FONT }, grid: { left: 56, right: 56, top: 48, bottom: 40 } };
  }

  function fmt(x) { return x === null || x === undefined ? "–" : (Math.round(x * 100) / 100).toString(); }

  /* Events per period, stacked by quad class. onClick(period, eventIds) */
  function timeline(el, data, onClick) {
    var chart = init(el);
    var series = QUADS.filter(function (q) { return data.counts[q]; }).map(function (q) {
      return { name: q, type: "bar", stack: "all", data: data.counts[q], itemStyle: { color: QUAD_COLORS[q] },
               emphasis: { focus: "series" } };
    });
    var opt = base();
    opt.tooltip = { trigger: "axis", axisPointer: { type: "shadow" } };
    opt.legend = { top: 4 };
    opt.grid.top = 56;
    opt.xAxis = { type: "category", data: data.periods };
    opt.yAxis = { type: "value", name: "events", minInterval: 1 };
    opt.series = series;
    chart.setOption(opt);
    if (onClick) {
      chart.on("click", function (p) { onClick(p.name, data.event_ids[p.name] || []); });
    }
    return chart;
  }

  /* A dyad series: stacked bars = events per direction; dots = the period's mean score (both directions);
     thick line = the trailing mean over the memory window (the triangle's tie); per-direction means are in the
     legend, off by default. Right axis -10..+10. onClick(period, direction, eventIds) */
  function dyad(el, s, onClick) {
    var chart = init(el);
    var dirs = [s.a + ">" + s.b, s.b + ">" + s.a, "both"];
    var rows = {};
    s.rows.forEach(function (r) { rows[r.period + "|" + r.direction] = r; });
    function col(dir, key) {
      return s.periods.map(function (p) { var r = rows[p + "|" + dir]; return r ? r[key] : null; });
    }
    var series = [], hidden = {};
    dirs.slice(0, 2).forEach(function (d, i) {
      series.push({ name: d.replace(">", "→") + " events", type: "bar", stack: "events", data: col(d, "n_events"),
                    itemStyle: { color: DIR_COLORS[i], opacity: 0.3 }, barMaxWidth: 26, dir: d });
    });
    var trailing = "trailing mean, past " + (s.memory || 1) + " " + s.by + (s.memory > 1 ? "s" : "");
    series.push({ name: trailing, type: "line", yAxisIndex: 1, data: col("both", "memory_mean"), connectNulls: false,
                  showSymbol: false, smooth: 0.25, lineStyle: { width: 3.5, color: "#1a6b3c" },
                  itemStyle: { color: "#1a6b3c" }, z: 3, dir: "both" });
    series.push({ name: "mean score in the " + s.by, type: "line", yAxisIndex: 1, data: col("both", "score_mean"),
                  connectNulls: false, symbolSize: 8, symbol: "circle", lineStyle: { width: 0 },
                  itemStyle: { color: DIR_COLORS[2] }, z: 4, dir: "both" });
    dirs.slice(0, 2).forEach(function (d, i) {
      var name = d.replace(">", "→") + " mean score";
      hidden[name] = false;
      series.push({ name: name, type: "line", yAxisIndex: 1, data: col(d, "score_mean"), connectNulls: false,
                    symbolSize: 9, symbol: ["triangle", "diamond"][i], lineStyle: { width: 1.5, type: "dashed" },
                    itemStyle: { color: DIR_COLORS[i] }, dir: d });
    });
    var opt = base();
    opt.title = { text: s.a + " – " + s.b, left: 8, top: 4, textStyle: { fontSize: 15 } };
    opt.tooltip = { trigger: "axis", valueFormatter: fmt };
    opt.legend = { bottom: 0, left: "center", type: "scroll", selected: hidden };
    opt.grid = { left: 56, right: 64, top: 52, bottom: 64 };
    opt.xAxis = { type: "category", data: s.periods, axisLabel: { hideOverlap: true } };
    opt.yAxis = [
      { type: "value", name: "events", minInterval: 1, splitLine: { show: false } },
      { type: "value", name: "mean score", min: -10, max: 10, interval: 5,
        splitLine: { lineStyle: { color: "#eee" } } }
    ];
    // the neutral band around 0 on the score axis, so the eye sees where a tie turns + or -
    series[2].markArea = { silent: true, itemStyle: { color: "rgba(140,140,140,0.10)" },
                           data: [[{ yAxis: -1 }, { yAxis: 1 }]] };
    opt.series = series;
    chart.setOption(opt);
    if (onClick) {
      chart.on("click", function (p) {
        var d = series[p.seriesIndex].dir;
        var r = rows[p.name + "|" + d];
        onClick(p.name, d, r ? r.event_ids : []);
      });
    }
    return chart;
  }

  /* Triangle types over time: one coloured cell per window. onClick(window) */
  function triangleStrip(el, tri, onClick) {
    var chart = init(el);
    var types = TYPE_ORDER.map(function (t) { return TYPE_NAMES[t]; });
    var data = tri.windows.map(function (w) {
      return { value: [w.period, TYPE_NAMES[w.type]],
               itemStyle: { color: TYPE_COLORS[w.type], borderColor: TYPE_COLORS[w.type], borderWidth: 3 },
               symbol: w.weak ? "emptyCircle" : "circle", win: w };
    });
    var opt = base();
    opt.grid = { left: 130, right: 24, top: 24, bottom: 40 };
    opt.tooltip = {
      formatter: function (p) {
        var w = p.data.win;
        var roles = Object.keys(w.roles).map(function (m) { return m + " " + w.roles[m]; }).join(", ");
        return window.echarts.format.encodeHTML(w.period + ": " + (w.label || w.name) +
          " · ties " + w.signs + (roles ? " · " + roles : "") +
          (w.unknown && w.unknown.length ? " · unknown: " + w.unknown.join(", ") : ""));
      }
    };
    opt.xAxis = { type: "category", data: tri.windows.map(function (w) { return w.period; }),
                  axisLabel: { hideOverlap: true } };
    opt.yAxis = { type: "category", data: types, inverse: true };
    opt.series = [{ type: "scatter", symbolSize: 22, data: data,
                    lineStyle: { color: "#999" } },
                  { type: "line", data: data.map(function (d) { return d.value; }), symbol: "none",
                    lineStyle: { color: "#bbb", width: 1 }, z: 1, silent: true }];
    chart.setOption(opt);
    if (onClick) {
      chart.on("click", function (p) { if (p.data && p.data.win) { onClick(p.data.win); } });
    }
    return chart;
  }

  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(name, attrs, text) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* One window drawn as a triangle: members at the corners, ties coloured by sign. */
  function triangleSVG(win, members) {
    var pos = {};
    pos[members[0]] = [90, 26];
    pos[members[1]] = [24, 134];
    pos[members[2]] = [156, 134];
    var svg = svgEl("svg", { viewBox: "-10 0 200 172", width: 180, height: 156, role: "img",
                             "aria-label": win.period + " " + win.name });
    svg.classList.add("triangle-svg");
    win.ties.forEach(function (t) {
      var p = pos[t.pair[0]], q = pos[t.pair[1]];
      // width grows with the tie's share of the window's events (docs/triangles.md, "Intensity"):
      // a 27-event tie is drawn thick, a 7-event tie thin, a silent one hairline
      var share = t.share === undefined ? 0.33 : t.share;
      svg.appendChild(svgEl("line", {
        x1: p[0], y1: p[1], x2: q[0], y2: q[1], stroke: SIGN_COLORS[t.sign],
        "stroke-width": t.n_memory ? (1.5 + 16 * share).toFixed(1) : 1,
        "stroke-dasharray": SIGN_DASH[t.sign], "data-share": share, "class": "tie"
      }));
      // label just outside the tie: push the midpoint away from the triangle's centre
      var mx = (p[0] + q[0]) / 2, my = (p[1] + q[1]) / 2;
      var vx = mx - 90, vy = my - 98, len = Math.sqrt(vx * vx + vy * vy) || 1;
      mx += vx / len * 22;
      my += vy / len * 18 + 4;
      svg.appendChild(svgEl("text", { x: mx, y: my, "text-anchor": "middle", "font-size": 11,
                                      fill: SIGN_COLORS[t.sign] === "#c8c8c8" ? "#888" : SIGN_COLORS[t.sign] },
                            t.sign + " " + (t.mean === null ? "" : fmt(t.mean)) + " (" + t.n_events +
                            (t.n_memory !== undefined ? "/" + t.n_memory : "") +
                            (t.change_events ? (t.change_events > 0 ? " +" : " ") + t.change_events : "") + ")"));
    });
    members.forEach(function (m) {
      var p = pos[m];
      var role = win.roles[m];
      svg.appendChild(svgEl("circle", { cx: p[0], cy: p[1], r: 17, fill: role === "pivot" ? "#e08214" :
        (role === "outcast" ? "#777" : "#fff"), stroke: "#333", "stroke-width": 1.5 }));
      svg.appendChild(svgEl("text", { x: p[0], y: p[1] + 4, "text-anchor": "middle", "font-size": 11,
                                      "font-weight": 600, fill: role === "pivot" || role === "outcast" ? "#fff" : "#222" },
                            m));
    });
    return svg;
  }

  function hasEvents(w) { return w.ties.some(function (t) { return t.n_events > 0; }); }

  /* One card per window that holds events: period, drawing, type name and roles. onClick(window) */
  function triangleCards(container, tri, onClick) {
    container.textContent = "";
    var shown = tri.windows.filter(hasEvents);
    shown.forEach(function (w) {
      var card = document.createElement("figure");
      card.className = "tri-card tri-" + w.type;
      card.dataset.period = w.period;
      card.dataset.type = w.type;
      var head = document.createElement("figcaption");
      var period = document.createElement("strong");
      period.textContent = w.period;
      var name = document.createElement("span");
      name.className = "tri-type";
      name.textContent = w.label || (w.name + (w.weak ? " (weak)" : ""));
      head.appendChild(period);
      head.appendChild(document.createElement("br"));
      head.appendChild(name);
      card.appendChild(head);
      card.appendChild(triangleSVG(w, tri.members));
      var roles = document.createElement("div");
      roles.className = "tri-roles";
      roles.textContent = Object.keys(w.roles).map(function (m) { return m + ": " + w.roles[m]; }).join(" · ") ||
        (w.type === "incomplete" ? "two or more ties unknown" : "no alignment");
      if (w.provisional) {
        roles.textContent += " · " + w.unknown.join(", ") + " unknown; if friendly: " + w.if_friendly;
      }
      card.appendChild(roles);
      var asym = document.createElement("div");
      asym.className = "tri-asym";
      asym.textContent = "asymmetry " + fmt(w.asymmetry) + (w.dominant ? " · " + w.dominant + " dominant" : "");
      card.appendChild(asym);
      (w.quotes || []).forEach(function (q) {
        var said = document.createElement("blockquote");
        said.className = "tri-quote";
        said.lang = /[\uac00-\ud7a3]/.test(q.text || "") ? "ko" : "en";
        said.textContent = "“" + q.text + "” — " + (q.speaker_text || q.speaker || "?") + (q.role ? " (" + q.role + ")" : "");
        card.appendChild(said);
      });
      if (onClick) {
        card.tabIndex = 0;
        card.addEventListener("click", function () { onClick(w); });
      }
      container.appendChild(card);
    });
    var quiet = (tri.quiet || []).length;
    if (quiet > 0) {
      container.appendChild(el("p", "note", quiet + " period(s) with no event among the three are not drawn."));
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
  }

  function edgeColor(mean) {
    if (mean === null || mean === undefined) { return "#bdbdbd"; }
    if (mean >= 1) { return SIGN_COLORS["+"]; }
    if (mean <= -1) { return SIGN_COLORS["-"]; }
    return "#8c8c8c";
  }

  /* The actor network: node size by events, edge colour by mean score, width by count.
     onClick(edge or node data) */
  function network(el, net, onClick) {
    var chart = init(el);
    var maxN = Math.max.apply(null, [1].concat(net.nodes.map(function (n) { return n.n_events; })));
    var nodes = net.nodes.map(function (n) {
      // the actor's name, not its id, on the node (the id stays in the tooltip)
      var name = n.label && n.label !== n.id ? n.label : n.id;
      return { id: n.id, name: n.id, label_text: name, value: n.n_events, label: { show: true, formatter: name },
               symbolSize: 18 + 34 * Math.sqrt(n.n_events / maxN), tip: n.label + " (" + n.id + "): " + n.n_events +
               " events", itemStyle: { color: "#4a6fa5" } };
    });
    var edges = net.edges.map(function (e) {
      return { source: e.source, target: e.target, value: e.count, raw: e,
               lineStyle: { color: edgeColor(e.mean_score), width: 1 + Math.min(7, Math.log2(1 + e.count) * 2),
                            curveness: 0.18, opacity: 0.85,
                            type: e.mean_score !== null && e.mean_score <= -1 ? "dashed" : "solid" },
               label: { show: true, fontSize: 10, formatter: (e.mean_score === null || e.mean_score === undefined ? "" :
                        (e.mean_score >= 1 ? "+" : (e.mean_score <= -1 ? "−" : "0")) + " ") + String(e.count) } };
    });
    var opt = base();
    opt.tooltip = {
      formatter: function (p) {
        if (p.dataType === "edge") {
          var e = p.data.raw;
          return window.echarts.format.encodeHTML(e.source + " → " + e.target + ": " + e.count + " events, mean " +
            fmt(e.mean_score));
        }
        return window.echarts.format.encodeHTML(p.data.tip);
      }
    };
    // labels sit to the right of their node: leave the longest one room, or it is cut at the canvas edge
    // on a narrow screen (Hangul is about twice as wide as Latin)
    var longest = Math.max.apply(null, [0].concat(nodes.map(function (n) {
      return String(n.label_text).split("").reduce(function (w, ch) { return w + (ch.charCodeAt(0) > 0x1100 ? 13 : 7); }, 0);
    })));
    var room = Math.min(Math.round((el.clientWidth || 600) * 0.4), longest + 30);
    opt.series = [{ type: "graph", layout: "circular", circular: { rotateLabel: false }, roam: true,
                    left: 30, right: room, top: 30, bottom: 30,
                    edgeSymbol: ["none", "arrow"], edgeSymbolSize: 9, data: nodes, links: edges,
                    label: { position: "right", color: "#222", fontWeight: 600 },
                    edgeLabel: { show: true }, emphasis: { focus: "adjacency" } }];
    chart.setOption(opt);
    if (onClick) {
      chart.on("click", function (p) { onClick(p.dataType === "edge" ? p.data.raw : p.data); });
    }
    return chart;
  }

  /* ---------- a table alternative beside every chart: the numbers the chart draws, as text ---------- */

  function num(v) { return v === null || v === undefined ? "" : (typeof v === "number" ? String(Math.round(v * 100) / 100) : String(v)); }

  function dataTable(el, caption, head, rows) {
    var old = el.nextElementSibling;
    if (old && old.classList.contains("chart-table")) { old.parentNode.removeChild(old); }
    var det = document.createElement("details");
    det.className = "chart-table";
    det.dataset.chart = el.id || "";
    var sum = document.createElement("summary");
    sum.textContent = "Table: " + caption;
    det.appendChild(sum);
    var table = document.createElement("table");
    var tr = document.createElement("tr");
    head.forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; tr.appendChild(th); });
    var thead = document.createElement("thead"); thead.appendChild(tr); table.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      var row = document.createElement("tr");
      r.forEach(function (c) { var td = document.createElement("td"); td.textContent = num(c); row.appendChild(td); });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    det.appendChild(table);
    el.parentNode.insertBefore(det, el.nextSibling);
    return det;
  }

  function withTable(draw, tabulate) {
    return function (el, data, onClick) {
      var chart = draw(el, data, onClick);
      try { var t = tabulate(data); dataTable(el, t[0], t[1], t[2]); } catch (e) { /* the chart stays */ }
      return chart;
    };
  }

  timeline = withTable(timeline, function (d) {
    var quads = QUADS.filter(function (q) { return d.counts[q]; });
    return ["events per period by kind", ["period"].concat(quads),
            d.periods.map(function (p, i) { return [p].concat(quads.map(function (q) { return d.counts[q][i]; })); })];
  });
  dyad = withTable(dyad, function (s) {
    return ["events and mean score per period and direction", ["period", "direction", "events", "mean score"],
            s.rows.map(function (r) { return [r.period, r.direction.replace(">", "→"), r.n_events, r.score_mean]; })];
  });
  triangleStrip = withTable(triangleStrip, function (t) {
    var rows = [];
    t.windows.forEach(function (w) {
      w.ties.forEach(function (tie) { rows.push([w.period, w.name, tie.pair.join("–"), tie.n_events, tie.sign]); });
    });
    return ["ties per window", ["window", "triangle", "tie", "events", "sign"], rows];
  });
  network = withTable(network, function (n) {
    return ["edges (who acts on whom)", ["source", "target", "events", "mean score"],
            n.edges.map(function (e) { return [e.source, e.target, e.count, e.mean_score]; })];
  });

  window.SagwanCharts = {
    timeline: timeline, dyad: dyad, triangleStrip: triangleStrip, triangleSVG: triangleSVG,
    triangleCards: triangleCards, network: network, TYPE_NAMES: TYPE_NAMES, TYPE_COLORS: TYPE_COLORS
  };
})();
