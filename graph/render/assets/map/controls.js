/* dealgraph map, part 7 of 7: the controls, window.dealgraph, and the start. */

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
