/* dealgraph map, part 1 of 7: the data, the network and the page's one state.
 * The parts are inlined in order into one function by map.html.j2 and share
 * its scope. Data comes from JSON script blocks; every piece of text reaches
 * the page through textContent (never innerHTML), and vis-network shows
 * string tooltips as plain text. window.dealgraph is the page's API (tests
 * use it). */

function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
var data = readJson("dg-data");
var nodeItems = readJson("dg-nodes");
var edgeItems = readJson("dg-edges");
var options = readJson("dg-options");
var meta = data.meta;
var timings = { parsed: performance.now() };

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
