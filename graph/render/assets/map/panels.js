/* dealgraph map, part 4 of 7: text-only DOM helpers and the details panel
 * of a loop, an edge or an organization. */

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
