import type { PathSegments } from './types.js';
import { flatten } from './strings.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`; odd keys are quoted: `metadata.annotations["a.b/c"]`. */
export function formatPath(path: PathSegments): string {
  // Remembered as a tree of segments: a scan formats the same few hundred paths tens of thousands
  // of times (every failing path and every fix edit), and a remembered path is one flat string
  // that every finding shares, where building it made a new one each time. Bounded: past
  // MAX_REMEMBERED paths (many distinct keys: ConfigMap entries, annotations), it is built as before.
  let node = REMEMBERED;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next = node.next?.get(seg);
    if (next === undefined) {
      if (remembered >= MAX_REMEMBERED) return build(path);
      next = { text: flatten(node.text + piece(seg, node.text === '')) };
      (node.next ??= new Map()).set(seg, next);
      remembered++;
    }
    node = next;
  }
  return node.text;
}

interface PathNode { text: string; next?: Map<string | number, PathNode> }
const REMEMBERED: PathNode = { text: '' };
const MAX_REMEMBERED = 20_000;
let remembered = 0;

function piece(seg: string | number, first: boolean): string {
  if (typeof seg === 'number') return `[${seg}]`;
  if (PLAIN_KEY.test(seg)) return first ? seg : `.${seg}`;
  return `[${JSON.stringify(seg)}]`;
}

function build(path: PathSegments): string {
  let out = '';
  for (const seg of path) out += piece(seg, out === '');
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
