/*
 * review.js: the review page of an alignment (align -f html), where a
 * person checks and corrects it. Embedded in the page by the library
 * (toolkit/corpus/format_html.c writes the data it reads); no framework,
 * no network.
 *
 * The model is the list of beads, each {s, sn, t, tn, score, edited,
 * checked}: source sentences [s, s + sn) with target sentences [t, t + tn).
 * The invariant the edits keep is the one of the aligner: bead k + 1
 * starts where bead k ends on both sides (s + sn, t + tn), so every
 * sentence is in exactly one bead, in order; an empty side keeps its
 * position, and a bead left with no sentence at all is removed. Every edit
 * replaces a run of beads by new bead objects (beads are never changed in
 * place), and the undo stack records that replacement, so undo and redo are
 * one splice each.
 *
 * Rows: only those on screen (and a margin) are in the DOM. The height of
 * every row is known, measured once it has been drawn or else estimated
 * from its length, and their running sums place the rows between two
 * spacers; after drawing, the measured heights replace the estimates and
 * the scroll position is moved so that the row at the top stays put. So a
 * book of 20,000 sentences a side costs the layout of a screenful.
 *
 * Scores: the aligner's score of a bead is kept; a bead made or changed by
 * an edit, or marked checked, is exported with score 1 (a person vouched
 * for it), so the exports can be filtered with --min-score like the
 * aligner's. The exports are written exactly as the C writers write them
 * (toolkit/corpus/format_*.c), so that a page export and
 * `align --from-beads page.beads SRC TGT -f FORMAT` give the same file.
 *
 * Corrections are saved in the browser's local storage after every edit
 * (keyed by the documents and the automatic alignment) and offered back
 * when the same page is opened again.
 */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('tandem-data').textContent);
  var SIDES = [D.src, D.tgt];
  var NS = D.src.text.length, NT = D.tgt.text.length;
  var OVERSCAN = 600; /* px drawn above and below the screen */

  function Bead(s, sn, t, tn, score, edited, checked) {
    this.s = s; this.sn = sn; this.t = t; this.tn = tn;
    this.score = score; this.edited = !!edited; this.checked = !!checked;
  }
  var beads = D.beads.map(function (b) { return new Bead(b[0], b[1], b[2], b[3], b[4], false, false); });
  /* A page of some beads only (summarize --parallel -f html shows the
   * chosen ones) is for reading: the edits need every sentence in a bead. */
  var editable = (function () {
    var s = 0, t = 0;
    for (var i = 0; i < beads.length; i++) {
      if (beads[i].s !== s || beads[i].t !== t) return false;
      s += beads[i].sn; t += beads[i].tn;
    }
    return s === NS && t === NT;
  })();
  var cur = 0, sel = {side: 0, off: 0};
  var threshold = D.low;
  var undoStack = [], redoStack = [];
  var query = '', querySide = 2;

  /* ---------- small helpers ---------- */
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function count(b, side) { return side ? b.tn : b.sn; }
  function first(b, side) { return side ? b.t : b.s; }
  function isNull(b) { return b.sn === 0 || b.tn === 0; }
  function isMany(b) { return b.sn > 1 || b.tn > 1; }
  function outScore(b) { return b.edited || b.checked ? 1 : b.score; }
  function langOf(side) { return SIDES[side].lang || 'und'; }
  function hue(score) { return 120 * Math.max(0, Math.min(1, score)); }
  function setLangDir(e, side) { e.lang = langOf(side); e.dir = SIDES[side].dir; }

  /* ---------- layout ---------- */
  var KEYS = [
    ['\u2193 j / \u2191 k', 'next / previous bead'],
    ['\u2192 l / \u2190 h', 'select the next / previous sentence of the bead'],
    ['Home / End', 'first / last bead'],
    ['n / N', 'next / previous bead scoring below the threshold (not checked or edited)'],
    ['x / X', 'next / previous null or many-to-many bead (not checked or edited)'],
    ['t', 'set the threshold'],
    ['g', 'go to a bead number, or s12 / t12 for a source / target sentence'],
    ['/', 'search (Enter: next match, Shift+Enter: previous, Esc: back)'],
    ['m', 'merge the bead with the next'],
    ['s', 'split the bead before the selected sentence'],
    ['[', 'move the selected sentence (and those before it on its side) to the previous bead'],
    [']', 'move the selected sentence (and those after it on its side) to the next bead'],
    ['c / Space', 'mark the bead checked (again: unchecked)'],
    ['u / Ctrl+Z', 'undo'],
    ['r / Ctrl+Y', 'redo'],
    ['e', 'export the corrected beads'],
    ['+ / - / 0', 'zoom the plot in / out / whole'],
    ['?', 'show or hide this list']
  ];
  document.body.insertAdjacentHTML('beforeend',
    '<header><h1 id="title"></h1><div class="stats" id="stats"></div>' +
    '<div class="tools">' +
    '<label>low below <input id="thr" type="number" min="0" max="1" step="0.05"></label>' +
    '<button id="prevlow" title="N">\u25c0 low</button><button id="nextlow" title="n">low \u25b6</button>' +
    '<button id="nextodd" title="x">null / many \u25b6</button>' +
    '<label>go to <input id="jump" type="text" placeholder="12, s12 or t12"></label>' +
    '<label>search <input id="q" type="text"> <select id="qside"><option value="2">both</option>' +
    '<option value="0">source</option><option value="1">target</option></select></label>' +
    '<button id="undo" title="u">undo</button><button id="redo" title="r">redo</button>' +
    '<span>export <button data-export="beads" title="e">beads</button><button data-export="ladder">ladder</button>' +
    '<button data-export="tsv">TSV</button><button data-export="tmx">TMX</button></span>' +
    '<span id="restore"></span></div></header>' +
    '<main><div id="rows" tabindex="-1"><div class="head" id="head"></div><div id="top"></div>' +
    '<div id="win"></div><div id="bottom"></div></div>' +
    '<aside id="side"><div class="plotbar"><button id="zin" title="+">+</button>' +
    '<button id="zout" title="-">\u2212</button><button id="zall" title="0">whole</button>' +
    '<label><input type="checkbox" id="follow"> follow the selected bead</label></div>' +
    '<canvas id="plot"></canvas><canvas id="strip" title="scores along the text: click to go there"></canvas>' +
    '<div id="msg" role="status"></div><div class="legend" id="legend"></div>' +
    '<table class="keys" id="keys"></table></aside></main>');
  var rowsEl = $('rows'), winEl = $('win'), topEl = $('top'), bottomEl = $('bottom');

  (function fillStatic() {
    $('title').textContent = D.title || (D.src.name + ' \u2194 ' + D.tgt.name);
    var head = $('head');
    ['#', 'type', 'score'].forEach(function (t) { head.appendChild(el('div', '', t)); });
    for (var side = 0; side < 2; side++) {
      var h = el('div', '', (side ? 'target' : 'source') + ' (' + (SIDES[side].lang || '?') + ')');
      setLangDir(h, side);
      head.appendChild(h);
    }
    var keys = $('keys');
    KEYS.forEach(function (k) {
      var tr = el('tr'), a = el('td'), b = el('td', '', k[1]);
      a.appendChild(el('kbd', '', k[0]));
      tr.appendChild(a); tr.appendChild(b); keys.appendChild(tr);
    });
    var legend = $('legend');
    legend.appendChild(document.createTextNode('score '));
    for (var i = 0; i <= 4; i++) {
      var sp = el('span', '', (i / 4).toFixed(2));
      sp.style.background = 'hsl(' + hue(i / 4) + ',65%,88%)';
      legend.appendChild(sp);
    }
    legend.appendChild(document.createTextNode(
      '; left edge: dashed red null, blue many-to-many; \u270e edited, \u2713 checked; \u00b6 paragraph start'));
    $('thr').value = threshold.toFixed(2);
  })();

  /* ---------- messages and statistics ---------- */
  function say(text, isError) {
    var m = $('msg');
    m.textContent = text;
    m.className = isError ? 'err' : '';
  }
  function updateStats() {
    var one = 0, nul = 0, many = 0, low = 0, edited = 0, checked = 0, sum = 0;
    for (var i = 0; i < beads.length; i++) {
      var b = beads[i];
      sum += b.score;
      if (b.sn === 1 && b.tn === 1) one++;
      if (isNull(b)) nul++;
      if (isMany(b)) many++;
      if (b.score < threshold && !b.edited && !b.checked) low++;
      if (b.edited) edited++;
      if (b.checked) checked++;
    }
    var st = $('stats');
    st.textContent = '';
    st.appendChild(el('b', '', D.src.name));
    st.appendChild(document.createTextNode(' (' + (D.src.lang || '?') + ', ' + NS + ' sentences) \u2194 '));
    st.appendChild(el('b', '', D.tgt.name));
    st.appendChild(document.createTextNode(' (' + (D.tgt.lang || '?') + ', ' + NT + ' sentences): ' +
      beads.length + ' beads, ' + one + ' 1-1, ' + nul + ' null, ' + many + ' many-to-many; mean score ' +
      (beads.length ? sum / beads.length : 0).toFixed(3) + '; ' + low + ' to review below ' +
      threshold.toFixed(2) + '; ' + edited + ' edited, ' + checked + ' checked'));
  }

  /* ---------- row heights and positions ---------- */
  var measured = new WeakMap();
  var tops = null; /* tops[k]: y of bead k below the header; tops[n]: total */
  var charWidth = 7.3, lineHeight = 21.75, colChars = 60;
  function layoutMetrics() {
    var w = rowsEl.clientWidth;
    var fixed = 10.6 * 15; /* the three narrow columns, in px */
    colChars = Math.max(8, ((w - fixed) / 2 - 14) / charWidth);
  }
  function sideChars(b, side) {
    var n = 0, f = first(b, side), c = count(b, side), text = SIDES[side].text;
    for (var i = 0; i < c; i++) n += text[f + i].length + 6;
    return n;
  }
  function heightOf(b) {
    var h = measured.get(b);
    if (h !== undefined) return h;
    var lines = Math.max(1, Math.ceil(sideChars(b, 0) / colChars), Math.ceil(sideChars(b, 1) / colChars));
    return lines * lineHeight + 9;
  }
  function computeTops() {
    var n = beads.length;
    tops = new Float64Array(n + 1);
    for (var k = 0; k < n; k++) tops[k + 1] = tops[k] + heightOf(beads[k]);
  }
  function beadAt(y) { /* the last bead starting at or above y */
    var lo = 0, hi = beads.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (tops[mid] <= y) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* ---------- drawing the rows ---------- */
  var winA = 0, winB = 0;
  function headHeight() { return $('head').offsetHeight; }

  function sentenceSpan(side, i, off, isSel) {
    var text = SIDES[side].text[i], para = SIDES[side].para;
    var span = el('span', 'sent' + (isSel ? ' sel' : ''));
    span.dataset.side = side;
    span.dataset.off = off;
    if (i === 0 || para[i] !== para[i - 1]) {
      var pb = el('span', 'pb', '\u00b6');
      pb.title = 'paragraph ' + para[i];
      span.appendChild(pb);
    }
    span.appendChild(el('span', 'sn', String(i)));
    var q = query && (querySide === 2 || querySide === side) ? query : '';
    var at = q ? text.toLowerCase().indexOf(q) : -1;
    if (at < 0) {
      span.appendChild(document.createTextNode(text));
    } else {
      var pos = 0, low = text.toLowerCase();
      while (at >= 0) {
        span.appendChild(document.createTextNode(text.slice(pos, at)));
        span.appendChild(el('mark', '', text.slice(at, at + q.length)));
        pos = at + q.length;
        at = low.indexOf(q, pos);
      }
      span.appendChild(document.createTextNode(text.slice(pos)));
    }
    return span;
  }

  function rowOf(k) {
    var b = beads[k];
    var cls = 'row' + (isNull(b) ? ' null' : '') + (isMany(b) ? ' many' : '') +
      (b.score < threshold && !b.edited && !b.checked ? ' low' : '') + (b.edited ? ' edited' : '') +
      (b.checked ? ' checked' : '') + (k === cur ? ' cur' : '');
    var row = el('div', cls);
    row.dataset.k = k;
    row.style.background = 'hsl(' + hue(outScore(b)) + ',65%,' + (isNull(b) ? '95%' : '91%') + ')';
    var n = el('div', 'n', String(k)), ty = el('div', 'k', b.sn + '-' + b.tn);
    var v = el('div', 'v', b.edited ? 'edited' : b.score.toFixed(3));
    [n, ty, v].forEach(function (c) { c.lang = 'en'; c.dir = 'ltr'; row.appendChild(c); });
    for (var side = 0; side < 2; side++) {
      var c = el('div', 'c ' + (side ? 'tgt' : 'src'));
      setLangDir(c, side);
      var f = first(b, side), cnt = count(b, side), para = SIDES[side].para;
      if (cnt > 0 && (f === 0 || para[f] !== para[f - 1])) c.classList.add('ps');
      for (var o = 0; o < cnt; o++) {
        if (o) c.appendChild(document.createTextNode(' '));
        c.appendChild(sentenceSpan(side, f + o, o, k === cur && sel.side === side && sel.off === o));
      }
      row.appendChild(c);
    }
    return row;
  }

  /* Draws the rows around the scroll position; force: even when the rows
   * drawn already cover the screen (after an edit or a move). */
  function render(force) {
    if (!tops) computeTops();
    var n = beads.length, hh = headHeight();
    var y = Math.max(0, rowsEl.scrollTop - hh), H = rowsEl.clientHeight;
    var a = beadAt(y - OVERSCAN), b = Math.min(n, beadAt(y + H + OVERSCAN) + 1);
    if (!force && n && a >= winA && b <= winB) return;
    a = Math.max(0, a - 5);
    b = Math.min(n, b + 5);
    /* Where the top row sits relative to the scroll position (negative
     * while the header is in view): kept while the heights change. */
    var anchor = beadAt(y), anchorOff = rowsEl.scrollTop - (hh + tops[anchor]);
    var frag = document.createDocumentFragment();
    for (var k = a; k < b; k++) frag.appendChild(rowOf(k));
    winEl.textContent = '';
    winEl.appendChild(frag);
    topEl.style.height = tops[a] + 'px';
    bottomEl.style.height = (tops[n] - tops[b]) + 'px';
    var changed = false, rows = winEl.children;
    for (var i = 0; i < rows.length; i++) {
      var h = rows[i].getBoundingClientRect().height, bd = beads[a + i];
      if (measured.get(bd) !== h) { measured.set(bd, h); changed = true; }
    }
    if (changed) {
      computeTops();
      topEl.style.height = tops[a] + 'px';
      bottomEl.style.height = (tops[n] - tops[b]) + 'px';
      if (n) rowsEl.scrollTop = hh + tops[anchor] + anchorOff;
    }
    winA = a; winB = b;
    drawStrip();
  }
  var pending = false;
  rowsEl.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(false); if (follow()) drawPlot(); });
  });
  window.addEventListener('resize', function () {
    measured = new WeakMap(); layoutMetrics(); computeTops(); render(true); sizeCanvases(); drawPlot();
  });

  /* Brings bead k on screen (a third down) unless it is wholly there. */
  function reveal(k) {
    if (!beads.length) return;
    if (!tops) computeTops();
    var hh = headHeight(), H = rowsEl.clientHeight - hh, y = rowsEl.scrollTop;
    var inView = function () { return tops[k] >= y && tops[k + 1] <= y + H; };
    if (!inView()) {
      rowsEl.scrollTop = tops[k] - H / 3 + hh;
      render(true);
      rowsEl.scrollTop = tops[k] - H / 3 + hh; /* heights measured meanwhile */
      y = rowsEl.scrollTop;
    }
    render(true);
  }

  /* ---------- cursor and selection ---------- */
  function firstSel(b) { return b.sn > 0 ? {side: 0, off: 0} : {side: 1, off: 0}; }
  function go(k, s) {
    if (!beads.length) return;
    cur = Math.max(0, Math.min(beads.length - 1, k));
    sel = s || firstSel(beads[cur]);
    reveal(cur);
    drawPlot();
  }
  function selList(b) {
    var l = [];
    for (var side = 0; side < 2; side++)
      for (var o = 0; o < count(b, side); o++) l.push({side: side, off: o});
    return l;
  }
  function moveSel(delta) {
    var l = selList(beads[cur]);
    var i = l.findIndex(function (x) { return x.side === sel.side && x.off === sel.off; });
    sel = l[(i + delta + l.length) % l.length];
    render(true);
  }

  /* ---------- edits ---------- */
  function canEdit() {
    if (!editable) say('this page shows some beads only, not every sentence: it cannot be edited', true);
    return editable && beads.length > 0;
  }
  function apply(at, removeCount, inserted, after) {
    var ch = {at: at, removed: beads.slice(at, at + removeCount), inserted: inserted,
      before: {cur: cur, sel: sel}, after: after};
    beads.splice.apply(beads, [at, removeCount].concat(inserted));
    undoStack.push(ch);
    redoStack = [];
    changed(after);
  }
  function changed(state) {
    tops = null;
    cur = Math.max(0, Math.min(beads.length - 1, state.cur));
    sel = state.sel || firstSel(beads[cur]);
    updateStats();
    save();
    reveal(cur);
    drawPlot();
  }
  function undo() {
    var ch = undoStack.pop();
    if (!ch) return say('nothing to undo', true);
    beads.splice.apply(beads, [ch.at, ch.inserted.length].concat(ch.removed));
    redoStack.push(ch);
    changed(ch.before);
    say('undone');
  }
  function redo() {
    var ch = redoStack.pop();
    if (!ch) return say('nothing to redo', true);
    beads.splice.apply(beads, [ch.at, ch.removed.length].concat(ch.inserted));
    undoStack.push(ch);
    changed(ch.after);
    say('redone');
  }
  function edited(s, sn, t, tn) { return new Bead(s, sn, t, tn, 0, true, false); }

  function merge() {
    if (!canEdit()) return;
    var k = cur, a = beads[k], b = beads[k + 1];
    if (!b) return say('the last bead has no next bead to merge with', true);
    var m = edited(a.s, a.sn + b.sn, a.t, a.tn + b.tn);
    apply(k, 2, [m], {cur: k, sel: sel});
    say('merged beads ' + k + ' and ' + (k + 1) + ' into a ' + m.sn + '-' + m.tn + ' bead');
  }
  function split() {
    if (!canEdit()) return;
    var k = cur, b = beads[k], sd = sel.side, o = sel.off;
    var m = count(b, sd), n = count(b, 1 - sd);
    var keepSel, keepOther;
    if (o > 0) { keepSel = o; keepOther = Math.round(o * n / m); }
    else { keepSel = 0; keepOther = n; }
    if (keepSel + keepOther === 0 || (m - keepSel) + (n - keepOther) === 0)
      return say('select a sentence after the first of a bead, or one of a bead with two sides, to split it', true);
    var c1 = [0, 0], c2 = [0, 0];
    c1[sd] = keepSel; c1[1 - sd] = keepOther;
    c2[sd] = m - keepSel; c2[1 - sd] = n - keepOther;
    var p = edited(b.s, c1[0], b.t, c1[1]), q = edited(b.s + c1[0], c2[0], b.t + c1[1], c2[1]);
    apply(k, 1, [p, q], {cur: k + 1, sel: {side: sd, off: 0}});
    say('split bead ' + k + ' into ' + p.sn + '-' + p.tn + ' and ' + q.sn + '-' + q.tn);
  }
  /* Moves the selected sentence with those after it (dir 1) or before it
   * (dir -1) on its side into the next or previous bead (a new bead when
   * there is none); the bead left empty is removed. */
  function move(dir) {
    if (!canEdit()) return;
    var k = cur, b = beads[k], sd = sel.side, o = sel.off, m = count(b, sd);
    var c = [b.sn, b.tn], f = [b.s, b.t];
    var moved = dir > 0 ? m - o : o + 1;
    c[sd] = m - moved;
    if (dir < 0) f[sd] += moved;
    var rest = new Bead(f[0], c[0], f[1], c[1], 0, true, false);
    var keepRest = rest.sn + rest.tn > 0;
    var out = [], at, removeCount, newCur, newOff;
    if (dir > 0) {
      var nb = beads[k + 1], nc = [0, 0], nf = [b.s + b.sn, b.t + b.tn];
      if (nb) { nc = [nb.sn, nb.tn]; nf = [nb.s, nb.t]; }
      nc[sd] += moved;
      nf[sd] -= moved;
      var next = edited(nf[0], nc[0], nf[1], nc[1]);
      if (keepRest) out.push(rest);
      out.push(next);
      at = k; removeCount = nb ? 2 : 1;
      newCur = keepRest ? k + 1 : k; newOff = 0;
    } else {
      var pb = beads[k - 1], pc = [0, 0], pf = [b.s, b.t];
      if (pb) { pc = [pb.sn, pb.tn]; pf = [pb.s, pb.t]; }
      newOff = pc[sd] + o;
      pc[sd] += moved;
      var prev = edited(pf[0], pc[0], pf[1], pc[1]);
      out.push(prev);
      if (keepRest) out.push(rest);
      at = pb ? k - 1 : k; removeCount = pb ? 2 : 1;
      newCur = at;
    }
    apply(at, removeCount, out, {cur: newCur, sel: {side: sd, off: newOff}});
    say('moved ' + moved + ' ' + (sd ? 'target' : 'source') + ' sentence' + (moved > 1 ? 's' : '') +
      ' to the ' + (dir > 0 ? 'next' : 'previous') + ' bead');
  }
  function toggleChecked() {
    if (!canEdit()) return;
    var b = beads[cur];
    if (!b) return;
    apply(cur, 1, [new Bead(b.s, b.sn, b.t, b.tn, b.score, b.edited, !b.checked)], {cur: cur, sel: sel});
    say('bead ' + cur + (b.checked ? ' unchecked' : ' checked'));
  }

  /* ---------- navigation ---------- */
  function findBead(dir, pred, what) {
    for (var k = cur + dir; k >= 0 && k < beads.length; k += dir)
      if (pred(beads[k])) { go(k); say('bead ' + k + ': ' + beads[k].sn + '-' + beads[k].tn + ', score ' + beads[k].score.toFixed(3)); return; }
    say('no ' + what + (dir > 0 ? ' after' : ' before') + ' bead ' + cur, true);
  }
  function nextLow(dir) {
    findBead(dir, function (b) { return b.score < threshold && !b.edited && !b.checked; },
      'unchecked bead below ' + threshold.toFixed(2));
  }
  function nextOdd(dir) {
    findBead(dir, function (b) { return (isNull(b) || isMany(b)) && !b.edited && !b.checked; },
      'unchecked null or many-to-many bead');
  }
  function beadOfSentence(side, i) {
    for (var k = 0; k < beads.length; k++) {
      var f = first(beads[k], side), c = count(beads[k], side);
      if (i >= f && i < f + c) return {k: k, off: i - f};
    }
    return null;
  }
  function jump(text) {
    var m = /^\s*([st]?)\s*(\d+)\s*$/i.exec(text);
    if (!m) return say('go to: a bead number, or s12 / t12 for a sentence', true);
    var i = parseInt(m[2], 10);
    if (!m[1]) {
      if (i >= beads.length) return say('there are ' + beads.length + ' beads (0 to ' + (beads.length - 1) + ')', true);
      go(i);
      return say('bead ' + i);
    }
    var side = m[1].toLowerCase() === 't' ? 1 : 0, total = side ? NT : NS;
    if (i >= total) return say('the ' + (side ? 'target' : 'source') + ' has ' + total + ' sentences', true);
    var at = beadOfSentence(side, i);
    go(at.k, {side: side, off: at.off});
    say((side ? 'target' : 'source') + ' sentence ' + i + ' is in bead ' + at.k);
  }
  function search(dir) {
    var q = query;
    if (!q) return say('type something to search for', true);
    var n = beads.length;
    var pos = function (k, side, off) { return {k: k, side: side, off: off}; };
    /* All sentence positions in reading order, from the one after (or
     * before) the selection, around the end. */
    var k = cur, l = selList(beads[cur]);
    var idx = l.findIndex(function (x) { return x.side === sel.side && x.off === sel.off; });
    for (var step = 0; step <= n; step++) {
      var list = step === 0 ? l : selList(beads[k]);
      var start = step === 0 ? idx + dir : (dir > 0 ? 0 : list.length - 1);
      for (var i = start; i >= 0 && i < list.length; i += dir) {
        var p = list[i];
        if (querySide !== 2 && querySide !== p.side) continue;
        var b = beads[k], text = SIDES[p.side].text[first(b, p.side) + p.off];
        if (text.toLowerCase().indexOf(q) >= 0) {
          var found = pos(k, p.side, p.off);
          go(found.k, {side: found.side, off: found.off});
          return say('found in bead ' + found.k);
        }
      }
      k = (k + dir + n) % n;
    }
    say('"' + query + '" not found', true);
  }

  /* ---------- exports ---------- */
  function ids(f, c) {
    var a = [];
    for (var i = 0; i < c; i++) a.push(f + i);
    return '[' + a.join(', ') + ']';
  }
  function sideText(b, side, sep) { /* sentences joined by sep (default a space) */
    return SIDES[side].text.slice(first(b, side), first(b, side) + count(b, side))
      .map(function (s) { return s.replace(/[\t\n\r]/g, ' '); }).join(sep || ' ');
  }
  function xml(s) { /* format_tmx.c: entities; controls, C1, U+FFFE/U+FFFF dropped */
    return s.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, '').replace(/&/g, '&amp;')
      .replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  var EXPORTS = {
    beads: function () {
      return beads.map(function (b) {
        return ids(b.s, b.sn) + ':' + ids(b.t, b.tn) + ':' + outScore(b).toFixed(4) + '\n';
      }).join('');
    },
    ladder: function () {
      return beads.map(function (b) { return b.s + '\t' + b.t + '\t' + outScore(b).toFixed(4) + '\n'; })
        .join('') + NS + '\t' + NT + '\t0.0000\n';
    },
    tsv: function () { /* corpus/record.c: paired beads, sentences joined by " ~~~ " */
      return beads.filter(function (b) { return b.sn && b.tn; }).map(function (b) {
        return sideText(b, 0, ' ~~~ ') + '\t' + sideText(b, 1, ' ~~~ ') + '\t' +
          outScore(b).toFixed(4) + '\t' + ids(b.s, b.sn) + ':' + ids(b.t, b.tn) + '\n';
      }).join('');
    },
    tmx: function () {
      var sl = xml(D.src.lang || 'und'), tl = xml(D.tgt.lang || 'und'), out = [], tuid = 0;
      out.push('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n');
      out.push('  <header creationtool="tandem" creationtoolversion="' + D.version + '" ' +
        'segtype="sentence" o-tmf="tandem" adminlang="en" srclang="' + sl + '" datatype="plaintext"/>\n  <body>\n');
      beads.forEach(function (b) {
        if (!b.sn || !b.tn) return;
        out.push('    <tu tuid="' + (++tuid) + '">\n' +
          '      <prop type="x-score">' + outScore(b).toFixed(4) + '</prop>\n' +
          '      <prop type="x-type">' + b.sn + '-' + b.tn + '</prop>\n' +
          '      <prop type="x-ids">' + ids(b.s, b.sn) + ':' + ids(b.t, b.tn) + '</prop>\n' +
          '      <tuv xml:lang="' + sl + '"><seg>' + xml(sideText(b, 0)) + '</seg></tuv>\n' +
          '      <tuv xml:lang="' + tl + '"><seg>' + xml(sideText(b, 1)) + '</seg></tuv>\n    </tu>\n');
      });
      out.push('  </body>\n</tmx>\n');
      return out.join('');
    }
  };
  function baseName() {
    var p = decodeURIComponent(location.pathname.split('/').pop() || '');
    p = p.replace(/\.html?$/i, '');
    return p || 'alignment';
  }
  function download(kind) {
    var text = EXPORTS[kind]();
    var type = kind === 'tmx' ? 'application/xml' : 'text/plain';
    var url = URL.createObjectURL(new Blob([text], {type: type + ';charset=utf-8'}));
    var a = document.createElement('a');
    a.href = url;
    a.download = baseName() + '.' + kind;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say('exported ' + a.download + ' (' + beads.length + ' beads)');
  }

  /* ---------- saving in the browser ---------- */
  var storeKey = (function () {
    var h = 2166136261, s = JSON.stringify([D.src.name, D.tgt.name, NS, NT, D.beads]);
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    return 'tandem-review:' + h.toString(16);
  })();
  /* Saving 20,000 beads takes a few milliseconds: once the keys rest. */
  var saveTimer = 0;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 400);
  }
  window.addEventListener('pagehide', function () { clearTimeout(saveTimer); saveNow(); });
  function saveNow() {
    try {
      if (!undoStack.length) return;
      localStorage.setItem(storeKey, JSON.stringify(beads.map(function (b) {
        return [b.s, b.sn, b.t, b.tn, b.score, (b.edited ? 1 : 0) | (b.checked ? 2 : 0)];
      })));
    } catch (e) { /* storage off or full: the exports still work */ }
  }
  function offerRestore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { saved = null; }
    if (!Array.isArray(saved) || !saved.length) return;
    var marks = saved.filter(function (b) { return b[5]; }).length;
    var btn = el('button', '', 'restore the ' + marks + ' edited or checked beads of your last session');
    btn.addEventListener('click', function () {
      var s = 0, t = 0, ok = true;
      var list = saved.map(function (b) {
        ok = ok && b[0] === s && b[2] === t && b[1] >= 0 && b[3] >= 0;
        s += b[1]; t += b[3];
        return new Bead(b[0], b[1], b[2], b[3], b[4], b[5] & 1, b[5] & 2);
      });
      $('restore').textContent = '';
      if (!ok || s !== NS || t !== NT) return say('the saved corrections do not fit this text', true);
      apply(0, beads.length, list, {cur: cur});
      say('restored (u undoes it)');
    });
    $('restore').appendChild(btn);
  }

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
})();
