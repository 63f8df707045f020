// The kubelet's --config-dir (KEP-3983, beta and on by default since v1.30; Amazon Linux 2023's
// nodeadm uses it): every `*.conf` file under the directory, walked in lexical order as Go's
// filepath.WalkDir does, is a KubeletConfiguration merged over the --config file (or, without
// --config, over the command-line defaults) as a JSON merge patch (RFC 7386: objects merge key by
// key, anything else replaces, null removes); command-line flags still override the result
// (cmd/kubelet/app/server.go, mergeKubeletConfigurations).
//
// The result is one KubeletConfiguration resource, so that the kubelet is judged on what it runs
// with; each field's location is the file that set it last.
import type { InputError, PathSegments, Resource, SourceLocation } from '../../model/types.js';
import { readText } from '../files/index.js';
import type { DocumentSink } from '../files/to-resources.js';
import { LineIndex } from '../files/yaml-documents.js';
import type { Files } from './host.js';
import { isObj } from '../../model/guards.js';

type Obj = Record<string, unknown>;

/** RFC 7386 JSON merge patch, without modifying either side. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** `*.conf` files under a directory, in filepath.WalkDir order (lexical, depth first). */
export function dropInFiles(view: Files, dir: string, depth = 4): string[] {
  const out: string[] = [];
  for (const name of view.list(dir)) {
    const p = `${dir.replace(/\/$/, '')}/${name}`;
    const st = view.stat(p, 'a kubelet --config-dir entry');
    if (!st) continue;
    if (st.isDirectory()) {
      if (depth > 0) for (const f of dropInFiles(view, p, depth - 1)) out.push(f);
    } else if (name.endsWith('.conf')) {
      out.push(p);
    }
  }
  return out;
}

export interface DropIns {
  /** The effective configuration: the --config file merged with the drop-ins. */
  resource: Resource;
  files: string[];
}

/**
 * Merges the drop-ins of `dir`, read as the kubelet sees them (`view`), over `base` (the --config
 * file's resource, if any). The drop-ins are read into a sink of their own: only the merged object
 * becomes a resource.
 */
export function mergeDropIns(view: Files, dir: string, base: Resource | undefined, id: string, errors: InputError[]): DropIns | undefined {
  const files = dropInFiles(view, dir);
  const layers: Resource[] = [];
  for (const f of files) {
    const text = view.read(f, 'a kubelet --config-dir drop-in');
    if (text === undefined) continue;
    const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
    readText(text, [], { file: view.location(f), type: 'node', lines: new LineIndex(text) }, sink);
    for (const e of sink.errors) errors.push(e); // not push(...): a file's errors are unbounded
    for (const r of sink.resources) {
      if (r.kind === 'KubeletConfiguration') layers.push(r);
      else errors.push({ file: view.location(f), message: `${r.kind} in a kubelet --config-dir drop-in: the kubelet accepts only KubeletConfiguration` });
    }
    for (const ig of sink.ignored) errors.push({ file: view.location(f), message: `not a KubeletConfiguration (${ig.reason}): the kubelet would refuse this drop-in` });
  }
  if (!layers.length) return undefined;
  let object: unknown = base?.object ?? {};
  for (const l of layers) object = mergePatch(object, l.object);
  const fallback: SourceLocation = { file: base?.source.file ?? view.location(dir), exact: false };
  const locate = (p: PathSegments): SourceLocation => {
    for (let i = layers.length - 1; i >= 0; i--) {
      if (dig(layers[i].object, p) !== undefined && layers[i].locate) return layers[i].locate!(p);
    }
    return base?.locate ? base.locate(p) : fallback;
  };
  const first = base ?? layers[0];
  return {
    resource: {
      ...first, id, object: object as Resource['object'],
      source: { ...first.source, file: base?.source.file ?? view.location(dir) },
      locate,
    },
    files,
  };
}

function dig(o: unknown, p: PathSegments): unknown {
  let v = o;
  for (const k of p) v = isObj(v) ? v[String(k)] : Array.isArray(v) && typeof k === 'number' ? v[k] : undefined;
  return v;
}
