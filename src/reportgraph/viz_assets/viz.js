/* reportgraph's picture: reads the page's JSON blocks, draws them with vis-network
 * and wires up the controls. Text that comes from a report is only ever put into
 * the document with textContent (or drawn on the canvas by vis-network), never
 * parsed as markup, so a name that looks like an HTML tag stays text. */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  var api = (window.reportgraph = { ready: false, timings: timings });

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var side = readJson("rg-side");
  var nodes = new vis.DataSet(readJson("rg-nodes"));
  var edges = new vis.DataSet(readJson("rg-edges"));
  var options = readJson("rg-options");
  var info = side.info;
  timings.parsed = performance.now();

  var styles = {};
  side.types.forEach(function (t) { styles[t.key] = t; });
  var state = { hiddenTypes: new Set(), area: null };
  api.nodes = nodes;
  api.edges = edges;
  api.side = side;
  api.state = state;

  // ------------------------------------------------------------------ small DOM helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  var SVG = "http://www.w3.org/2000/svg";

  /* A legend swatch in the node's shape: built from constants, never from report text. */
  function icon(type, size) {
    var s = styles[type] || { shape: "dot", color: "#999" };
    var n = size || 14, h = n / 2, svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", n);
    svg.setAttribute("height", n);
    svg.setAttribute("viewBox", "0 0 " + n + " " + n);
    svg.setAttribute("aria-hidden", "true");
    var shape;
    function poly(points) {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "));
    }
    if (s.shape === "dot") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", h); shape.setAttribute("cy", h); shape.setAttribute("r", h - 1);
    } else if (s.shape === "square" || s.shape === "box") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", 1); shape.setAttribute("y", s.shape === "box" ? 3 : 1);
      shape.setAttribute("width", n - 2); shape.setAttribute("height", s.shape === "box" ? n - 6 : n - 2);
      shape.setAttribute("rx", s.shape === "box" ? 2 : 0);
    } else if (s.shape === "triangle") {
      poly([[h, 1], [n - 1, n - 1], [1, n - 1]]);
    } else if (s.shape === "triangleDown") {
      poly([[1, 1], [n - 1, 1], [h, n - 1]]);
    } else if (s.shape === "diamond") {
      poly([[h, 0.5], [n - 0.5, h], [h, n - 0.5], [0.5, h]]);
    } else if (s.shape === "hexagon") {
      var pts = [];
      for (var i = 0; i < 6; i++) pts.push([h + (h - 1) * Math.cos(Math.PI / 3 * i), h + (h - 1) * Math.sin(Math.PI / 3 * i)]);
      poly(pts);
    } else {  // star
      var star = [];
      for (var k = 0; k < 10; k++) {
        var r = k % 2 ? (h - 1) * 0.45 : h - 0.5, a = -Math.PI / 2 + k * Math.PI / 5;
        star.push([h + r * Math.cos(a), h + r * Math.sin(a)]);
      }
      poly(star);
    }
    shape.setAttribute("fill", s.color);
    shape.setAttribute("stroke", "#424242");
    shape.setAttribute("stroke-width", "1");
    svg.appendChild(shape);
    return svg;
  }

  function typeName(type) {
    var s = styles[type];
    return s ? s.zh + " " + type : type;
  }

  function fieldName(key) {
    return (side.fields && side.fields[key]) || key;
  }

  function cut(text, n) {
    text = String(text);
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  function areaName(id) {
    var it = info[id];
    var name = it.n;
    if (side.manyReports && it.r !== undefined) name += " · " + cut(info[it.r].n, 14);
    return name;
  }

  // ------------------------------------------------------------------ the network

  var container = $("rg-network");
  var loading = $("rg-loading");
  if (side.physics) loading.hidden = false;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  api.network = network;
  timings.network = performance.now();

  function settled() {
    if (api.ready) return;
    timings.settled = performance.now();
    loading.hidden = true;
    api.ready = true;
    document.documentElement.setAttribute("data-rg-ready", "true");
  }

  network.once("afterDrawing", function () {
    timings.firstDraw = performance.now();
    if (!side.physics) settled();
  });
  network.on("stabilizationProgress", function (p) {
    $("rg-progress").textContent = Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    // the layout is settled: freeze it so a big graph does not keep the CPU busy
    network.setOptions({ physics: { enabled: false } });
    $("rg-physics").checked = false;
    timings.stabilized = performance.now();
    network.once("afterDrawing", settled);
    network.redraw();
  });

  // ------------------------------------------------------------------ filters

  function isVisible(id) {
    var it = info[id];
    if (state.hiddenTypes.has(it.t)) return false;
    if (state.area === null) return true;
    if (id === state.area) return true;
    if (it.t === "Report") return info[state.area].r === id;
    return !!it.ar && it.ar.indexOf(state.area) >= 0;
  }

  function drawnCount() {
    return network.body.nodeIndices.length;
  }
  api.drawnCount = drawnCount;
  api.isVisible = isVisible;

  function updateStatus() {
    var shown = drawnCount(), total = side.stats.nodes;
    var text = (shown === total ? total + " nodes" : shown + " of " + total + " nodes") + ", " + side.stats.edges + " edges";
    if (side.stats.graphNodes > total) text += " (" + side.stats.graphNodes + " in the graph)";
    $("rg-status").textContent = text;
  }

  function applyFilters() {
    var updates = [];
    nodes.forEach(function (n) {
      var hide = !isVisible(n.id);
      if (!!n.hidden !== hide) updates.push({ id: n.id, hidden: hide });
    });
    if (updates.length) nodes.update(updates);
    updateStatus();
  }
  api.applyFilters = applyFilters;

  // legend: one checkbox per type, in the type's colour and shape
  var legend = $("rg-legend");
  var typeBoxes = {};
  side.types.forEach(function (t) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.key;
    box.setAttribute("data-type", t.key);
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenTypes.delete(t.key); else state.hiddenTypes.add(t.key);
      applyFilters();
    });
    typeBoxes[t.key] = box;
    label.appendChild(box);
    label.appendChild(icon(t.key));
    label.appendChild(el("span", t.zh + " " + t.key));
    label.appendChild(el("span", t.count, "rg-count"));
    li.appendChild(label);
    legend.appendChild(li);
  });
  $("rg-all-types").addEventListener("click", function () {
    state.hiddenTypes.clear();
    Object.keys(typeBoxes).forEach(function (k) { typeBoxes[k].checked = true; });
    applyFilters();
  });

  // work areas: one option per hub, with how many nodes hang on it
  var members = {};
  info.forEach(function (it, id) {
    (it.ar || []).forEach(function (a) { (members[a] = members[a] || []).push(id); });
  });
  var areaSelect = $("rg-area");
  side.areas.forEach(function (id) {
    var opt = el("option", areaName(id) + " (" + (members[id] || []).length + ")");
    opt.value = String(id);
    areaSelect.appendChild(opt);
  });
  function setArea(id) {
    state.area = id;
    areaSelect.value = id === null ? "" : String(id);
    applyFilters();
    var shown = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (id !== null && shown.length) network.fit({ nodes: shown, animation: { duration: 400 } });
  }
  areaSelect.addEventListener("change", function () {
    setArea(areaSelect.value === "" ? null : Number(areaSelect.value));
  });

  // physics on and off
  var physicsBox = $("rg-physics");
  physicsBox.checked = !!side.physics;
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked, stabilization: { enabled: false } } });
  });

  $("rg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });
  $("rg-reset").addEventListener("click", function () {
    state.hiddenTypes.clear();
    Object.keys(typeBoxes).forEach(function (k) { typeBoxes[k].checked = true; });
    searchBox.value = "";
    hideResults();
    network.unselectAll();
    setArea(null);
    network.fit({ animation: { duration: 400 } });
  });

  if (side.stats.graphNodes > side.stats.nodes) {
    var note = $("rg-note");
    note.textContent = "Showing the " + side.stats.nodes + " most important of the graph's " +
      side.stats.graphNodes + " nodes. Draw more: reportgraph viz --max-nodes " + side.stats.graphNodes +
      ", or a part: --type, --area.";
    note.hidden = false;
  }

  // ------------------------------------------------------------------ search

  var searchBox = $("rg-search"), results = $("rg-results");
  var haystack = info.map(function (it) {
    return [it.n].concat(it.al || []).join("\u0001").toLowerCase();
  });
  var current = [], cursor = -1;

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var id = 0; id < info.length; id++) {
      var at = haystack[id].indexOf(q);
      if (at < 0) continue;
      var name = info[id].n.toLowerCase();
      var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 : at === 0 ? 2 : 3;
      hits.push([rank, -(info[id].m || 0), info[id].n.length, id]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return hits.slice(0, 20).map(function (h) { return h[3]; });
  }
  api.find = find;

  function hideResults() { results.hidden = true; cursor = -1; }

  function showResults() {
    current = find(searchBox.value);
    results.replaceChildren();
    cursor = -1;
    if (!searchBox.value.trim()) { hideResults(); return; }
    if (!current.length) {
      results.appendChild(el("li", "没有找到 no match"));
    }
    current.forEach(function (id, i) {
      var li = el("li", info[id].n);
      li.setAttribute("role", "option");
      li.appendChild(el("span", typeName(info[id].t), "rg-type"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      results.appendChild(li);
    });
    results.hidden = false;
  }

  function choose(i) {
    var id = current[i === undefined || i < 0 ? 0 : i];
    if (id === undefined) return;
    hideResults();
    focusNode(id);
  }

  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); if (results.hidden) showResults(); choose(cursor); }
    else if (ev.key === "Escape") { hideResults(); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (results.hidden) showResults();
      var n = current.length;
      if (!n) return;
      cursor = ev.key === "ArrowDown" ? (cursor + 1) % n : (cursor - 1 + n) % n;
      Array.prototype.forEach.call(results.children, function (li, j) { li.setAttribute("aria-selected", j === cursor ? "true" : "false"); });
    }
  });
  searchBox.addEventListener("blur", hideResults);

  /* Select a node, bring it into view and show its panel; undo filters that hide it. */
  function focusNode(id) {
    if (!isVisible(id)) {
      state.hiddenTypes.delete(info[id].t);
      if (typeBoxes[info[id].t]) typeBoxes[info[id].t].checked = true;
      if (state.area !== null && !isVisible(id)) { state.area = null; areaSelect.value = ""; }
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    showPanel(id);
  }
  api.focusNode = focusNode;

  // ------------------------------------------------------------------ details

  var panel = $("rg-panel");

  function linkButton(id, text) {
    var b = el("button", text || info[id].n, "rg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function section(title, items) {
    if (!items.length) return;
    panel.appendChild(el("h3", title));
    var ul = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(item);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function relationLines(id) {
    var out = [];
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edges.get(eid);
      if (!e || e.p === "workArea") return;
      var span = el("span");
      if (e.from === id) {
        span.appendChild(el("span", e.p + " → "));
        span.appendChild(linkButton(e.to));
      } else {
        span.appendChild(linkButton(e.from));
        span.appendChild(el("span", " " + e.p + " → this"));
      }
      out.push(span);
    });
    return out;
  }

  function showPanel(id) {
    var it = info[id];
    panel.replaceChildren();
    var kind = el("div", null, "rg-kind");
    kind.appendChild(icon(it.t));
    kind.appendChild(el("span", typeName(it.t)));
    panel.appendChild(kind);
    panel.appendChild(el("h2", it.n));

    var dl = el("dl");
    function row(k, v) { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); }
    if (it.al && it.al.length) row("别名 aliases", it.al.join("、"));
    if (it.m !== undefined) row("提及 mentions", it.m);
    (it.d || []).forEach(function (d) { row(fieldName(d[0]), d[1]); });
    if (it.r !== undefined && side.manyReports) row("报告 report", info[it.r].n);
    if (dl.children.length) panel.appendChild(dl);

    section("工作领域 Work areas", (it.ar || []).map(function (a) { return linkButton(a, areaName(a)); }));
    section("关系 Relations", relationLines(id));

    if (it.t === "WorkArea" || it.t === "Report") {
      var mine = it.t === "Report"
        ? side.areas.filter(function (a) { return info[a].r === id; })
        : members[id] || [];
      var things = [], figures = [], problems = [];
      mine.forEach(function (m) {
        var k = styles[info[m].t] ? styles[info[m].t].kind : "";
        if (k === "indicator") figures.push(m);
        else if (k === "problem") problems.push(m);
        else things.push(m);
      });
      var title = it.t === "Report" ? "工作领域 Work areas" : "实体 Entities";
      section(title + " (" + things.length + ")", things.map(function (m) {
        var span = el("span");
        span.appendChild(linkButton(m, it.t === "Report" ? areaName(m) : info[m].n));
        if (it.t !== "Report") span.appendChild(el("span", " · " + (styles[info[m].t] || { zh: info[m].t }).zh, "rg-type"));
        return span;
      }));
      section("指标 Indicators (" + figures.length + ")", figures.map(function (m) {
        var d = {};
        (info[m].d || []).forEach(function (p) { d[p[0]] = p[1]; });
        var span = el("span");
        span.appendChild(linkButton(m, (d.value || "") + " " + (d.metric || info[m].n)));
        span.appendChild(el("span", " · " + (info[m].t === "Target" ? "目标" : "成果"), "rg-type"));
        return span;
      }));
      section("问题 Problems", problems.map(function (m) { return linkButton(m); }));
    }

    if (it.s && it.s.length) {
      panel.appendChild(el("h3", "出处 Source sentences (" + (it.s.length + (it.more || 0)) + ")"));
      it.s.forEach(function (sid) {
        var sentence = side.sentences[sid];
        var q = el("blockquote", sentence[0]);
        if (side.manyReports && sentence[1] >= 0) q.appendChild(el("span", side.reports[sentence[1]], "rg-source"));
        panel.appendChild(q);
      });
      if (it.more) panel.appendChild(el("p", "… " + it.more + " more", "rg-hint"));
    }
    panel.appendChild(el("div", it.iri, "rg-iri"));
  }
  api.showPanel = showPanel;

  network.on("click", function (p) {
    if (p.nodes.length) showPanel(p.nodes[0]);
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && info[p.nodes[0]].t === "WorkArea") setArea(p.nodes[0]);
  });

  // hover: a short summary next to the pointer
  var tip = $("rg-tip");
  network.on("hoverNode", function (p) {
    var it = info[p.node];
    tip.replaceChildren();
    tip.appendChild(el("div", typeName(it.t), "rg-dim"));
    tip.appendChild(el("b", it.n));
    if (it.al && it.al.length) tip.appendChild(el("p", "别名: " + it.al.join("、")));
    (it.d || []).slice(0, 3).forEach(function (d) { tip.appendChild(el("p", fieldName(d[0]) + ": " + d[1])); });
    if (it.ar && it.ar.length) tip.appendChild(el("p", "工作领域: " + it.ar.map(function (a) { return info[a].n; }).join("、")));
    (it.s || []).slice(0, 2).forEach(function (sid) { tip.appendChild(el("p", "“" + cut(side.sentences[sid][0], 90) + "”", "rg-dim")); });
    if (it.s && it.s.length > 2) tip.appendChild(el("p", "… " + (it.s.length - 2 + (it.more || 0)) + " more (click)", "rg-dim"));
    var box = container.getBoundingClientRect();
    var x = box.left + p.pointer.DOM.x + 14, y = box.top + p.pointer.DOM.y + 14;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x, window.innerWidth - w - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y, window.innerHeight - h - 8)) + "px";
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });

  updateStatus();
})();
