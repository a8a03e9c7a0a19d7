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
  var groups = data.legend.groups.map(function (g) { return g.key; });
  var months = data.legend.months || [];
  var LANGS = ["en", "zh-Hant", "zh-Hans"];

  // One state rules the page: the graph, the loop list, the counts, the panel
  // and the URL hash all follow it. defaults() is the view the page opens with.
  function defaults() {
    return {
      relations: new Set(relations), minUsd: 0, keepUnknown: true, since: "", until: "",
      asOf: "", keepUndated: true, hiddenGroups: new Set(), loopsOnly: false,
      labels: meta.labels || "en", cycle: null, focus: null, edge: null, story: null
    };
  }
  var state = defaults();
  var applied = { nodes: {}, edges: {} };  // id -> hidden + state, as the DataSet shows it
  // the page opens drawn as built: labels in the script Python wrote them in
  nodeItems.forEach(function (n) { applied.nodes[n.id] = "falsenormal" + state.labels; });
  edgeItems.forEach(function (e) { applied.edges[e.id] = "falsenormal"; });
  var view = { shown: new Set(), loops: [], loopSet: new Set() };  // what apply() last showed

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
  function name(id) {
    var o = data.orgs[id];
    return o ? (o.labels && o.labels[state.labels]) || o.name : id;
  }
  function loopText(c) { return c.ids.concat([c.ids[0]]).map(name).join(" → "); }

  // the time slider: an edge is there as of month T when some evidence of it that
  // was not denied is dated in T or before; undated edges follow "keep undated"
  function inTime(e) {
    if (!state.asOf) return true;
    if (e.undated) return state.keepUndated;
    return !!e.visible_from && e.visible_from.slice(0, 7) <= state.asOf;
  }

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
    if (!inTime(e)) return false;
    if (state.hiddenGroups.size && (state.hiddenGroups.has(data.orgs[e.from].group) ||
        state.hiddenGroups.has(data.orgs[e.to].group))) return false;
    return true;
  }

  // the filters, then the loops they leave whole (every hop keeps an edge), then
  // "only edges on a loop"
  function compute() {
    var pass = new Set();
    edgeItems.forEach(function (e) { if (passes(e)) pass.add(e.id); });
    var loops = [];
    data.cycles.forEach(function (c, i) {
      var whole = c.hops.every(function (hop) {
        return hop.some(function (id) { return pass.has(id); });
      });
      if (whole) loops.push(i);
    });
    var shown = pass;
    if (state.loopsOnly) {
      shown = new Set();
      loops.forEach(function (i) {
        data.cycles[i].edge_ids.forEach(function (id) { if (pass.has(id)) shown.add(id); });
      });
    }
    return { shown: shown, loops: loops, loopSet: new Set(loops) };
  }

  function litSet(v) {
    if (state.cycle !== null) {
      var c = data.cycles[state.cycle];
      return {
        nodes: new Set(c.ids),
        edges: new Set(c.edge_ids.filter(function (id) { return v.shown.has(id); }))
      };
    }
    if (state.focus !== null) {
      var lit = { nodes: new Set([state.focus]), edges: new Set() };
      (incident[state.focus] || []).forEach(function (id) {
        if (!v.shown.has(id)) return;
        var e = base.edges[id];
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

  function hideTooltip() {
    var ih = network.interactionHandler;
    if (ih && ih.popup) { ih.popup.hide(); ih.popupObj = undefined; }
  }

  function apply() {
    var v = compute();
    if (state.cycle !== null && !v.loopSet.has(state.cycle)) state.cycle = null;
    if (state.story !== null && !v.loopSet.has(state.story)) state.story = null;
    if (state.edge !== null && !v.shown.has(state.edge)) state.edge = null;
    view = v;
    var lit = litSet(v);
    var shownNodes = new Set();
    var edgeUpdates = [], nodeUpdates = [];
    var shownEdges = 0;
    edgeItems.forEach(function (e) {
      var isLit = lit !== null && lit.edges.has(e.id);
      var hidden = !v.shown.has(e.id);
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
      var key = hidden + st + state.labels;
      if (applied.nodes[n.id] === key) return;
      applied.nodes[n.id] = key;
      var item = nodeStyle(n, hidden, st);
      item.label = n.labels ? n.labels[state.labels] || n.label : n.label;
      nodeUpdates.push(item);
    });
    hideTooltip();
    if (large) {
      // DataSet updates re-run each item's options (seconds for thousands of them):
      // large maps flip what is drawn on the network's own items instead
      var body = network.body;
      edgeUpdates.forEach(function (u) { var e = body.edges[u.id]; if (e) e.options.hidden = u.hidden; });
      nodeUpdates.forEach(function (u) {
        var n = body.nodes[u.id];
        if (!n) return;
        n.options.hidden = u.hidden;
        if (n.options.label !== u.label) n.setOptions({ label: u.label });
      });
      if (edgeUpdates.length || nodeUpdates.length) network._updateVisibleIndices();
    } else {
      if (edgeUpdates.length) edges.update(edgeUpdates);
      if (nodeUpdates.length) nodes.update(nodeUpdates);
    }
    if (large) {
      veil = lit === null ? null : { nodes: Array.from(lit.nodes), edges: Array.from(lit.edges) };
      network.body.emitter.emit("_requestRedraw");  // one redraw, merged with fit's
    }
    document.getElementById("dg-count").textContent =
      shownOrgs + " of " + nodeItems.length + " organizations · " + shownEdges + " of " +
      edgeItems.length + " edges · " + v.loops.length + " of " + data.cycles.length + " loops" +
      (large ? " · large-graph mode" : "");
    renderLoopList();
    renderPanel();
    renderLegend(v);
    renderStory();
    writeHash();
    return { nodes: shownOrgs, edges: shownEdges, loops: v.loops.length };
  }

  function litNow() {
    var lit = litSet(view);
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
    var said = [ev.amount_text, ev.amount_label, ev.status, ev.kind === "curated" ? "curated" : ""]
      .filter(function (x) { return x; }).join(" · ");
    if (said) box.appendChild(el("div", "dg-source", said));
    if (ev.url) box.appendChild(el("div", "dg-source", ev.url));
    if (ev.note) box.appendChild(el("div", "dg-source", ev.note));
    return box;
  }

  function placeholder() {
    clear(panel);
    panel.appendChild(el("p", "dg-note",
      "Choose a loop, an edge or an organization to see the deals and the quotes behind them."));
  }

  function showEdge(id) {
    var d = data.details[id];
    if (!d) return;
    var ends = id.split("|");
    clear(panel);
    panel.appendChild(el("h2", null, name(ends[0]) + " → " + name(ends[2])));
    panel.appendChild(el("div", "dg-note", d.relation_label + (d.money_flows ? "" : " (no money flows)")));
    var dl = el("dl");
    fact(dl, "amount", d.amount);
    fact(dl, "as written", d.amount_text);
    fact(dl, "qualifier", d.qualifier);
    fact(dl, "quantity", d.quantity);
    fact(dl, "date", d.date ? d.date + (d.date_inferred ? " (year inferred)" : "") : "");
    fact(dl, "on the map from", base.edges[id].visible_from ||
      (base.edges[id].undated ? "undated" : "never (denied)"));
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
    panel.appendChild(el("h2", null, name(id)));
    var dl = el("dl");
    if (name(id) !== o.name) fact(dl, "name", o.name);
    fact(dl, "kind", o.kind);
    fact(dl, "sector", o.sector ? o.sector.replace(/_/g, " ") : "");
    fact(dl, "tickers", o.tickers.join(", "));
    fact(dl, "money in", money(o.in_usd));
    fact(dl, "money out", money(o.out_usd));
    if (o.loss !== null && o.loss !== undefined) fact(dl, "relative loss", Math.round(o.loss * 100) + "%");
    panel.appendChild(dl);
    var loops = view.loops.filter(function (i) { return data.cycles[i].ids.indexOf(id) >= 0; });
    if (loops.length) {
      panel.appendChild(el("h3", null, "On " + loops.length + " loop" + (loops.length > 1 ? "s" : "")));
      loops.slice(0, 50).forEach(function (i) {
        var c = data.cycles[i];
        var row = el("div", "dg-hop");
        row.appendChild(linkButton(c.rank + ". " + loopText(c), function () { selectCycle(i); }));
        panel.appendChild(row);
      });
    }
    var ids = (incident[id] || []).filter(function (eid) { return view.shown.has(eid); });
    panel.appendChild(el("h3", null, ids.length + " deal" + (ids.length === 1 ? "" : "s")));
    ids.forEach(function (eid) {
      var d = data.details[eid];
      var ends = eid.split("|");
      var row = el("div", "dg-hop");
      row.appendChild(linkButton(name(ends[0]) + " " + d.relation_label + " " + name(ends[2]) +
        (d.amount ? " · " + d.amount : ""), function () { selectEdge(eid); }));
      panel.appendChild(row);
    });
  }

  function hopTitle(eid) {
    var d = data.details[eid];
    var ends = eid.split("|");
    return name(ends[0]) + " " + d.relation_label + " " + name(ends[2]) +
      (d.amount ? " · " + d.amount : d.quantity ? " · " + d.quantity : "") +
      (d.date ? " · " + d.date : "") + " · " + d.status;
  }

  function showCycle(i) {
    var c = data.cycles[i];
    clear(panel);
    panel.appendChild(el("h2", null, "Loop " + c.rank));
    panel.appendChild(el("div", null, loopText(c)));
    var dl = el("dl");
    fact(dl, "hops", c.length);
    fact(dl, "bottleneck", c.bottleneck || "unknown");
    fact(dl, "total", c.total);
    panel.appendChild(dl);
    var story = linkButton("Tell its story, hop by hop →", function () { openStory(i); });
    story.id = "dg-story-open";
    panel.appendChild(story);
    c.edge_ids.forEach(function (eid) {
      if (!view.shown.has(eid)) return;
      panel.appendChild(el("h3", null, hopTitle(eid)));
      data.details[eid].evidence.forEach(function (ev) { panel.appendChild(evidenceBlock(ev)); });
    });
  }

  function renderPanel() {
    document.body.classList.toggle("dg-has-panel",
      state.edge !== null || state.cycle !== null || state.focus !== null);
    if (state.edge !== null) showEdge(state.edge);
    else if (state.cycle !== null) showCycle(state.cycle);
    else if (state.focus !== null) showNode(state.focus);
    else placeholder();
  }

  // ---- the story of one loop: its hops left to right ---------------------------
  var storyBox = document.getElementById("dg-story");

  function renderStory() {
    clear(storyBox);
    storyBox.hidden = state.story === null;
    document.body.classList.toggle("dg-story-on", state.story !== null);
    if (state.story === null) return;
    storyBox.style.top = document.getElementById("dg-header").getBoundingClientRect().bottom + "px";
    var c = data.cycles[state.story];
    var sheet = el("div", "dg-story-sheet");  // what a picture of the story shows
    storyBox.appendChild(sheet);
    var head = el("div", "dg-story-head");
    head.appendChild(el("h2", null, "Loop " + c.rank + ": " + loopText(c)));
    head.appendChild(el("span", "dg-note", (c.bottleneck ? c.bottleneck + " goes round" : "amount unknown") +
      (c.total ? " · " + c.total + " in all" : "")));
    var close = linkButton("Back to the map", function () { closeStory(); });
    close.id = "dg-story-close";
    head.appendChild(close);
    sheet.appendChild(head);
    var row = el("div", "dg-story-row");
    c.ids.forEach(function (org, k) {
      row.appendChild(el("div", "dg-story-org", name(org)));
      var hop = el("div", "dg-story-hop");
      c.hops[k].forEach(function (eid) {
        if (!view.shown.has(eid)) return;
        var d = data.details[eid];
        var card = el("div", "dg-story-card");
        card.style.borderTopColor = base.edges[eid].color.color;
        card.appendChild(el("div", "dg-story-rel", d.relation_label + " →"));
        card.appendChild(el("div", "dg-story-amount", d.amount || d.quantity || "amount not given"));
        card.appendChild(el("div", "dg-note", [d.date || "undated", d.status].join(" · ")));
        var ev = d.evidence[0];
        if (ev) {
          card.appendChild(el("p", "dg-quote", "“" + ev.quote + "”"));
          card.appendChild(el("div", "dg-source", "— " + [ev.article_title || ev.locator || ev.article_id,
            ev.outlet].filter(function (x) { return x; }).join(" · ")));
          if (d.evidence.length > 1) card.appendChild(el("div", "dg-note", "+" + (d.evidence.length - 1) + " more sources"));
        }
        hop.appendChild(card);
      });
      row.appendChild(hop);
    });
    row.appendChild(el("div", "dg-story-org", name(c.ids[0])));
    sheet.appendChild(row);
    if (meta.source) sheet.appendChild(el("div", "dg-source", meta.source));
  }

  function openStory(i) {
    state.story = i;
    state.cycle = i;
    state.focus = null;
    state.edge = null;
    return apply();
  }

  function closeStory() {
    state.story = null;
    return apply();
  }

  // ---- the legend on the map and the loop list ---------------------------------
  function renderLegend(v) {
    var box = document.getElementById("dg-legend");
    clear(box);
    var present = {};
    v.shown.forEach(function (id) { present[base.edges[id].relation] = true; });
    data.legend.relations.forEach(function (r) {
      if (!present[r.name]) return;
      var item = el("span", "dg-legend-item");
      var swatch = el("span", "dg-swatch" + (r.money_flows ? "" : " dg-dashed"));
      swatch.style.background = r.colour;
      swatch.style.color = r.colour;
      item.appendChild(swatch);
      item.appendChild(el("span", null, r.label));
      box.appendChild(item);
    });
    if (state.asOf) box.appendChild(el("span", "dg-legend-item dg-note", "as of " + state.asOf));
  }

  function renderLoopList() {
    var items = document.querySelectorAll("#dg-cycles li[data-loop]");
    for (var i = 0; i < items.length; i++) {
      var k = Number(items[i].getAttribute("data-loop"));
      items[i].hidden = !view.loopSet.has(k);
      items[i].classList.toggle("dg-active", state.cycle === k);
      items[i].querySelector(".dg-loop-names").textContent = loopText(data.cycles[k]) + " ";
    }
    var none = document.getElementById("dg-no-loops");
    none.hidden = view.loops.length > 0;
    none.textContent = data.cycles.length ? "No loop is left whole by these filters." : "No loops in this map.";
    document.getElementById("dg-loop-count").textContent =
      "(" + view.loops.length + " of " + data.cycles.length + ", ranked by bottleneck)";
  }

  // ---- actions -----------------------------------------------------------------------
  function selectCycle(i) {
    if (i !== null && !view.loopSet.has(i)) return null;
    state.cycle = i;
    state.focus = null;
    state.edge = null;
    var shown = apply();
    if (i !== null) network.fit({ nodes: data.cycles[i].ids, animation: false });
    return shown;
  }

  function selectEdge(id) {
    if (!view.shown.has(id)) return false;
    state.edge = id;
    apply();
    return true;
  }

  function around(id) {
    return [id].concat((incident[id] || []).filter(function (eid) {
      return view.shown.has(eid);
    }).map(function (eid) {
      var e = base.edges[eid];
      return e.from === id ? e.to : e.from;
    }));
  }

  function focus(id) {
    if (!data.orgs[id]) return false;
    state.focus = id;
    state.cycle = null;
    state.edge = null;
    apply();
    network.selectNodes([id]);
    network.fit({ nodes: around(id), animation: false });
    return true;
  }

  function refit() {
    if (state.cycle !== null) network.fit({ nodes: data.cycles[state.cycle].ids, animation: false });
    else if (state.focus !== null) focus(state.focus);
    else network.fit({ animation: false });
  }

  function clearSelection() {
    state.cycle = null;
    state.focus = null;
    state.edge = null;
    state.story = null;
    network.unselectAll();
    return apply();
  }

  // Clear: back to the view the page opened with (filters, selection, panel, zoom)
  function reset() {
    state = defaults();
    api.state = state;
    syncControls();
    network.unselectAll();
    hideTooltip();
    var shown = apply();
    if (home && home.width === container.clientWidth && home.height === container.clientHeight) {
      network.moveTo({ scale: home.scale, position: home.position, animation: false });
    } else {
      network.fit({ animation: false });
    }
    return shown;
  }

  function findOrg(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var ids = Object.keys(data.orgs);
    function names(id) { return data.orgs[id].search.concat(LANGS.map(function (l) { return data.orgs[id].labels[l]; })); }
    var exact = ids.filter(function (id) {
      return names(id).some(function (s) { return s.toLowerCase() === q; });
    });
    if (exact.length) return exact[0];
    var partial = ids.filter(function (id) {
      return names(id).some(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
    });
    return partial.length ? partial[0] : null;
  }

  function setFilters(changes) {
    Object.keys(changes).forEach(function (k) {
      var value = changes[k];
      if ((k === "relations" || k === "hiddenGroups") && !(value instanceof Set)) value = new Set(value);
      state[k] = value;
    });
    syncControls();
    return apply();
  }

  function setLabels(lang) {
    if (LANGS.indexOf(lang) < 0) return false;
    state.labels = lang;
    syncControls();
    apply();
    return true;
  }

  // ---- the URL hash keeps the state: a link opens the same view ---------------------
  function encodeState() {
    var d = defaults(), p = new URLSearchParams();
    var rel = relations.filter(function (r) { return state.relations.has(r); });
    if (rel.length !== relations.length) p.set("rel", rel.join(","));
    if (state.minUsd) p.set("min", String(state.minUsd / 1e9));
    if (!state.keepUnknown) p.set("unknown", "0");
    if (state.since) p.set("since", state.since);
    if (state.until) p.set("until", state.until);
    if (state.asOf) p.set("asof", state.asOf);
    if (!state.keepUndated) p.set("undated", "0");
    if (state.hiddenGroups.size) p.set("hide", Array.from(state.hiddenGroups).join(","));
    if (state.loopsOnly) p.set("loops", "1");
    if (state.labels !== d.labels) p.set("labels", state.labels);
    if (state.cycle !== null) p.set("loop", String(data.cycles[state.cycle].rank));
    if (state.story !== null) p.set("story", "1");
    if (state.focus !== null) p.set("focus", state.focus);
    if (state.edge !== null) p.set("edge", state.edge);
    return p.toString();
  }

  function readHash(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    var s = defaults();
    var date = /^\d{4}-\d{2}-\d{2}$/;
    if (p.has("rel")) s.relations = new Set(p.get("rel").split(",").filter(function (r) { return relations.indexOf(r) >= 0; }));
    var min = parseFloat(p.get("min"));
    if (isFinite(min) && min > 0) s.minUsd = min * 1e9;
    if (p.get("unknown") === "0") s.keepUnknown = false;
    if (date.test(p.get("since") || "")) s.since = p.get("since");
    if (date.test(p.get("until") || "")) s.until = p.get("until");
    if (months.indexOf(p.get("asof")) >= 0) s.asOf = p.get("asof");
    if (p.get("undated") === "0") s.keepUndated = false;
    if (p.has("hide")) s.hiddenGroups = new Set(p.get("hide").split(",").filter(function (g) { return groups.indexOf(g) >= 0; }));
    if (p.get("loops") === "1") s.loopsOnly = true;
    if (LANGS.indexOf(p.get("labels")) >= 0) s.labels = p.get("labels");
    var rank = parseInt(p.get("loop"), 10);
    if (rank >= 1 && rank <= data.cycles.length) {
      s.cycle = rank - 1;
      if (p.get("story") === "1") s.story = rank - 1;
    }
    if (data.orgs[p.get("focus")] && s.cycle === null) s.focus = p.get("focus");
    if (data.details[p.get("edge")]) s.edge = p.get("edge");
    return s;
  }

  var hashWritten = "";
  function writeHash() {
    if (!ready) return;
    var text = encodeState();
    if (text === hashWritten) return;
    hashWritten = text;
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (err) {
      location.hash = text;
    }
  }

  // ---- controls --------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  function syncControls() {
    var boxes = document.querySelectorAll("#dg-relations input");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = state.relations.has(boxes[i].value);
    var scope = document.querySelectorAll("#dg-groups input");
    for (var j = 0; j < scope.length; j++) scope[j].checked = !state.hiddenGroups.has(scope[j].value);
    $("dg-min").value = String(state.minUsd / 1e9);
    $("dg-unknown").checked = state.keepUnknown;
    $("dg-since").value = state.since;
    $("dg-until").value = state.until;
    $("dg-undated").checked = state.keepUndated;
    $("dg-loops-only").checked = state.loopsOnly;
    $("dg-labels").value = state.labels;
    var slider = $("dg-asof");
    slider.value = String(state.asOf ? months.indexOf(state.asOf) : months.length);
    $("dg-asof-label").textContent = state.asOf ? "as of the end of " + state.asOf : "all dates";
  }

  function buildControls() {
    $("dg-title").textContent = meta.title;
    $("dg-subtitle").textContent = meta.subtitle || "";
    document.title = meta.title;

    var names = $("dg-org-names");
    Object.keys(data.orgs).forEach(function (id) {
      var opt = document.createElement("option");
      opt.value = data.orgs[id].name;
      names.appendChild(opt);
    });
    var search = $("dg-search");
    var msg = $("dg-search-msg");
    function runSearch() {
      var id = findOrg(search.value);
      msg.textContent = id || !search.value.trim() ? "" : "No organization matches “" + search.value + "”.";
      if (id) focus(id);
    }
    search.addEventListener("change", runSearch);
    search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });
    $("dg-clear").addEventListener("click", function () {
      search.value = "";
      msg.textContent = "";
      reset();
    });

    var list = $("dg-cycles");
    var none = el("li", "dg-note");
    none.id = "dg-no-loops";
    list.appendChild(none);
    data.cycles.forEach(function (c, i) {
      var li = el("li");
      li.setAttribute("data-loop", String(i));
      li.value = c.rank;
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", "dg-loop-names", loopText(c) + " "));
      b.appendChild(el("span", "dg-money", c.bottleneck ? c.bottleneck + " goes round" : "amount unknown"));
      b.addEventListener("click", function () { selectCycle(state.cycle === i ? null : i); });
      li.appendChild(b);
      list.appendChild(li);
    });

    var rel = $("dg-relations");
    data.legend.relations.forEach(function (r) {
      var label = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
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

    var groupBox = $("dg-groups");
    if (data.legend.stress) {
      var g = el("div", "dg-gradient");
      g.appendChild(el("span", null, "loss 0%"));
      data.legend.stress.forEach(function (c) {
        var dot = el("span", "dg-dot");
        dot.style.background = c;
        g.appendChild(dot);
      });
      g.appendChild(el("span", null, "100%"));
      groupBox.appendChild(g);
    }
    // the scope: organizations by sector (untick one to drop its edges)
    data.legend.groups.forEach(function (grp) {
      var label = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = grp.key;
      box.addEventListener("change", function () {
        if (box.checked) state.hiddenGroups.delete(grp.key); else state.hiddenGroups.add(grp.key);
        apply();
      });
      var dot = el("span", "dg-dot");
      dot.style.background = grp.colour;
      label.appendChild(box);
      if (!data.legend.stress) label.appendChild(dot);
      label.appendChild(el("span", null, grp.name));
      groupBox.appendChild(label);
    });

    $("dg-min").addEventListener("input", function (ev) {
      var v = parseFloat(ev.target.value);
      state.minUsd = isFinite(v) && v > 0 ? v * 1e9 : 0;
      apply();
    });
    $("dg-unknown").addEventListener("change", function (ev) { state.keepUnknown = ev.target.checked; apply(); });
    $("dg-since").addEventListener("change", function (ev) { state.since = ev.target.value; apply(); });
    $("dg-until").addEventListener("change", function (ev) { state.until = ev.target.value; apply(); });
    $("dg-undated").addEventListener("change", function (ev) { state.keepUndated = ev.target.checked; apply(); });
    $("dg-loops-only").addEventListener("change", function (ev) { state.loopsOnly = ev.target.checked; apply(); });

    var slider = $("dg-asof");
    slider.max = String(months.length);
    slider.disabled = months.length === 0;
    slider.addEventListener("input", function () {
      var k = Number(slider.value);
      state.asOf = k >= months.length ? "" : months[k];
      syncControls();
      apply();
    });
    $("dg-asof-note").textContent = months.length
      ? months[0] + " to " + months[months.length - 1] + ". An edge appears in the month of its first " +
        "dated evidence that was not denied; " + data.legend.undated + " undated edge" +
        (data.legend.undated === 1 ? "" : "s") + " follow the box below."
      : "No edge on this map is dated.";

    var labels = $("dg-labels");
    labels.addEventListener("change", function () { setLabels(labels.value); });

    $("dg-toggle").addEventListener("click", function () {
      document.body.classList.toggle("dg-collapsed");
      network.redraw();
    });
    $("dg-panel-close").addEventListener("click", function () { clearSelection(); });
    $("dg-export-png").addEventListener("click", function () { api.download("png"); });
    $("dg-export-svg").addEventListener("click", function () { api.download("svg"); });
  }

  network.on("click", function (params) {
    hideTooltip();
    if (params.nodes.length) {
      focus(params.nodes[0]);
    } else if (params.edges.length) {
      selectEdge(params.edges[0]);
    } else {
      clearSelection();
    }
  });

  var ready = false;
  var api = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    apply: apply, setFilters: setFilters, selectCycle: selectCycle, focus: focus,
    selectEdge: selectEdge, openStory: openStory, closeStory: closeStory, setLabels: setLabels,
    findOrg: findOrg, clearSelection: clearSelection, reset: reset, showEdge: selectEdge,
    showNode: focus, encodeState: encodeState, hideTooltip: hideTooltip,
    view: function () {
      return { edges: Array.from(view.shown), loops: view.loops.map(function (i) { return data.cycles[i].rank; }) };
    },
    lit: litNow, veiled: function () { return veil !== null; }, name: name,
    ready: false, readyAt: null, timings: timings
  };
  window.dealgraph = api;

  var home = null;  // the zoom the page opened with, for Clear
  function markReady() {
    if (api.ready) return;
    home = state.focus !== null || state.cycle !== null ? null : {
      scale: network.getScale(), position: network.getViewPosition(),
      width: container.clientWidth, height: container.clientHeight
    };
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
  if (window.innerWidth < 900) document.body.classList.add("dg-collapsed");
  if (meta.focus) state.focus = meta.focus;
  if (meta.story !== null && meta.story !== undefined) { state.cycle = meta.story; state.story = meta.story; }
  if (location.hash.length > 1) { state = readHash(location.hash); api.state = state; }
  syncControls();
  ready = true;
  apply();
  timings.controls = performance.now();
  if (state.focus !== null) focus(state.focus);
  else if (state.cycle !== null) network.fit({ nodes: data.cycles[state.cycle].ids, animation: false });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") === hashWritten) return;
    state = readHash(location.hash);
    api.state = state;
    syncControls();
    apply();
    refit();
  });
})();
