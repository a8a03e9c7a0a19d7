/* dealgraph map: filters, loops, focus and evidence panels over vis-network.
 * Data comes from JSON script blocks; every piece of text reaches the page
 * through textContent (never innerHTML), and vis-network shows string
 * tooltips as plain text. window.dealgraph is the page's API (tests use it). */
(function () {
  "use strict";

  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var data = readJson("dg-data");
  var nodeItems = readJson("dg-nodes");
  var edgeItems = readJson("dg-edges");
  var options = readJson("dg-options");
  var meta = data.meta;
  var timings = { parsed: performance.now() };

  var DIM_EDGE = "#d6d9dd";
  var DIM_NODE = { background: "#eef0f2", border: "#d6d9dd" };
  var DIM_FONT = "rgba(110, 119, 129, 0.35)";

  var base = { nodes: {}, edges: {} };
  nodeItems.forEach(function (n) { base.nodes[n.id] = n; });
  edgeItems.forEach(function (e) { base.edges[e.id] = e; });
  var incident = {};
  edgeItems.forEach(function (e) {
    (incident[e.from] = incident[e.from] || []).push(e.id);
    (incident[e.to] = incident[e.to] || []).push(e.id);
  });

  var nodes = new vis.DataSet(nodeItems.map(function (n) {
    return Object.assign({}, n, { hidden: false, dgState: "normal" });
  }));
  var edges = new vis.DataSet(edgeItems.map(function (e) {
    return Object.assign({}, e, { hidden: false, dgState: "normal" });
  }));
  timings.datasets = performance.now();
  var container = document.getElementById("dg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();

  var relations = data.legend.relations.map(function (r) { return r.name; });
  var state = {
    relations: new Set(relations), minUsd: 0, keepUnknown: true, since: "", until: "",
    cycle: null, focus: null
  };
  var applied = { nodes: {}, edges: {} };  // id -> hidden + state, as the DataSet shows it
  nodeItems.forEach(function (n) { applied.nodes[n.id] = "falsenormal"; });
  edgeItems.forEach(function (e) { applied.edges[e.id] = "falsenormal"; });

  // ---- tiny DOM helpers: text only ------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fact(dl, term, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }
  function money(usd) {
    if (usd === null || usd === undefined) return "";
    var units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(usd) >= units[i][0]) return "$" + Number((usd / units[i][0]).toPrecision(3)) + units[i][1];
    }
    return "$" + Math.round(usd);
  }
  function linkButton(text, onClick) {
    var b = el("button", "dg-link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // ---- what is shown ---------------------------------------------------------
  function passes(e) {
    if (!state.relations.has(e.relation)) return false;
    if (e.amount_usd === null || e.amount_usd === undefined) {
      if (!state.keepUnknown) return false;
    } else if (e.amount_usd < state.minUsd) {
      return false;
    }
    if (e.date) {
      if (state.since && e.date < state.since) return false;
      if (state.until && e.date > state.until) return false;
    }
    return true;
  }

  function litSet() {
    if (state.cycle !== null) {
      var c = data.cycles[state.cycle];
      return { nodes: new Set(c.ids), edges: new Set(c.edge_ids) };
    }
    if (state.focus !== null) {
      var lit = { nodes: new Set([state.focus]), edges: new Set() };
      (incident[state.focus] || []).forEach(function (id) {
        var e = base.edges[id];
        if (!passes(e)) return;
        lit.edges.add(id);
        lit.nodes.add(e.from);
        lit.nodes.add(e.to);
      });
      return lit;
    }
    return null;
  }

  // Small maps dim every other item through the DataSet: each item says what it
  // shows. Large maps leave the DataSet alone (updating even a few of 20,000
  // items costs most of a second): a translucent veil is painted over the
  // drawing and the lit edges and organizations are drawn again on top of it.
  var large = meta.large;
  var veil = null;  // large maps: the lit {nodes, edges} drawn above the veil
  var VEIL = "rgba(255, 255, 255, 0.86)";

  function edgeStyle(e, hidden, st) {
    var item = { id: e.id, hidden: hidden, dgState: st };
    if (st === "dim") {
      item.color = { color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE, opacity: 0.45 };
      item.width = 1;
      item.font = { color: DIM_FONT, strokeWidth: 0 };
      return item;
    }
    item.color = Object.assign({}, e.color, { opacity: 1 });
    item.width = st === "lit" ? e.width + 2 : e.width;
    item.font = { color: "#333333", strokeWidth: 3 };
    return item;
  }

  function nodeStyle(n, hidden, st) {
    var item = { id: n.id, hidden: hidden, dgState: st };
    if (st === "dim") {
      item.color = DIM_NODE;
      item.font = { color: DIM_FONT, strokeWidth: 0 };
      item.borderWidth = 1;
      return item;
    }
    item.color = n.color;
    item.borderWidth = st === "lit" ? 3 : 1.5;
    item.font = { color: "#1f2328", strokeWidth: 4 };
    return item;
  }

  function stateOf(lit, isLit) {
    if (large || lit === null) return "normal";
    return isLit ? "lit" : "dim";
  }

  network.on("afterDrawing", function (ctx) {
    if (veil === null) return;
    var body = network.body;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    veil.edges.forEach(function (id) {
      var edge = body.edges[id];
      if (!edge || edge.options.hidden) return;
      var selected = edge.selected;
      edge.selected = true;  // drawn with the selection width
      edge.draw(ctx);
      edge.selected = selected;
    });
    var labels = [];
    veil.nodes.forEach(function (id) {
      var node = body.nodes[id];
      if (!node || node.options.hidden) return;
      var selected = node.selected;
      node.selected = true;  // drawn with the dark selection border
      var drawn = node.draw(ctx) || {};
      node.selected = selected;
      if (drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
    });
    labels.forEach(function (draw) { draw(); });
  });

  function apply() {
    var lit = litSet();
    var shownNodes = new Set();
    var edgeUpdates = [], nodeUpdates = [];
    var shownEdges = 0;
    edgeItems.forEach(function (e) {
      var isLit = lit !== null && lit.edges.has(e.id);
      var hidden = !(isLit || passes(e));
      var st = stateOf(lit, isLit);
      if (!hidden) { shownNodes.add(e.from); shownNodes.add(e.to); shownEdges += 1; }
      var key = hidden + st;
      if (applied.edges[e.id] === key) return;
      applied.edges[e.id] = key;
      edgeUpdates.push(edgeStyle(e, hidden, st));
    });
    var shownOrgs = 0;
    nodeItems.forEach(function (n) {
      var isLit = lit !== null && lit.nodes.has(n.id);
      var hidden = !(isLit || shownNodes.has(n.id));
      var st = stateOf(lit, isLit);
      if (!hidden) shownOrgs += 1;
      var key = hidden + st;
      if (applied.nodes[n.id] === key) return;
      applied.nodes[n.id] = key;
      nodeUpdates.push(nodeStyle(n, hidden, st));
    });
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (large) {
      veil = lit === null ? null : { nodes: Array.from(lit.nodes), edges: Array.from(lit.edges) };
      network.body.emitter.emit("_requestRedraw");  // one redraw, merged with fit's
    }
    document.getElementById("dg-count").textContent =
      shownOrgs + " of " + nodeItems.length + " organizations · " + shownEdges + " of " +
      edgeItems.length + " edges · " + data.cycles.length + " loops" +
      (large ? " · large-graph mode" : "");
    return { nodes: shownOrgs, edges: shownEdges };
  }

  function litNow() {
    var lit = litSet();
    return lit === null ? null : { nodes: Array.from(lit.nodes), edges: Array.from(lit.edges) };
  }

  // ---- panels ------------------------------------------------------------------
  var panel = document.getElementById("dg-panel");

  function evidenceBlock(ev) {
    var box = el("div", "dg-evidence");
    box.appendChild(el("p", "dg-quote", "“" + ev.quote + "”"));
    var where = [ev.article_title || ev.locator || ev.article_id, ev.outlet, ev.date]
      .filter(function (x) { return x; }).join(" · ");
    box.appendChild(el("div", "dg-source", "— " + where));
    var said = [ev.amount_text, ev.amount, ev.status, ev.kind === "curated" ? "curated" : ""]
      .filter(function (x) { return x; }).join(" · ");
    if (said) box.appendChild(el("div", "dg-source", said));
    if (ev.url) box.appendChild(el("div", "dg-source", ev.url));
    if (ev.note) box.appendChild(el("div", "dg-source", ev.note));
    return box;
  }

  function showEdge(id) {
    var d = data.details[id];
    if (!d) return;
    clear(panel);
    panel.appendChild(el("h2", null, d.source + " → " + d.target));
    panel.appendChild(el("div", "dg-note", d.relation_label + (d.money_flows ? "" : " (no money flows)")));
    var dl = el("dl");
    fact(dl, "amount", d.amount);
    fact(dl, "as written", d.amount_text);
    fact(dl, "qualifier", d.qualifier);
    fact(dl, "quantity", d.quantity);
    fact(dl, "date", d.date ? d.date + (d.date_inferred ? " (year inferred)" : "") : "");
    fact(dl, "status", d.status);
    fact(dl, "confidence", d.confidence);
    panel.appendChild(dl);
    if (d.deals.length > 1) {
      panel.appendChild(el("h3", null, d.deals.length + " deals"));
      d.deals.forEach(function (deal) { panel.appendChild(dealBlock(deal)); });
    }
    panel.appendChild(el("h3", null, d.evidence.length === 1 ? "Evidence" : d.evidence.length + " pieces of evidence"));
    d.evidence.forEach(function (ev) { panel.appendChild(evidenceBlock(ev)); });
  }

  function dealBlock(deal) {
    var box = el("div", "dg-evidence dg-deal");
    box.appendChild(el("p", "dg-quote", (deal.title || deal.id) + (deal.amount ? ": " + deal.amount : "")));
    var facts = [deal.range, deal.date || "undated", deal.closed ? "closed " + deal.closed : "",
      deal.superseded_by ? "superseded by " + deal.superseded_by : deal.status,
      deal.counted ? "in the amount" : (deal.in_totals ? "" : "not in totals")]
      .filter(function (x) { return x; }).join(" · ");
    box.appendChild(el("div", "dg-source", facts));
    deal.sources.forEach(function (url) { box.appendChild(el("div", "dg-source", url)); });
    return box;
  }

  function showNode(id) {
    var o = data.orgs[id];
    if (!o) return;
    clear(panel);
    panel.appendChild(el("h2", null, o.name));
    var dl = el("dl");
    fact(dl, "kind", o.kind);
    fact(dl, "sector", o.sector ? o.sector.replace(/_/g, " ") : "");
    fact(dl, "tickers", o.tickers.join(", "));
    fact(dl, "money in", money(o.in_usd));
    fact(dl, "money out", money(o.out_usd));
    if (o.loss !== null && o.loss !== undefined) fact(dl, "relative loss", Math.round(o.loss * 100) + "%");
    panel.appendChild(dl);
    var loops = data.cycles.filter(function (c) { return c.ids.indexOf(id) >= 0; });
    if (loops.length) {
      panel.appendChild(el("h3", null, "On " + loops.length + " loop" + (loops.length > 1 ? "s" : "")));
      loops.slice(0, 50).forEach(function (c) {
        var row = el("div", "dg-hop");
        row.appendChild(linkButton(c.rank + ". " + c.names.concat([c.names[0]]).join(" → "),
          function () { selectCycle(c.rank - 1); }));
        panel.appendChild(row);
      });
    }
    var ids = incident[id] || [];
    panel.appendChild(el("h3", null, ids.length + " deal" + (ids.length === 1 ? "" : "s")));
    ids.forEach(function (eid) {
      var d = data.details[eid];
      var row = el("div", "dg-hop");
      row.appendChild(linkButton(d.source + " " + d.relation_label + " " + d.target +
        (d.amount ? " · " + d.amount : ""), function () { showEdge(eid); }));
      panel.appendChild(row);
    });
  }

  function showCycle(i) {
    var c = data.cycles[i];
    clear(panel);
    panel.appendChild(el("h2", null, "Loop " + c.rank));
    panel.appendChild(el("div", null, c.names.concat([c.names[0]]).join(" → ")));
    var dl = el("dl");
    fact(dl, "hops", c.length);
    fact(dl, "bottleneck", c.bottleneck || "unknown");
    fact(dl, "total", c.total);
    panel.appendChild(dl);
    c.edge_ids.forEach(function (eid) {
      var d = data.details[eid];
      panel.appendChild(el("h3", null, d.source + " " + d.relation_label + " " + d.target +
        (d.amount ? " · " + d.amount : d.quantity ? " · " + d.quantity : "") +
        (d.date ? " · " + d.date : "") + " · " + d.status));
      d.evidence.forEach(function (ev) { panel.appendChild(evidenceBlock(ev)); });
    });
  }

  // ---- actions -----------------------------------------------------------------------
  function markCycleList() {
    var items = document.querySelectorAll("#dg-cycles li");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("dg-active", state.cycle === i);
    }
  }

  function selectCycle(i) {
    state.cycle = i;
    state.focus = null;
    markCycleList();
    var shown = apply();
    if (i !== null) {
      showCycle(i);
      network.fit({ nodes: data.cycles[i].ids, animation: false });
    }
    return shown;
  }

  function focus(id) {
    if (!data.orgs[id]) return false;
    state.focus = id;
    state.cycle = null;
    markCycleList();
    apply();
    showNode(id);
    network.selectNodes([id]);
    var around = [id].concat((incident[id] || []).map(function (eid) {
      var e = base.edges[eid];
      return e.from === id ? e.to : e.from;
    }));
    network.fit({ nodes: around, animation: false });
    return true;
  }

  function refit() {
    if (state.cycle !== null) network.fit({ nodes: data.cycles[state.cycle].ids, animation: false });
    else if (state.focus !== null) focus(state.focus);
  }

  function clearSelection() {
    state.cycle = null;
    state.focus = null;
    markCycleList();
    network.unselectAll();
    return apply();
  }

  function findOrg(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var ids = Object.keys(data.orgs);
    var exact = ids.filter(function (id) {
      return data.orgs[id].search.some(function (s) { return s.toLowerCase() === q; });
    });
    if (exact.length) return exact[0];
    var partial = ids.filter(function (id) {
      return data.orgs[id].search.some(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
    });
    return partial.length ? partial[0] : null;
  }

  function setFilters(changes) {
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    return apply();
  }

  // ---- controls --------------------------------------------------------------------------
  function buildControls() {
    document.getElementById("dg-title").textContent = meta.title;
    document.getElementById("dg-subtitle").textContent = meta.subtitle || "";
    document.title = meta.title;

    var names = document.getElementById("dg-org-names");
    Object.keys(data.orgs).forEach(function (id) {
      var opt = document.createElement("option");
      opt.value = data.orgs[id].name;
      names.appendChild(opt);
    });
    var search = document.getElementById("dg-search");
    var msg = document.getElementById("dg-search-msg");
    function runSearch() {
      var id = findOrg(search.value);
      msg.textContent = id || !search.value.trim() ? "" : "No organization matches “" + search.value + "”.";
      if (id) focus(id);
    }
    search.addEventListener("change", runSearch);
    search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });
    document.getElementById("dg-clear").addEventListener("click", function () {
      search.value = "";
      msg.textContent = "";
      clearSelection();
    });

    var list = document.getElementById("dg-cycles");
    if (!data.cycles.length) list.appendChild(el("li", "dg-note", "No loops in this map."));
    data.cycles.forEach(function (c, i) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", null, c.names.concat([c.names[0]]).join(" → ") + " "));
      b.appendChild(el("span", "dg-money", c.bottleneck ? c.bottleneck + " goes round" : "amount unknown"));
      b.addEventListener("click", function () { selectCycle(state.cycle === i ? null : i); if (state.cycle === null) clearSelection(); });
      li.appendChild(b);
      list.appendChild(li);
    });

    var rel = document.getElementById("dg-relations");
    data.legend.relations.forEach(function (r) {
      var label = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = r.name;
      box.addEventListener("change", function () {
        if (box.checked) state.relations.add(r.name); else state.relations.delete(r.name);
        apply();
      });
      var swatch = el("span", "dg-swatch" + (r.money_flows ? "" : " dg-dashed"));
      swatch.style.background = r.colour;
      swatch.style.color = r.colour;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(el("span", null, r.label + " (" + r.count + ")"));
      rel.appendChild(label);
    });

    var groups = document.getElementById("dg-groups");
    if (data.legend.stress) {
      var g = el("div", "dg-gradient");
      g.appendChild(el("span", null, "loss 0%"));
      data.legend.stress.forEach(function (c) {
        var dot = el("span", "dg-dot");
        dot.style.background = c;
        g.appendChild(dot);
      });
      g.appendChild(el("span", null, "100%"));
      groups.appendChild(g);
    } else {
      data.legend.groups.forEach(function (grp) {
        var row = el("div");
        var dot = el("span", "dg-dot");
        dot.style.background = grp.colour;
        row.appendChild(dot);
        row.appendChild(el("span", null, grp.name));
        groups.appendChild(row);
      });
    }

    document.getElementById("dg-min").addEventListener("input", function (ev) {
      var v = parseFloat(ev.target.value);
      setFilters({ minUsd: isFinite(v) && v > 0 ? v * 1e9 : 0 });
    });
    document.getElementById("dg-unknown").addEventListener("change", function (ev) {
      setFilters({ keepUnknown: ev.target.checked });
    });
    document.getElementById("dg-since").addEventListener("change", function (ev) {
      setFilters({ since: ev.target.value });
    });
    document.getElementById("dg-until").addEventListener("change", function (ev) {
      setFilters({ until: ev.target.value });
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      focus(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else {
      clearSelection();
    }
  });

  var api = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    apply: apply, setFilters: setFilters, selectCycle: selectCycle, focus: focus,
    findOrg: findOrg, clearSelection: clearSelection, showEdge: showEdge, showNode: showNode,
    lit: litNow, veiled: function () { return veil !== null; },
    ready: false, readyAt: null, timings: timings
  };
  window.dealgraph = api;

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  if (options.physics && options.physics.enabled !== false) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      refit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  buildControls();
  apply();
  timings.controls = performance.now();
  if (meta.focus) focus(meta.focus);
})();
