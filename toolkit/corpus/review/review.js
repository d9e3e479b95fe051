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
 *
 * The script is in parts, run as the body of one function in this order
 * (embed.sh writes the function around them, the Makefile's REVIEW_ASSETS
 * gives the order): review.js (data, model, layout, rows, selection),
 * review_edit.js (edits, undo, navigation), review_export.js (exports,
 * local storage), review_plot.js (plot, score strip), review_keys.js
 * (buttons, keys, start).
 */
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
