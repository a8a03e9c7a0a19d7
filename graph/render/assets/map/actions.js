/* dealgraph map, part 6 of 7: what the reader can do, and the URL hash that
 * keeps the state so a link opens the same view. */

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
  // the legend is back to its first size, and so is the map above it: the canvas
  // follows now (vis-network would rescale the view when it noticed, later)
  network.setSize();
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
