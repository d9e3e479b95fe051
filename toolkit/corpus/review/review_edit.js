/* review_edit.js: the edits (merge, split, move, check; undo and redo)
 * and the navigation of the review page. Part of the page's script: the
 * parts are run as one function, in the order of the Makefile's
 * REVIEW_ASSETS (see review.js and embed.sh). */
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
