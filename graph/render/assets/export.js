/* dealgraph map: pictures for a story. PNG (2x by default) and SVG of what the
 * map shows now, framed by the title, the legend and the source line. Both
 * pictures share one layout; `dealgraph map --png/--svg` calls the same
 * functions in headless Chromium. */
(function () {
  "use strict";
  var api = window.dealgraph;
  var network = api.network, data = api.data, meta = data.meta;
  var FONT = "system-ui, 'Noto Sans CJK TC', 'Noto Sans CJK SC', sans-serif";
  var PAD = 16, HEAD = 58, ROW = 20, FOOT = 28;

  function measurer() {
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = "12px " + FONT;
    return ctx;
  }

  function legendItems() {
    var present = {}, groups = {};
    api.view().edges.forEach(function (id) { present[id.split("|")[1]] = true; });
    api.nodes.get({ filter: function (n) { return !n.hidden; } }).forEach(function (n) {
      groups[data.orgs[n.id].group] = true;
    });
    var items = data.legend.relations.filter(function (r) { return present[r.name]; })
      .map(function (r) { return { kind: "line", colour: r.colour, dashed: !r.money_flows, text: r.label }; });
    if (data.legend.stress) {
      items.push({ kind: "text", text: "organization colour: relative loss, pale 0% to dark red 100%" });
    } else {
      data.legend.groups.forEach(function (g) {
        if (groups[g.key]) items.push({ kind: "dot", colour: g.colour, text: g.name });
      });
    }
    return items;
  }

  function footer() {
    var asOf = api.state.asOf;
    return [meta.source, asOf ? "as of the end of " + asOf : "", "drawn with dealgraph"]
      .filter(function (x) { return x; }).join(" · ");
  }

  // the source line in lines no wider than `width`, broken at spaces where it can be
  function wrap(ctx, text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }

  /** Where everything goes, in CSS pixels: the graph keeps the size it has on screen. */
  function layout() {
    var box = document.getElementById("dg-network");
    var w = box.clientWidth, h = box.clientHeight;
    var ctx = measurer();
    var items = legendItems(), x = PAD, row = 0;
    items.forEach(function (it) {
      var width = (it.kind === "line" ? 28 : it.kind === "dot" ? 16 : 0) + ctx.measureText(it.text).width + 16;
      if (x + width > w - PAD && x > PAD) { x = PAD; row += 1; }
      it.x = x;
      it.row = row;
      x += width;
    });
    var legendH = items.length ? (row + 1) * ROW + 6 : 0;
    var foot = wrap(ctx, footer(), w - 2 * PAD);
    return {
      width: w, height: HEAD + h + legendH + FOOT + (foot.length - 1) * ROW,
      graph: { y: HEAD, w: w, h: h }, legendY: HEAD + h + 4, items: items,
      footY: HEAD + h + legendH + 18, foot: foot
    };
  }

  // the drawing itself at `scale` device pixels per CSS pixel
  function graphCanvas(scale) {
    var c = network.canvas;
    c._setPixelRatio = function () { this.pixelRatio = scale; };
    var copy = document.createElement("canvas");
    try {
      c.setSize();
      network.renderer._redraw();
      var src = c.frame.canvas;
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext("2d").drawImage(src, 0, 0);
    } finally {
      delete c._setPixelRatio;
      c.setSize();
      network.renderer._redraw();
    }
    return copy;
  }

  function png(scale) {
    scale = scale || 2;
    var L = layout();
    var out = document.createElement("canvas");
    out.width = Math.round(L.width * scale);
    out.height = Math.round(L.height * scale);
    var ctx = out.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, L.width, L.height);
    ctx.fillStyle = "#1f2328";
    ctx.font = "600 20px " + FONT;
    ctx.fillText(meta.title, PAD, 28);
    ctx.fillStyle = "#57606a";
    ctx.font = "13px " + FONT;
    if (meta.subtitle) ctx.fillText(meta.subtitle, PAD, 48);
    ctx.drawImage(graphCanvas(scale), 0, L.graph.y, L.graph.w, L.graph.h);
    ctx.font = "12px " + FONT;
    L.items.forEach(function (it) {
      var y = L.legendY + it.row * ROW + ROW / 2, x = it.x;
      if (it.kind === "line") {
        ctx.strokeStyle = it.colour;
        ctx.lineWidth = 4;
        ctx.setLineDash(it.dashed ? [5, 3] : []);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 22, y);
        ctx.stroke();
        ctx.setLineDash([]);
        x += 28;
      } else if (it.kind === "dot") {
        ctx.fillStyle = it.colour;
        ctx.beginPath();
        ctx.arc(x + 5, y, 5, 0, 2 * Math.PI);
        ctx.fill();
        x += 16;
      }
      ctx.fillStyle = "#333333";
      ctx.fillText(it.text, x, y + 4);
    });
    ctx.fillStyle = "#57606a";
    L.foot.forEach(function (line, k) { ctx.fillText(line, PAD, L.footY + k * ROW); });
    return out.toDataURL("image/png");
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
  function num(v) { return Math.round(v * 10) / 10; }

  function svg() {
    var L = layout(), out = [], defs = {}, scale = network.getScale();
    var threshold = meta.large ? 14 : 5;
    var body = network.body, gy = L.graph.y;
    function at(p) { var d = network.canvasToDOM(p); return { x: d.x, y: d.y + gy }; }
    function marker(colour) {
      var id = "dg-arrow-" + colour.replace(/[^0-9a-zA-Z]/g, "");
      defs[id] = '<marker id="' + id + '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" ' +
        'markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="' + esc(colour) + '"/></marker>';
      return id;
    }
    var edgeParts = [], labelParts = [];
    body.edgeIndices.forEach(function (id) {
      var e = body.edges[id];
      if (!e || e.options.hidden || !e.from || !e.to || e.from.options.hidden || e.to.options.hidden) return;
      var a = at({ x: e.from.x, y: e.from.y }), b = at({ x: e.to.x, y: e.to.y });
      var via = e.edgeType && e.edgeType._getViaCoordinates ? e.edgeType._getViaCoordinates() : null;
      var v = via && via.x !== undefined ? at(via) : null;
      var towards = v || a, dx = b.x - towards.x, dy = b.y - towards.y, len = Math.hypot(dx, dy) || 1;
      var r = (e.to.options.size || 8) * scale + 1;
      var end = { x: b.x - dx / len * r, y: b.y - dy / len * r };
      var colour = e.options.color.color || "#999999";
      var d = "M" + num(a.x) + "," + num(a.y) + (v ? " Q" + num(v.x) + "," + num(v.y) + " " : " L") +
        num(end.x) + "," + num(end.y);
      edgeParts.push('<path d="' + d + '" fill="none" stroke="' + esc(colour) + '" stroke-opacity="' +
        (e.options.color.opacity === undefined ? 1 : e.options.color.opacity) + '" stroke-width="' +
        num(Math.max(e.options.width * scale, 0.5)) + '"' + (e.options.dashes ? ' stroke-dasharray="5 4"' : "") +
        ' marker-end="url(#' + marker(colour) + ')"/>');
      var label = e.options.label;
      var fontSize = (e.options.font && e.options.font.size || 12) * scale;
      if (label && fontSize >= threshold) {
        var m = at(e.edgeType.getPoint(0.5));
        labelParts.push('<text x="' + num(m.x) + '" y="' + num(m.y + 4) + '" font-size="' + num(fontSize) +
          '" text-anchor="middle" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">' +
          esc(label) + "</text>");
      }
    });
    var nodeParts = [];
    body.nodeIndices.forEach(function (id) {
      var n = body.nodes[id];
      if (!n || n.options.hidden) return;
      var p = at({ x: n.x, y: n.y }), r = n.options.size * scale, c = n.options.color;
      nodeParts.push('<circle cx="' + num(p.x) + '" cy="' + num(p.y) + '" r="' + num(r) + '" fill="' +
        esc(c.background) + '" stroke="' + esc(c.border) + '" stroke-width="' + num(Math.max(1.5 * scale, 0.5)) + '"/>');
      var size = n.options.font.size * scale;
      if (n.options.label && size >= threshold) {
        labelParts.push('<text x="' + num(p.x) + '" y="' + num(p.y + r + size) + '" font-size="' + num(size) +
          '" text-anchor="middle" fill="' + esc(n.options.font.color || "#1f2328") +
          '" stroke="#ffffff" stroke-width="4" paint-order="stroke">' + esc(n.options.label) + "</text>");
      }
    });
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + L.width + '" height="' + L.height +
      '" viewBox="0 0 ' + L.width + " " + L.height + '" font-family="' + esc(FONT) + '">');
    out.push("<defs>" + Object.keys(defs).map(function (k) { return defs[k]; }).join("") +
      '<clipPath id="dg-clip"><rect x="0" y="' + gy + '" width="' + L.graph.w + '" height="' + L.graph.h + '"/></clipPath></defs>');
    out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    out.push('<text x="' + PAD + '" y="28" font-size="20" font-weight="600" fill="#1f2328">' + esc(meta.title) + "</text>");
    if (meta.subtitle) out.push('<text x="' + PAD + '" y="48" font-size="13" fill="#57606a">' + esc(meta.subtitle) + "</text>");
    out.push('<g clip-path="url(#dg-clip)">' + edgeParts.join("") + nodeParts.join("") + labelParts.join("") + "</g>");
    L.items.forEach(function (it) {
      var y = L.legendY + it.row * ROW + ROW / 2, x = it.x;
      if (it.kind === "line") {
        out.push('<line x1="' + x + '" y1="' + y + '" x2="' + (x + 22) + '" y2="' + y + '" stroke="' + esc(it.colour) +
          '" stroke-width="4"' + (it.dashed ? ' stroke-dasharray="5 3"' : "") + "/>");
        x += 28;
      } else if (it.kind === "dot") {
        out.push('<circle cx="' + (x + 5) + '" cy="' + y + '" r="5" fill="' + esc(it.colour) + '"/>');
        x += 16;
      }
      out.push('<text x="' + num(x) + '" y="' + (y + 4) + '" font-size="12" fill="#333333">' + esc(it.text) + "</text>");
    });
    L.foot.forEach(function (line, k) {
      out.push('<text x="' + PAD + '" y="' + (L.footY + k * ROW) + '" font-size="12" fill="#57606a">' + esc(line) + "</text>");
    });
    out.push("</svg>");
    return out.join("\n");
  }

  function slug() {
    return (meta.title || "dealgraph-map").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "dealgraph-map";
  }

  function download(kind) {
    var a = document.createElement("a");
    if (kind === "svg") {
      a.href = URL.createObjectURL(new Blob([svg()], { type: "image/svg+xml" }));
    } else {
      a.href = png(2);
    }
    a.download = slug() + "." + kind;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  api.exportSize = function () { var L = layout(); return { width: L.width, height: L.height }; };
  api.png = png;
  api.svg = svg;
  api.download = download;
})();
