// The baseline: read the same files and parse every document with js-yaml, nothing else.
// Same file walk rules as Palisade (.yaml, .yml, .json; recursive).
//   node bench/parse-only.mjs [--build cjs|esm] PATH...
// js-yaml ships a CommonJS and an ES-module build; on Node 20 the CommonJS one parses 2.3–2.6×
// faster. run.mjs measures both and compares the scan with the faster, so that the ratio is
// against the best js-yaml can do, not against a slow way of loading it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const at = args.indexOf('--build');
const build = at >= 0 ? args.splice(at, 2)[1] : 'cjs';
const { loadAll } = build === 'esm' ? await import('js-yaml') : createRequire(import.meta.url)('js-yaml');

function walk(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else if (/\.(ya?ml|json)$/.test(p)) out.push(p);
  return out;
}

let documents = 0;
for (const root of args) {
  for (const file of walk(root, [])) {
    try {
      loadAll(fs.readFileSync(file, 'utf8'), () => { documents++; });
    } catch {
      documents++;
    }
  }
}
process.stdout.write(JSON.stringify({ documents, build }) + '\n');
