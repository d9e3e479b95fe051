/* review_export.js: the review page's exports (beads, ladder, TSV, TMX,
 * written as toolkit/corpus/format_*.c write them) and the corrections kept
 * in the browser's local storage. Part of the page's script (see review.js). */
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
