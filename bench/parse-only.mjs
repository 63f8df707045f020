// The baseline: read the same files and parse every document with js-yaml, nothing else.
// Same file walk rules as Palisade (.yaml, .yml, .json; recursive).
import fs from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';

function walk(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else if (/\.(ya?ml|json)$/.test(p)) out.push(p);
  return out;
}

let documents = 0;
for (const root of process.argv.slice(2)) {
  for (const file of walk(root, [])) {
    try {
      loadAll(fs.readFileSync(file, 'utf8'), () => { documents++; });
    } catch {
      documents++;
    }
  }
}
process.stdout.write(JSON.stringify({ documents }) + '\n');
