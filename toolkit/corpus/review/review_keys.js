/* review_keys.js: the review page's buttons and keys, and its start.
 * Part of the page's script (see review.js). */
  /* ---------- controls and keys ---------- */
  function setThreshold(v) {
    if (!(v >= 0 && v <= 1)) return say('the threshold is a number from 0 to 1', true);
    threshold = v;
    updateStats(); render(true);
  }
  $('thr').addEventListener('change', function () { setThreshold(parseFloat(this.value)); });
  $('prevlow').addEventListener('click', function () { nextLow(-1); });
  $('nextlow').addEventListener('click', function () { nextLow(1); });
  $('nextodd').addEventListener('click', function () { nextOdd(1); });
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('zin').addEventListener('click', function () { zoom(0.5); });
  $('zout').addEventListener('click', function () { zoom(2); });
  $('zall').addEventListener('click', function () { $('follow').checked = false; whole(); });
  $('follow').addEventListener('change', drawPlot);
  Array.prototype.forEach.call(document.querySelectorAll('[data-export]'), function (b) {
    b.addEventListener('click', function () { download(b.dataset.export); });
  });
  $('qside').addEventListener('change', function () { querySide = +this.value; render(true); });
  winEl.addEventListener('click', function (ev) {
    var row = ev.target.closest('.row');
    if (!row) return;
    var k = +row.dataset.k, s = ev.target.closest('.sent');
    cur = k;
    sel = s ? {side: +s.dataset.side, off: +s.dataset.off} : firstSel(beads[k]);
    render(true); drawPlot();
  });
  function back() { document.activeElement.blur(); rowsEl.focus({preventScroll: true}); }
  /* A clicked button gives the keys back to the rows (Space would press it again). */
  document.addEventListener('click', function (ev) {
    if (ev.target.tagName === 'BUTTON') back();
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target, key = ev.key;
    if (t.id === 'jump') {
      if (key === 'Enter') { jump(t.value); back(); ev.preventDefault(); }
      else if (key === 'Escape') back();
      return;
    }
    if (t.id === 'q') {
      if (key === 'Enter') { query = t.value.toLowerCase(); render(true); search(ev.shiftKey ? -1 : 1); ev.preventDefault(); }
      else if (key === 'Escape') back();
      return;
    }
    if (t.id === 'thr') {
      if (key === 'Enter' || key === 'Escape') { setThreshold(parseFloat(t.value)); back(); }
      return;
    }
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || ev.altKey || ev.metaKey) return;
    if (!beads.length && key !== '?') return; /* two empty texts: nothing to do */
    if (ev.ctrlKey) {
      if (key === 'z' || key === 'Z') { (ev.shiftKey ? redo : undo)(); ev.preventDefault(); }
      else if (key === 'y') { redo(); ev.preventDefault(); }
      return;
    }
    var done = true;
    switch (key) {
    case 'ArrowDown': case 'j': go(cur + 1); break;
    case 'ArrowUp': case 'k': go(cur - 1); break;
    case 'ArrowRight': case 'l': moveSel(1); break;
    case 'ArrowLeft': case 'h': moveSel(-1); break;
    case 'Home': go(0); break;
    case 'End': go(beads.length - 1); break;
    case 'n': nextLow(1); break;
    case 'N': nextLow(-1); break;
    case 'x': nextOdd(1); break;
    case 'X': nextOdd(-1); break;
    case 't': $('thr').focus(); $('thr').select(); break;
    case 'g': $('jump').value = ''; $('jump').focus(); break;
    case '/': $('q').focus(); $('q').select(); break;
    case 'm': merge(); break;
    case 's': split(); break;
    case '[': move(-1); break;
    case ']': move(1); break;
    case 'c': case ' ': toggleChecked(); break;
    case 'u': undo(); break;
    case 'r': redo(); break;
    case 'e': download('beads'); break;
    case '+': case '=': $('follow').checked = false; zoom(0.5); break;
    case '-': zoom(2); break;
    case '0': $('follow').checked = false; whole(); break;
    case '?': $('keys').hidden = !$('keys').hidden; break;
    default: done = false;
    }
    if (done) ev.preventDefault();
  });

  /* ---------- start ---------- */
  layoutMetrics();
  sizeCanvases();
  updateStats();
  /* At book size the whole path is a line: start zoomed on the selected
   * bead, following it; "whole" (0) shows everything. */
  if (NS + NT > 600) {
    $('follow').checked = true;
    view = {x0: 0, x1: 150, y0: 0, y1: 150 * Math.max(NT, 1) / Math.max(NS, 1)};
  }
  if (beads.length) sel = firstSel(beads[0]);
  render(true);
  drawPlot();
  offerRestore();
  rowsEl.focus({preventScroll: true});
  /* For tests and scripts: the beads as exported, and when the page was ready. */
  window.tandemReview = {
    ready: true,
    readyMs: performance.now(),
    beadCount: function () { return beads.length; },
    exportText: function (kind) { return EXPORTS[kind](); },
    cursor: function () { return {bead: cur, side: sel.side, off: sel.off}; },
    plotPoint: function (k) { var c = centreOf(beads[k]); return [px(c[0]), py(c[1])]; }
  };
