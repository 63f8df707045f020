// Finding the node a fix path points at in a `yaml` Document, or the deepest part of it that exists.
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatPath } from '../model/paths.js';

/** How a node hangs in its parent: the pair holding it in a map, or its index in a sequence. */
export interface Link {
  node: Node;
  parent?: YAMLMap | YAMLSeq;
  /** Set when the parent is a map. */
  pair?: Pair;
  index: number;
}

export type Resolved =
  | { kind: 'found'; chain: Link[] }
  /** `chain` ends at the deepest existing node; `rest` are the map keys still to create under it. */
  | { kind: 'missing'; chain: Link[]; rest: string[] }
  | { kind: 'refused'; reason: string };

/** Anchor names some alias in the document refers to. */
export function aliasedAnchors(doc: Document): Set<string> {
  const names = new Set<string>();
  visit(doc, { Alias(_, node) { names.add(node.source); } });
  return names;
}

export function resolvePath(doc: Document, path: ReadonlyArray<string | number>, aliased: Set<string>): Resolved {
  const root = doc.contents as Node | null;
  if (!root) return { kind: 'refused', reason: 'the document is empty' };
  const chain: Link[] = [{ node: root, index: 0 }];
  for (let i = 0; i < path.length; i++) {
    const node = chain[chain.length - 1].node;
    const shared = sharedNode(node, path.slice(0, i), aliased);
    if (shared) return { kind: 'refused', reason: shared };
    const seg = path[i];
    if (typeof seg === 'string') {
      if (isScalar(node) && node.value === null) return missing(chain, path, i);
      if (!isMap(node)) return { kind: 'refused', reason: `${where(path, i)} is not a mapping` };
      const index = node.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (index < 0) {
        if (node.items.some((p) => isMergeKey(p.key))) {
          return { kind: 'refused', reason: `${where(path, i)} takes keys from a merge key (<<); setting ${formatPath(path)} there could hide merged values` };
        }
        return missing(chain, path, i);
      }
      const pair = node.items[index];
      if (!pair.value) return { kind: 'refused', reason: `${formatPath(path.slice(0, i + 1))} has no value node` };
      chain.push({ node: pair.value as Node, parent: node, pair, index });
    } else {
      if (!isSeq(node)) return { kind: 'refused', reason: `${where(path, i)} is not a list` };
      if (seg >= node.items.length) return { kind: 'refused', reason: `${where(path, i)} has no item [${seg}]` };
      chain.push({ node: node.items[seg] as Node, parent: node, index: seg });
    }
  }
  const shared = sharedNode(chain[chain.length - 1].node, path, aliased);
  if (shared) return { kind: 'refused', reason: shared };
  return { kind: 'found', chain };
}

/** `<<`: a plain string without the merge option, a symbol with it. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.source === '<<');
}

function missing(chain: Link[], path: ReadonlyArray<string | number>, i: number): Resolved {
  const rest = path.slice(i);
  if (rest.some((s) => typeof s !== 'string')) {
    return { kind: 'refused', reason: `${formatPath(path)}: creating list items is not supported` };
  }
  return { kind: 'missing', chain, rest: rest as string[] };
}

/** Why editing at or below this node would also change what an alias elsewhere reads, if it would. */
function sharedNode(node: Node, path: ReadonlyArray<string | number>, aliased: Set<string>): string | undefined {
  if (isAlias(node)) {
    return `${where(path, path.length)} is an alias (*${node.source}): editing it would change the anchored node and every other alias of it`;
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor && aliased.has(anchor)) {
    return `${where(path, path.length)} is anchored as &${anchor} and reused by an alias (*${anchor}): the edit would change every place that reuses it`;
  }
  return undefined;
}

function where(path: ReadonlyArray<string | number>, i: number): string {
  return i === 0 ? 'the document root' : formatPath(path.slice(0, i));
}
