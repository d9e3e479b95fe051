// drive.mjs: drives the review page (align -f html) in headless Chromium
// with puppeteer-core; run by tests/e2e/test_review.sh, which installs the
// driver (npm ci) and passes the paths. Prints PASS:/FAIL: lines (and
// "figure:" lines that are printed, never asserted).
//
//   node drive.mjs correct ALIGN BOOK_DIR TMP   perturb the gold beads of a
//       TransRead book, open the page of the perturbed beads, repair them
//       with the keyboard (merge, split, move to next/previous bead, undo,
//       redo, check), export, compare with the gold beads and with
//       align --from-beads
//   node drive.mjs exports ALIGN BOOK_DIR TMP   the page's exports of the
//       aligner's output equal align -f beads/ladder/tsv/tmx
//   node drive.mjs rtl ALIGN TMP                lang and dir of Arabic cells
//   node drive.mjs book PAGE PNG TMP            render time and screenshot
//   node drive.mjs keys PAGE TMP                every key: no script error
import puppeteer from 'puppeteer-core';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [mode, ...args] = process.argv.slice(2);

function check(name, ok, detail) {
  console.log((ok ? 'PASS: ' : 'FAIL: ') + name + (ok || !detail ? '' : ' (' + detail + ')'));
  return ok;
}

async function launch(tmp) {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: fs.mkdtempSync(path.join(tmp, 'chrome-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Opens a page and waits for the script to be ready; collects page errors.
async function open(browser, file, downloads, errors) {
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  page.on('pageerror', (e) => errors.push(e.message));
  if (downloads) {
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});
  }
  const t0 = Date.now();
  await page.goto('file://' + path.resolve(file));
  await page.waitForFunction('window.tandemReview && window.tandemReview.ready', {timeout: 60000});
  page.loadMs = Date.now() - t0;
  return page;
}

// Waits for a downloaded file to be complete, returns its text.
async function downloaded(file) {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file) && !fs.existsSync(file + '.crdownload')) {
      const a = fs.statSync(file).size;
      await new Promise((r) => setTimeout(r, 50));
      if (fs.statSync(file).size === a) return fs.readFileSync(file, 'utf8');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no download ' + file);
}

function readBeads(text) {
  return text.split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^\[([^\]]*)\]:\[([^\]]*)\](?::(.*))?$/.exec(l.trim());
    if (!m) throw new Error('bad bead line ' + l);
    const ids = (s) => (s.trim() ? s.split(',').map((x) => parseInt(x, 10)) : []);
    return {src: ids(m[1]), tgt: ids(m[2]), score: m[3]};
  });
}
const idsOf = (a) => '[' + a.join(', ') + ']';
const line = (b) => idsOf(b.src) + ':' + idsOf(b.tgt);

// Every sentence of each side in exactly one bead, in order.
function coverError(beads, ns, nt) {
  let s = 0, t = 0;
  for (const [k, b] of beads.entries()) {
    for (const i of b.src) if (i !== s++) return `bead ${k}: source ${i}, expected ${s - 1}`;
    for (const i of b.tgt) if (i !== t++) return `bead ${k}: target ${i}, expected ${t - 1}`;
    if (!b.src.length && !b.tgt.length) return `bead ${k} is empty`;
  }
  return s === ns && t === nt ? '' : `covers ${s}/${ns} source and ${t}/${nt} target sentences`;
}

function run(prog, argv) {
  return execFileSync(prog, argv, {encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe']});
}
function lines(file) { return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length).length; }

const press = async (page, key, times = 1) => { for (let i = 0; i < times; i++) await page.keyboard.press(key); };
async function goBead(page, k) {
  await press(page, 'g');
  await page.keyboard.type(String(k));
  await press(page, 'Enter');
  const c = await page.evaluate(() => window.tandemReview.cursor());
  if (c.bead !== k) throw new Error(`went to bead ${c.bead}, not ${k}`);
}

// The perturbations, each undone by one keyboard edit. Each takes the gold
// beads at i (and i + 1) and returns the wrong beads, the keys that repair
// them (relative to the first wrong bead) and how many gold beads it used.
const KINDS = {
  // [a, b]:[c] written as [a]:[c] + [b]:[] -> merge
  merge: {
    fits: (g, i) => g[i].src.length === 2 && g[i].tgt.length >= 1,
    wrong: (g, i) => [{src: [g[i].src[0]], tgt: g[i].tgt}, {src: [g[i].src[1]], tgt: []}],
    used: 1, at: 0, keys: [['m']],
  },
  // [a]:[c] + [b]:[d] written as [a, b]:[c, d] -> select b, split
  split: {
    fits: (g, i) => g[i].src.length === 1 && g[i].tgt.length === 1 && g[i + 1].src.length === 1 && g[i + 1].tgt.length === 1,
    wrong: (g, i) => [{src: [...g[i].src, ...g[i + 1].src], tgt: [...g[i].tgt, ...g[i + 1].tgt]}],
    used: 2, at: 0, keys: [['ArrowRight'], ['s']],
  },
  // [a]:[c] + [b]:[d] written as [a]:[c, d] + [b]:[] -> select d, move it to the next bead
  next: {
    fits: (g, i) => g[i].src.length === 1 && g[i].tgt.length === 1 && g[i + 1].src.length === 1 && g[i + 1].tgt.length === 1,
    wrong: (g, i) => [{src: g[i].src, tgt: [...g[i].tgt, ...g[i + 1].tgt]}, {src: g[i + 1].src, tgt: []}],
    used: 2, at: 0, keys: [['ArrowRight', 2], [']']],
  },
  // [a]:[c] + [b]:[d] written as [a]:[] + [b]:[c, d] -> select c in the second, move it to the previous bead
  prev: {
    fits: (g, i) => g[i].src.length === 1 && g[i].tgt.length === 1 && g[i + 1].src.length === 1 && g[i + 1].tgt.length === 1,
    wrong: (g, i) => [{src: g[i].src, tgt: []}, {src: g[i + 1].src, tgt: [...g[i].tgt, ...g[i + 1].tgt]}],
    used: 2, at: 1, keys: [['ArrowRight'], ['[']],
  },
};

async function correct(align, dir, tmp) {
  const src = path.join(dir, 'en.txt'), tgt = path.join(dir, 'fr.txt');
  const goldFile = path.join(dir, 'gold.en-fr.beads');
  const gold = readBeads(fs.readFileSync(goldFile, 'utf8'));
  const ns = lines(src), nt = lines(tgt);
  // Place each kind twice, spread over the book, at beads no other
  // perturbation touches.
  const plan = ['merge', 'split', 'next', 'prev', 'merge', 'split', 'next', 'prev'];
  const taken = new Set(), chosen = [];
  plan.forEach((kind, n) => {
    const K = KINDS[kind];
    for (let i = Math.floor((n + 0.5) * gold.length / plan.length); i + 2 < gold.length; i++) {
      if (taken.has(i - 1) || taken.has(i) || taken.has(i + 1) || taken.has(i + 2) || !K.fits(gold, i)) continue;
      for (let u = 0; u < K.used; u++) taken.add(i + u);
      chosen.push({kind, i});
      break;
    }
  });
  chosen.sort((a, b) => a.i - b.i);
  const wrong = [];
  let g = 0;
  for (const c of chosen) {
    while (g < c.i) wrong.push(gold[g++]);
    c.at = wrong.length + KINDS[c.kind].at; // the bead to edit, in the wrong list
    wrong.push(...KINDS[c.kind].wrong(gold, c.i));
    g += KINDS[c.kind].used;
  }
  while (g < gold.length) wrong.push(gold[g++]);
  check(`${chosen.length} perturbations of the gold beads placed (${chosen.map((c) => c.kind + '@' + c.i).join(' ')})`,
    chosen.length === plan.length && !coverError(wrong, ns, nt), coverError(wrong, ns, nt));
  const wrongFile = path.join(tmp, 'wrong.beads');
  fs.writeFileSync(wrongFile, wrong.map((b) => line(b) + '\n').join(''));
  const page1 = path.join(tmp, 'book.html');
  const common = ['-q', '--presplit', '--src-lang', 'en', '--tgt-lang', 'fr'];
  run(align, [...common, '--from-beads', wrongFile, '-f', 'html', '-o', page1, src, tgt]);

  const downloads = path.join(tmp, 'downloads');
  fs.mkdirSync(downloads, {recursive: true});
  const browser = await launch(tmp);
  const errors = [];
  try {
    const page = await open(browser, page1, downloads, errors);
    check('page opens with one bead per line of the perturbed file',
      await page.evaluate(() => window.tandemReview.beadCount()) === wrong.length);
    // A wrong merge, undone, then an edit undone and redone: no trace.
    await goBead(page, 3);
    await press(page, 'm');
    await press(page, 'u');
    // Repair from the end of the book, so that the bead numbers of the
    // repairs still to do do not move.
    for (const c of [...chosen].reverse()) {
      await goBead(page, c.at);
      for (const [key, times] of KINDS[c.kind].keys) await press(page, key, times || 1);
      if (c === chosen[0]) { // undo and redo the last repair
        await press(page, 'u');
        await page.keyboard.down('Control'); await press(page, 'y'); await page.keyboard.up('Control');
      }
    }
    check('every sentence in exactly one bead after the edits (in the page)',
      !coverError(readBeads(await page.evaluate(() => window.tandemReview.exportText('beads'))), ns, nt));
    // Mark one untouched bead checked: exported with score 1.
    let checkedBead = Math.floor(gold.length / 2);
    while (taken.has(checkedBead)) checkedBead++;
    await goBead(page, checkedBead);
    await press(page, 'c');
    await press(page, 'e'); // export the beads
    const text = await downloaded(path.join(downloads, 'book.beads'));
    const exported = readBeads(text);
    fs.writeFileSync(path.join(tmp, 'corrected.beads'), text);
    const cover = coverError(exported, ns, nt);
    check('exported beads: every sentence in exactly one bead, in order', !cover, cover);
    const got = exported.map(line).join('\n'), want = gold.map(line).join('\n');
    let diff = '';
    if (got !== want) {
      const a = got.split('\n'), b = want.split('\n');
      const k = a.findIndex((x, j) => x !== b[j]);
      diff = `first difference at bead ${k}: ${a[k]} vs gold ${b[k]}`;
    }
    check(`exported beads equal the gold correction (${exported.length} beads)`, got === want, diff);
    check('checked and edited beads exported with score 1, others with theirs',
      exported[checkedBead].score === '1.0000' &&
      exported.filter((b) => b.score === '1.0000').length === 1 + chosen.reduce((n, c) => n + KINDS[c.kind].used, 0));
    // The edits show on the plot and in the rows.
    await goBead(page, chosen[0].i);
    check('edited beads marked in the rows', await page.evaluate(() => document.querySelectorAll('.row.edited').length) > 0);
    const purple = (id) => page.evaluate((id) => {
      const c = document.getElementById(id), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) n += d[i] === 0x66 && d[i + 1] === 0x33 && d[i + 2] === 0xcc;
      return n;
    }, id);
    check('edits show on the plot and on the score strip', await purple('plot') > 0 && await purple('strip') > 0);
    // The other exports of the corrected page equal align --from-beads.
    for (const [button, fmt] of [['ladder', 'ladder'], ['tsv', 'tsv'], ['tmx', 'tmx']]) {
      await page.click(`button[data-export="${button}"]`);
      const pageText = await downloaded(path.join(downloads, 'book.' + fmt));
      const cli = run(align, [...common, '--from-beads', path.join(tmp, 'corrected.beads'), '-f', fmt, src, tgt]);
      check(`page ${fmt} export equals align --from-beads -f ${fmt}`, pageText === cli,
        `${pageText.length} vs ${cli.length} bytes`);
      if (fmt === 'tmx') fs.writeFileSync(path.join(tmp, 'corrected.tmx'), pageText);
    }
    // The page opened again offers the corrections back.
    await new Promise((r) => setTimeout(r, 800));
    const again = await open(browser, page1, null, errors);
    const offered = await again.$('#restore button');
    if (offered) await offered.click();
    check('the page opened again restores the corrections (local storage)', !!offered &&
      await again.evaluate(() => window.tandemReview.exportText('beads')) === text);
    check('no script errors', errors.length === 0, errors.join('; '));
  } finally {
    await browser.close();
  }
}

async function exportsMatch(align, dir, tmp) {
  const src = path.join(dir, 'en.txt'), tgt = path.join(dir, 'fr.txt');
  const common = ['-q', '--presplit', src, tgt];
  const html = path.join(tmp, 'auto.html');
  run(align, [...common, '-f', 'html', '-o', html]);
  const browser = await launch(tmp);
  const errors = [];
  try {
    const page = await open(browser, html, null, errors);
    for (const fmt of ['beads', 'ladder', 'tsv', 'tmx']) {
      const a = await page.evaluate((f) => window.tandemReview.exportText(f), fmt);
      const b = run(align, [...common, '-f', fmt]);
      check(`unedited page ${fmt} export equals align -f ${fmt}`, a === b, `${a.length} vs ${b.length} bytes`);
    }
    const cells = await page.evaluate(() => {
      const c = [...document.querySelectorAll('#win .row > div')];
      return {all: c.length, tagged: c.filter((e) => e.lang && e.dir).length,
        src: c.filter((e) => e.classList.contains('src') && e.lang === 'en' && e.dir === 'ltr').length,
        tgt: c.filter((e) => e.classList.contains('tgt') && e.lang === 'fr' && e.dir === 'ltr').length,
        rows: document.querySelectorAll('#win .row').length};
    });
    check(`lang and dir on every cell (${cells.all} cells drawn)`,
      cells.all > 0 && cells.tagged === cells.all && cells.src === cells.rows && cells.tgt === cells.rows);
    // Navigation: next low bead, next null or many bead, search, jump to a sentence.
    const want = await page.evaluate(() => {
      const t = window.tandemReview.exportText('beads').trim().split('\n').map((l) => {
        const m = /^\[([^\]]*)\]:\[([^\]]*)\]:(.*)$/.exec(l);
        const n = (s) => (s ? s.split(',').length : 0);
        return {sn: n(m[1]), tn: n(m[2]), score: parseFloat(m[3])};
      });
      return {low: t.findIndex((b, k) => k > 0 && b.score < 0.85), odd: t.findIndex((b, k) => k > 0 && (b.sn !== 1 || b.tn !== 1))};
    });
    await press(page, 't');
    await page.keyboard.type('0.85');
    await press(page, 'Enter');
    await press(page, 'Home');
    await press(page, 'n');
    let c = await page.evaluate(() => window.tandemReview.cursor());
    check(`t 0.85, n goes to the first bead below 0.85 (${want.low})`, want.low > 0 && c.bead === want.low, c.bead);
    await press(page, 'Home');
    await press(page, 'x');
    c = await page.evaluate(() => window.tandemReview.cursor());
    check(`x goes to the first null or many-to-many bead (${want.odd})`, want.odd > 0 && c.bead === want.odd, c.bead);
    await press(page, 'g');
    await page.keyboard.type('t100');
    await press(page, 'Enter');
    const inBead = await page.evaluate(() => {
      const r = document.querySelector('.row.cur .sent.sel');
      return r ? r.querySelector('.sn').textContent + (r.closest('.c').classList.contains('tgt') ? 't' : 's') : '';
    });
    check('g t100 selects target sentence 100', inBead === '100t', inBead);
    const word = fs.readFileSync(tgt, 'utf8').split('\n')[150].split(' ').filter((w) => w.length > 6)[0];
    await press(page, 'Home');
    await press(page, '/');
    await page.keyboard.type(word);
    await press(page, 'Enter');
    const found = await page.evaluate(() => {
      const s = document.querySelector('.row.cur .sent.sel');
      return s ? s.textContent : '';
    });
    check(`search finds "${word}" and marks it`, found.toLowerCase().includes(word.toLowerCase()) &&
      await page.evaluate(() => document.querySelectorAll('mark').length) > 0);
    // Clicking a point of the plot goes to its bead.
    await press(page, '0');
    const target = Math.floor(want.odd / 2) + 20;
    const [x, y] = await page.evaluate((k) => window.tandemReview.plotPoint(k), target);
    const box = await (await page.$('#plot')).boundingBox();
    await page.mouse.click(box.x + x, box.y + y);
    c = await page.evaluate(() => window.tandemReview.cursor());
    check(`a click on the plot goes to the bead there (${target})`, Math.abs(c.bead - target) <= 1, c.bead);
    check('no script errors', errors.length === 0, errors.join('; '));
  } finally {
    await browser.close();
  }
}

async function rtl(align, tmp) {
  // An English text and an Arabic one (our own sentences), language unknown
  // to tandem: the direction comes from the script.
  const en = 'The sun rose over the city.\nThe market opened early.\nChildren walked to school.\n';
  const ar = 'أشرقت الشمس على المدينة.\nفتح السوق أبوابه مبكرا.\nمشى الأطفال إلى المدرسة.\n';
  fs.writeFileSync(path.join(tmp, 'en.txt'), en);
  fs.writeFileSync(path.join(tmp, 'ar.txt'), ar);
  fs.writeFileSync(path.join(tmp, 'ar.beads'), '[0]:[0]\n[1]:[1]\n[2]:[2]\n');
  const html = path.join(tmp, 'ar.html');
  run(align, ['-q', '--presplit', '--src-lang', 'en', '--from-beads', path.join(tmp, 'ar.beads'), '-f', 'html',
    '-o', html, path.join(tmp, 'en.txt'), path.join(tmp, 'ar.txt')]);
  const browser = await launch(tmp);
  const errors = [];
  try {
    const page = await open(browser, html, null, errors);
    const r = await page.evaluate(() => [...document.querySelectorAll('#win .row .c.tgt')].map((e) =>
      e.dir + ' ' + getComputedStyle(e).direction + ' ' + getComputedStyle(e).textAlign));
    check('Arabic cells have dir="rtl" and render right to left (' + r[0] + ')',
      r.length === 3 && r.every((x) => x.startsWith('rtl rtl') && /start|right/.test(x)));
    const l = await page.evaluate(() => [...document.querySelectorAll('#win .row .c.src')].map((e) => e.lang + ' ' + e.dir));
    check('English cells have lang="en" dir="ltr"', l.length === 3 && l.every((x) => x === 'en ltr'));
    check('no script errors', errors.length === 0, errors.join('; '));
  } finally {
    await browser.close();
  }
}

// Render time of a big page, a jump and an edit there, a screenshot.
async function book(html, png, tmp) {
  const browser = await launch(tmp);
  const errors = [];
  try {
    const page = await open(browser, html, null, errors);
    const info = await page.evaluate(() => ({ready: window.tandemReview.readyMs, beads: window.tandemReview.beadCount(),
      rows: document.querySelectorAll('#win .row').length}));
    console.log(`figure: ${path.basename(html)}: ${info.beads} beads, ready ${Math.round(info.ready)} ms after navigation ` +
      `(${page.loadMs} ms to the puppeteer load), ${info.rows} rows in the DOM`);
    check(`only the rows on screen are drawn (${info.rows} of ${info.beads})`, info.rows > 0 && info.rows < 200);
    let t0 = Date.now();
    await press(page, 'End');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const tEnd = Date.now() - t0;
    t0 = Date.now();
    await press(page, 'k');
    await press(page, 'm');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const tEdit = Date.now() - t0;
    await press(page, 'u');
    console.log(`figure: ${path.basename(html)}: jump to the last bead ${tEnd} ms, merge there ${tEdit} ms`);
    await press(page, 'Home');
    await press(page, 'n');
    if (png) await page.screenshot({path: png});
    check('no script errors', errors.length === 0, errors.join('; '));
  } finally {
    await browser.close();
  }
}

// Every key on a page, pressed a few times: no script error, and every
// sentence still in one bead.
async function keys(html, tmp) {
  const browser = await launch(tmp);
  const errors = [];
  try {
    const page = await open(browser, html, null, errors);
    const all = ['j', 'k', 'l', 'h', 'ArrowDown', 'ArrowRight', 'End', 'Home', 'n', 'N', 'x', 'X', 'm', 's',
      '[', ']', 'c', ' ', 'u', 'r', '+', '-', '0', '?', 'e'];
    for (let round = 0; round < 3; round++) {
      for (const key of all) await press(page, key);
      await press(page, 'End');
      for (const key of [']', 'm', 's', ']', '[', 'l', 's', 'c']) await press(page, key);
    }
    for (let i = 0; i < 20; i++) await press(page, 'u');
    const text = await page.evaluate(() => window.tandemReview.exportText('beads'));
    const n = await page.evaluate(() => window.tandemReview.beadCount());
    check(`${path.basename(html)}: every key pressed, no script error`, errors.length === 0, errors.join('; '));
    if (n) {
      const ns = await page.evaluate(() => JSON.parse(document.getElementById('tandem-data').textContent).src.text.length);
      const nt = await page.evaluate(() => JSON.parse(document.getElementById('tandem-data').textContent).tgt.text.length);
      const err = coverError(readBeads(text), ns, nt);
      check(`${path.basename(html)}: every sentence still in one bead`, !err, err);
    }
  } finally {
    await browser.close();
  }
}

try {
  if (mode === 'keys') await keys(args[0], args[1]);
  else if (mode === 'correct') await correct(args[0], args[1], args[2]);
  else if (mode === 'exports') await exportsMatch(args[0], args[1], args[2]);
  else if (mode === 'rtl') await rtl(args[0], args[1]);
  else if (mode === 'book') await book(args[0], args[1], args[2]);
  else throw new Error('unknown mode ' + mode);
} catch (e) {
  check(`drive.mjs ${mode}`, false, e.stack || String(e));
  process.exitCode = 1;
}
