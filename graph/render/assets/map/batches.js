/* dealgraph map, part 3 of 7: large maps drawn in batches.
 *
 * vis-network strokes each edge and fills each arrowhead on its own, which is
 * most of a redraw of 20,000 edges (about 0.15 s of 0.22 s). Large maps stroke
 * their edges in one path per colour, width (to the half unit) and dash, and
 * fill arrowheads HEADS_PER_FILL at a time per colour; an arrowhead shorter
 * than ARROW_MIN screen pixels (zoomed out) is left out. The few selected or
 * hovered edges and self-loops are still drawn by vis-network, and so are the
 * labels of the edges in view once zoomed in far enough to read them. */

var ARROW_MIN = 2;
// one fill of thousands of overlapping triangles is far slower than many small ones
var HEADS_PER_FILL = 16;

function drawInBatches(renderer) {
  var body = network.body, own = [];
  var edgeFont = options.edges.font.size, threshold = options.edges.scaling.label.drawThreshold;
  function stroke(ctx, groups) {
    Object.keys(groups).forEach(function (key) {
      var g = groups[key], list = g.edges;
      ctx.strokeStyle = g.colour;
      ctx.lineWidth = g.width;
      ctx.globalAlpha = g.alpha;
      ctx.setLineDash(g.dashes ? [5, 5] : []);
      ctx.lineCap = g.dashes ? "round" : "butt";
      ctx.beginPath();
      for (var i = 0; i < list.length; i++) {
        ctx.moveTo(list[i].from.x, list[i].from.y);
        ctx.lineTo(list[i].to.x, list[i].to.y);
      }
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }
  function inView() {
    var c = renderer.canvas, frame = c.frame.canvas;
    var a = c.DOMtoCanvas({ x: 0, y: 0 }), b = c.DOMtoCanvas({ x: frame.clientWidth, y: frame.clientHeight });
    return function (x, y) { return x >= a.x && x <= b.x && y >= a.y && y <= b.y; };
  }
  renderer._drawEdges = function (ctx) {
    var scale = body.view.scale, thinnest = 0.3 / scale, ids = body.edgeIndices, groups = {};
    own = [];
    for (var i = 0; i < ids.length; i++) {
      var e = body.edges[ids[i]];
      if (!e.connected) continue;
      if (e.selected || e.hover || e.from === e.to) { own.push(e); continue; }
      var o = e.options, w = Math.max(Math.round(o.width * 2) / 2, thinnest);
      var alpha = o.color.opacity === undefined ? 1 : o.color.opacity;
      var key = o.color.color + "|" + w + "|" + (o.dashes ? 1 : 0) + "|" + alpha;
      var g = groups[key] || (groups[key] = { colour: o.color.color, width: w, dashes: !!o.dashes, alpha: alpha, edges: [] });
      g.edges.push(e);
    }
    stroke(ctx, groups);
    if (edgeFont * scale >= threshold - 1) {  // labels can be read: those in view
      var seen = inView();
      for (var j = 0; j < ids.length; j++) {
        var f = body.edges[ids[j]];
        if (!f.connected || f.selected || f.hover || f.from === f.to || f.options.label === undefined) continue;
        if (seen((f.from.x + f.to.x) / 2, (f.from.y + f.to.y) / 2)) f.drawLabel(ctx, f.edgeType.getViaNode());
      }
    }
    own.forEach(function (edge) { edge.draw(ctx); });
  };
  renderer._drawArrows = function (ctx) {
    var scale = body.view.scale, thinnest = 0.3 / scale, ids = body.edgeIndices, heads = {};
    for (var i = 0; i < ids.length; i++) {
      var e = body.edges[ids[i]];
      if (!e.connected || e.selected || e.hover || e.from === e.to) continue;
      var o = e.options, length = 15 * o.arrows.to.scaleFactor + 3 * Math.max(o.width, thinnest);
      if (length * scale < ARROW_MIN || !o.arrows.to.enabled) continue;
      var angle = Math.atan2(e.to.y - e.from.y, e.to.x - e.from.x);
      var cos = Math.cos(angle), sin = Math.sin(angle), r = e.to.distanceToBorder(null, angle);
      var x = e.to.x - r * cos, y = e.to.y - r * sin;
      var alpha = o.color.opacity === undefined ? 1 : o.color.opacity, hk = o.color.color + "|" + alpha;
      var list = heads[hk] || (heads[hk] = []);
      list.push(x, y, x - length * cos + 0.3 * length * sin, y - length * sin - 0.3 * length * cos,
        x - 0.9 * length * cos, y - 0.9 * length * sin,
        x - length * cos - 0.3 * length * sin, y - length * sin + 0.3 * length * cos);
    }
    Object.keys(heads).forEach(function (hk) {
      var p = heads[hk], colourAlpha = hk.split("|");
      ctx.fillStyle = colourAlpha[0];
      ctx.globalAlpha = Number(colourAlpha[1]);
      for (var start = 0; start < p.length; start += 8 * HEADS_PER_FILL) {
        ctx.beginPath();
        for (var k = start; k < Math.min(start + 8 * HEADS_PER_FILL, p.length); k += 8) {
          ctx.moveTo(p[k], p[k + 1]);
          ctx.lineTo(p[k + 2], p[k + 3]);
          ctx.lineTo(p[k + 4], p[k + 5]);
          ctx.lineTo(p[k + 6], p[k + 7]);
          ctx.closePath();
        }
        ctx.fill();
      }
    });
    ctx.globalAlpha = 1;
    own.forEach(function (edge) { edge.drawArrows(ctx); });
  };
}
if (large) drawInBatches(network.renderer);
