/* dealgraph map, part 5 of 7: one loop's story, the legend and the loop list. */

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
      var ev = storyEvidence(d.evidence);
      if (ev && ev.kind === "curated" && ev.title) {  // a row of a deal list: its title, its link
        card.appendChild(el("p", "dg-deal-title", ev.title));
        card.appendChild(el("div", "dg-source", "— " + ["curated deal list", host(ev.url)]
          .filter(function (x) { return x; }).join(" · ")));
      } else if (ev) {
        card.appendChild(el("p", "dg-quote", "“" + ev.quote + "”"));
        card.appendChild(el("div", "dg-source", "— " + [ev.article_title || ev.locator || ev.article_id,
          ev.outlet].filter(function (x) { return x; }).join(" · ")));
      }
      if (d.evidence.length > 1) card.appendChild(el("div", "dg-note", "+" + (d.evidence.length - 1) + " more sources"));
      hop.appendChild(card);
    });
    row.appendChild(hop);
  });
  row.appendChild(el("div", "dg-story-org", name(c.ids[0])));
  sheet.appendChild(row);
  if (meta.source) sheet.appendChild(el("div", "dg-source", meta.source));
}

// a hop's story quotes an article where one states it, else the deal list's row
function storyEvidence(evidence) {
  for (var i = 0; i < evidence.length; i++) if (evidence[i].kind !== "curated") return evidence[i];
  return evidence[0];
}

function host(url) {
  try { return url ? new URL(url).hostname.replace(/^www\./, "") : ""; } catch (err) { return ""; }
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
