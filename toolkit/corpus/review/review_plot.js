/* review_plot.js: the review page's plot of the alignment path (zoom,
 * pan, follow the selected bead, click to go there) and the strip of the
 * scores along the text. Part of the page's script (see review.js). */
  /* ---------- the plot and the score strip ---------- */
  var plot = $('plot'), strip = $('strip'), PW = 350, PH = 350, M = 30, SH = 56;
  var view = {x0: 0, x1: Math.max(NS, 1), y0: 0, y1: Math.max(NT, 1)};
  function follow() { return $('follow').checked; }
  function sizeCanvases() {
    var r = window.devicePixelRatio || 1;
    [[plot, PW, PH], [strip, PW, SH]].forEach(function (c) {
      c[0].width = c[1] * r; c[0].height = c[2] * r;
      c[0].style.width = c[1] + 'px'; c[0].style.height = c[2] + 'px';
      c[0].getContext('2d').setTransform(r, 0, 0, r, 0, 0);
    });
  }
  function centreOf(b) { return [b.s + b.sn / 2, b.t + b.tn / 2]; }
  function zoom(f, cx, cy) {
    var w = (view.x1 - view.x0) * f, h = (view.y1 - view.y0) * f;
    if (cx === undefined) { var c = centreOf(beads[cur] || new Bead(0, 0, 0, 0, 0)); cx = c[0]; cy = c[1]; }
    w = Math.max(8, Math.min(Math.max(NS, 1) * 1.5, w));
    h = Math.max(8, Math.min(Math.max(NT, 1) * 1.5, h));
    view = {x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2};
    drawPlot();
  }
  function whole() { view = {x0: 0, x1: Math.max(NS, 1), y0: 0, y1: Math.max(NT, 1)}; drawPlot(); }
  function px(x) { return M + (x - view.x0) / (view.x1 - view.x0) * (PW - M - 6); }
  function py(y) { return M + (y - view.y0) / (view.y1 - view.y0) * (PH - M - 6); }
  function drawPlot() {
    if (follow() && beads.length) {
      var c = centreOf(beads[cur]), w = view.x1 - view.x0, h = view.y1 - view.y0;
      view = {x0: c[0] - w / 2, x1: c[0] + w / 2, y0: c[1] - h / 2, y1: c[1] + h / 2};
    }
    var g = plot.getContext('2d');
    g.clearRect(0, 0, PW, PH);
    g.save();
    g.beginPath(); g.rect(M, M, PW - M - 6, PH - M - 6); g.clip();
    g.fillStyle = '#fff'; g.fillRect(M, M, PW, PH);
    /* The rows on screen, as a band. */
    if (beads.length && winB > winA) {
      var a = beads[winA], z = beads[winB - 1];
      g.fillStyle = 'rgba(51,102,204,0.10)';
      g.fillRect(px(a.s), py(a.t), Math.max(2, px(z.s + z.sn) - px(a.s)), Math.max(2, py(z.t + z.tn) - py(a.t)));
    }
    /* The diagonal of the two texts; zoomed in, the same slope through the
     * selected bead, so that local drift shows against it. */
    var slope = NT / Math.max(NS, 1), icpt = 0;
    if (view.x1 - view.x0 < NS / 2 && beads[cur]) {
      var cb = centreOf(beads[cur]);
      icpt = cb[1] - cb[0] * slope;
    }
    g.strokeStyle = '#bbb'; g.setLineDash([4, 3]);
    g.beginPath(); g.moveTo(px(view.x0), py(icpt + view.x0 * slope));
    g.lineTo(px(view.x1), py(icpt + view.x1 * slope)); g.stroke();
    g.setLineDash([]);
    var inView = function (b) { return b.s + b.sn >= view.x0 && b.s <= view.x1 && b.t + b.tn >= view.y0 && b.t <= view.y1; };
    g.strokeStyle = '#888'; g.lineWidth = 1; g.beginPath();
    var started = false;
    for (var k = 0; k < beads.length; k++) {
      var b = beads[k];
      if (!inView(b)) { started = false; continue; }
      if (!started) { g.moveTo(px(b.s), py(b.t)); started = true; } else g.lineTo(px(b.s), py(b.t));
      g.lineTo(px(b.s + b.sn), py(b.t + b.tn));
    }
    g.stroke();
    var scale = (PW - M) / (view.x1 - view.x0), r = Math.max(1.5, Math.min(5, scale * 0.45));
    for (k = 0; k < beads.length; k++) {
      b = beads[k];
      if (!inView(b)) continue;
      var c2 = centreOf(b), x = px(c2[0]), y = py(c2[1]), col = 'hsl(' + hue(outScore(b)) + ',70%,42%)';
      g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI);
      if (isNull(b)) { g.strokeStyle = col; g.lineWidth = 1.5; g.stroke(); } else { g.fillStyle = col; g.fill(); }
      if (b.edited || b.checked) {
        g.strokeStyle = b.edited ? '#63c' : '#070'; g.lineWidth = 2;
        g.beginPath(); g.arc(x, y, r + 2.5, 0, 2 * Math.PI); g.stroke();
      }
    }
    if (beads[cur]) {
      var cc = centreOf(beads[cur]);
      g.strokeStyle = '#36c'; g.lineWidth = 2.5;
      g.beginPath(); g.arc(px(cc[0]), py(cc[1]), r + 6, 0, 2 * Math.PI); g.stroke();
    }
    g.restore();
    g.fillStyle = '#333'; g.font = '11px sans-serif'; g.textAlign = 'center';
    var r0 = function (v) { return Math.max(0, Math.round(v)); };
    g.fillText('source sentence ' + r0(view.x0) + '\u2013' + r0(Math.min(view.x1, NS)), (M + PW) / 2, 12);
    g.save(); g.translate(11, (M + PH) / 2); g.rotate(-Math.PI / 2);
    g.fillText('target sentence ' + r0(view.y0) + '\u2013' + r0(Math.min(view.y1, NT)), 0, 0);
    g.restore();
    g.strokeStyle = '#bbb'; g.strokeRect(M, M, PW - M - 6, PH - M - 6);
    drawStrip();
  }
  function drawStrip() {
    var g = strip.getContext('2d'), n = beads.length;
    g.clearRect(0, 0, PW, SH);
    g.fillStyle = '#fff'; g.fillRect(0, 0, PW, SH);
    if (!n) return;
    /* One column per pixel: the lowest score of its beads (errors should
     * not average away), edits in purple below. */
    for (var x = 0; x < PW; x++) {
      var a = Math.floor(x * n / PW), z = Math.max(a + 1, Math.floor((x + 1) * n / PW)), lo = 1, ed = false;
      for (var k = a; k < z && k < n; k++) {
        lo = Math.min(lo, outScore(beads[k]));
        ed = ed || beads[k].edited || beads[k].checked;
      }
      g.fillStyle = 'hsl(' + hue(lo) + ',70%,45%)';
      var h = (1 - lo) * (SH - 14) + 2;
      g.fillRect(x, SH - 10 - h, 1, h);
      if (ed) { g.fillStyle = '#63c'; g.fillRect(x, SH - 8, 1, 6); }
    }
    g.fillStyle = 'rgba(51,102,204,0.25)';
    g.fillRect(winA * PW / n, 0, Math.max(2, (winB - winA) * PW / n), SH - 10);
    g.fillStyle = '#36c';
    g.fillRect(cur * PW / n - 1, 0, 2, SH);
  }
  plot.addEventListener('click', function (ev) {
    if (dragged) return;
    var rect = plot.getBoundingClientRect(), mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    var best = -1, bestD = 12 * 12;
    for (var k = 0; k < beads.length; k++) {
      var c = centreOf(beads[k]), dx = px(c[0]) - mx, dy = py(c[1]) - my, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = k; }
    }
    if (best >= 0) { go(best); say('bead ' + best); }
  });
  var dragFrom = null, dragged = false;
  plot.addEventListener('mousedown', function (ev) { dragFrom = [ev.clientX, ev.clientY, view]; dragged = false; });
  window.addEventListener('mouseup', function () { dragFrom = null; });
  window.addEventListener('mousemove', function (ev) {
    if (!dragFrom) return;
    var dx = ev.clientX - dragFrom[0], dy = ev.clientY - dragFrom[1], v = dragFrom[2];
    if (Math.abs(dx) + Math.abs(dy) < 4) return;
    dragged = true;
    $('follow').checked = false;
    var sx = (v.x1 - v.x0) / (PW - M - 6), sy = (v.y1 - v.y0) / (PH - M - 6);
    view = {x0: v.x0 - dx * sx, x1: v.x1 - dx * sx, y0: v.y0 - dy * sy, y1: v.y1 - dy * sy};
    drawPlot();
  });
  plot.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var rect = plot.getBoundingClientRect();
    var cx = view.x0 + (ev.clientX - rect.left - M) / (PW - M - 6) * (view.x1 - view.x0);
    var cy = view.y0 + (ev.clientY - rect.top - M) / (PH - M - 6) * (view.y1 - view.y0);
    $('follow').checked = false;
    zoom(ev.deltaY < 0 ? 0.7 : 1 / 0.7, cx, cy);
  }, {passive: false});
  strip.addEventListener('click', function (ev) {
    var rect = strip.getBoundingClientRect();
    go(Math.floor((ev.clientX - rect.left) / PW * beads.length));
    say('bead ' + cur);
  });
