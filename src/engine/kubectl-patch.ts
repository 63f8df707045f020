// The fix of a live object as a command: `kubectl patch KIND.GROUP/NAME -n NS --type=json -p '…'`.
// A cluster scan cannot edit files, so a fix's edits become an RFC 6902 JSON patch computed
// against the object as read: `add` at the deepest part of the path that exists (with the rest
// built as nested objects), `remove` only where the value exists. Each container the path goes
// through is pinned with a `test` of its name, so the patch fails, instead of changing another
// container, when the list changed since the scan.
import { parsePath } from '../model/paths.js';
import type { FixEdit, Resource } from '../model/types.js';
import { isObjOrArray } from '../model/guards.js';

type Segment = string | number;
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The command, or undefined when the edits cannot be applied to a live object. */
export function kubectlPatch(resource: Resource, edits: readonly FixEdit[], context?: string): string | undefined {
  const ops = jsonPatch(resource, edits);
  if (!ops) return undefined;
  return [
    'kubectl', 'patch', `${typeName(resource)}/${resource.name}`,
    ...(resource.namespace ? ['-n', resource.namespace] : []),
    ...(context ? ['--context', context] : []),
    '--type=json', '-p', JSON.stringify(ops),
  ].map(shellWord).join(' ');
}

/** The edits as JSON patch operations against this object, or undefined when they cannot be made on a live object. */
export function jsonPatch(resource: Resource, edits: readonly FixEdit[]): object[] | undefined {
  // a Pod's spec is immutable past a few fields: what created it has to change
  if (resource.kind === 'Pod' || edits.length === 0) return undefined;
  const doc: unknown = structuredClone(resource.object);
  const ops: object[] = [];
  const tested = new Set<string>();
  for (const edit of edits) {
    let segs: Segment[];
    try {
      segs = parsePath(edit.path);
    } catch {
      return undefined;
    }
    if (segs.length === 0 || segs[0] === 'apiVersion' || segs[0] === 'kind' || segs[0] === 'metadata' && segs[1] === 'name') return undefined;
    for (const test of containerTests(doc, segs)) {
      const key = JSON.stringify(test);
      if (!tested.has(key)) { tested.add(key); ops.push(test); }
    }
    if (edit.op === 'remove') {
      if (get(doc, segs) === undefined) continue;
      ops.push({ op: 'remove', path: pointer(segs) });
      remove(doc, segs);
      continue;
    }
    // the deepest prefix whose parent exists: `add` there, with the missing rest as nested objects
    let at = segs.length - 1;
    while (at > 0 && !isObjOrArray(get(doc, segs.slice(0, at)))) at--;
    const parent = get(doc, segs.slice(0, at));
    if (!isObjOrArray(parent)) return undefined;
    let value: unknown = edit.value;
    for (let i = segs.length - 1; i > at; i--) {
      if (typeof segs[i] === 'number') return undefined; // an index into a list that does not exist
      value = { [segs[i]]: value };
    }
    const key = segs[at];
    if (Array.isArray(parent)) {
      if (typeof key !== 'number' || key > parent.length) return undefined;
      if (key < parent.length) {
        // an existing item is replaced (`add` would insert before it)
        ops.push({ op: 'replace', path: pointer(segs.slice(0, at + 1)), value: structuredClone(value) });
        parent[key] = value;
        continue;
      }
    }
    // a copy: later edits change the working object, never an operation already made
    ops.push({ op: 'add', path: pointer(segs.slice(0, at + 1)), value: structuredClone(value) });
    set(parent, key, value);
  }
  return ops.some((o) => (o as { op: string }).op !== 'test') ? ops : undefined;
}

/** `deployment.apps`, `pod`, `clusterrole.rbac.authorization.k8s.io`: what kubectl resolves without guessing the group. */
function typeName(resource: Resource): string {
  const slash = resource.apiVersion.indexOf('/');
  const group = slash > 0 ? resource.apiVersion.slice(0, slash) : '';
  return `${resource.kind.toLowerCase()}${group ? `.${group}` : ''}`;
}

function containerTests(doc: unknown, segs: Segment[]): object[] {
  const tests: object[] = [];
  for (let i = 0; i + 1 < segs.length; i++) {
    if (typeof segs[i] !== 'string' || !CONTAINER_LISTS.has(segs[i] as string) || typeof segs[i + 1] !== 'number') continue;
    const name = get(doc, [...segs.slice(0, i + 2), 'name']);
    if (typeof name === 'string') tests.push({ op: 'test', path: pointer([...segs.slice(0, i + 2), 'name']), value: name });
  }
  return tests;
}

/** RFC 6901: `~` as `~0`, `/` as `~1`. */
function pointer(segs: readonly Segment[]): string {
  return segs.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function get(doc: unknown, segs: readonly Segment[]): unknown {
  let v = doc;
  for (const s of segs) {
    if (!isObjOrArray(v)) return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

function set(parent: Record<string, unknown> | unknown[], key: Segment, value: unknown): void {
  if (Array.isArray(parent)) parent.splice(key as number, 0, value);
  else parent[key as string] = value;
}

function remove(doc: unknown, segs: readonly Segment[]): void {
  const parent = get(doc, segs.slice(0, -1));
  const key = segs[segs.length - 1];
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else if (isObjOrArray(parent)) delete (parent as Record<string, unknown>)[key as string];
}

/** A word for a POSIX shell: left alone when it holds only safe characters, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
