import type { PathSegments } from './types.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`; odd keys are quoted: `metadata.annotations["a.b/c"]`. */
export function formatPath(path: PathSegments): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The inverse of formatPath. Throws on a malformed path. */
export function parsePath(text: string): Array<string | number> {
  const out: Array<string | number> = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') { i++; continue; }
    if (ch === '[') {
      if (text[i + 1] === '"') {
        // a JSON string up to the matching quote
        let j = i + 2;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        out.push(JSON.parse(text.slice(i + 1, j + 1)) as string);
        if (text[j + 1] !== ']') throw new Error(`malformed path: ${text}`);
        i = j + 2;
      } else {
        const j = text.indexOf(']', i);
        const n = Number(text.slice(i + 1, j));
        if (j < 0 || !Number.isInteger(n)) throw new Error(`malformed path: ${text}`);
        out.push(n);
        i = j + 1;
      }
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}
