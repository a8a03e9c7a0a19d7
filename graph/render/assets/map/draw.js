/* dealgraph map, part 2 of 7: apply() draws the state, on the network and
 * in the counts, the lists and the panels. */

var DIM_EDGE = "#d6d9dd";
var DIM_NODE = { background: "#eef0f2", border: "#d6d9dd" };
var DIM_FONT = "rgba(110, 119, 129, 0.35)";

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
