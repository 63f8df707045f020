// SARIF results: one per failing path of a finding, with its exact region, a fingerprint that
// survives line moves, the other paths as related locations, fixes and suppressions.
import { createHash } from 'node:crypto';
import { parsePath } from '../model/paths.js';
import type { Finding, FindingPath, Fix, ReportResource, SourceLocation } from '../model/types.js';
import { artifactUri, fixForPath, resourceLabel } from './report-lookups.js';

export interface ResultContext {
  root: string;
  ruleIndex: Map<string, number>;
  resources: Map<string, ReportResource>;
}

interface Region { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }

export const SARIF_LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;
/**
 * The key under partialFingerprints; bump the version if what is hashed ever changes
 * (v1 hashed no file, so the same resource in two files, as in per-environment copies, collided).
 */
export const FINGERPRINT_KEY = 'palisade/v2';

/**
 * sha256 of control id, resource id, failing path and the resource's file relative to the SARIF root
 * (the repository root, or --sarif-root; see formatSarif): never line numbers or messages, so it
 * survives edits elsewhere in the file; the file tells apart copies of one resource in several files
 * (GitHub would otherwise merge their alerts into one). A scan of a subdirectory and a scan of the
 * whole repository give an alert the same fingerprint.
 */
export function fingerprint(controlId: string, resourceId: string, path: string, file = ''): string {
  return createHash('sha256').update(`${controlId}\u0000${resourceId}\u0000${path}\u0000${file}`).digest('hex').slice(0, 32);
}

/**
 * The file of a failing path as the fingerprint hashes it: relative to the SARIF root (absolute when
 * outside it). The path's own location, not the resource's: several files may hold a resource with
 * the same id, and the report lists one of them. None for stdin, clusters, nodes and derived objects,
 * whose ids are unique in a scan.
 */
function fingerprintFile(p: FindingPath, resource: ReportResource | undefined, root: string): string {
  // node resource ids are unique per host and component already, and their files can be a process's
  if (resource?.source.type === 'derived' || resource?.source.type === 'node') return '';
  const loc = p.location ?? (resource?.source.file ? { file: resource.source.file } : undefined);
  return hasFile(loc, resource) ? artifactUri(loc.file, root).uri : '';
}

/**
 * Several results can share control, resource, path and file: a control that reports two missing
 * flags at the same `args`, say. Their fingerprints are then told apart by the message (which names
 * the flag), and, for results identical even in that, by their order, so that no two results of a
 * run share a fingerprint. Fingerprints of results that do not collide stay free of the message.
 * The message is hashed without its numbers (a process id, a port): results whose messages differ
 * only in numbers are told apart by order.
 */
export function distinctFingerprints<R extends { message: { text: string }; partialFingerprints: Record<string, string> }>(results: R[]): R[] {
  const count = new Map<string, number>();
  const fp = (r: R) => r.partialFingerprints[FINGERPRINT_KEY];
  const rehash = (r: R, extra: string) => {
    r.partialFingerprints[FINGERPRINT_KEY] = createHash('sha256').update(`${fp(r)}\u0000${extra}`).digest('hex').slice(0, 32);
  };
  const tally = () => {
    count.clear();
    for (const r of results) count.set(fp(r), (count.get(fp(r)) ?? 0) + 1);
  };
  tally();
  // numbers are left out of the message: a node finding's names the process id, which a restart changes
  for (const r of results) if (count.get(fp(r))! > 1) rehash(r, r.message.text.replace(/\d+/g, '#'));
  tally();
  const seen = new Map<string, number>();
  for (const r of results) {
    if (count.get(fp(r))! === 1) continue;
    const n = seen.get(fp(r)) ?? 0;
    seen.set(fp(r), n + 1);
    rehash(r, String(n));
  }
  return results;
}

export function resultsForFinding(f: Finding, ctx: ResultContext) {
  const resource = ctx.resources.get(f.resourceId);
  const label = resourceLabel(f.resourceId, resource);
  // A finding without paths still yields one result, at the resource itself.
  const paths: FindingPath[] = f.paths.length ? f.paths : [{
    path: '', message: f.message,
    location: resource?.source.file ? { file: resource.source.file, line: resource.source.line, column: resource.source.column } : undefined,
  }];
  return paths.map((p, i) => {
    const index = ctx.ruleIndex.get(f.controlId);
    const related = paths.filter((_, j) => j !== i).map((o, j) => ({
      id: j + 1,
      ...locationParts(o.location, resource, ctx.root),
      logicalLocations: [logical(f.resourceId, resource)],
      message: { text: `${o.path}: ${o.message}` },
    }));
    const fix = fixForPath(f, p);
    const fixes = fix ? sarifFixes(fix, p, resource, ctx.root) : undefined;
    return {
      ruleId: f.controlId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      kind: 'fail',
      level: SARIF_LEVEL[f.severity],
      message: { text: `${label}: ${p.message}` },
      locations: [{
        ...locationParts(p.location, resource, ctx.root),
        logicalLocations: [logical(f.resourceId, resource)],
      }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.controlId, f.resourceId, p.path, fingerprintFile(p, resource, ctx.root)) },
      ...(related.length ? { relatedLocations: related } : {}),
      ...(fixes ? { fixes } : {}),
      ...(f.exception ? {
        suppressions: [{
          kind: 'external',
          status: 'accepted',
          justification: f.exception.reason,
          properties: { source: f.exception.source, ...(f.exception.expires ? { expires: f.exception.expires } : {}) },
        }],
      } : {}),
      properties: {
        resourceId: f.resourceId,
        ...(p.path ? { path: p.path } : {}),
        ...(p.location?.exact === false ? { locationIsParent: true } : {}),
        ...(resource?.source.renderedBy ? { renderedBy: resource.source.renderedBy } : {}),
        ...(resource?.source.origin ? { origin: resource.source.origin } : {}),
        ...(f.fix?.command ? { kubectlPatch: f.fix.command } : {}),
      },
    };
  });
}

/** The resource as a logical location; for an object read from a cluster, with `Kind/namespace/name` as its fully qualified name. */
function logical(resourceId: string, resource: ReportResource | undefined) {
  if (resource?.source.type === 'cluster') {
    const ref = resource.namespace ? `${resource.kind}/${resource.namespace}/${resource.name}` : `${resource.kind}/${resource.name}`;
    return { name: resourceId, fullyQualifiedName: ref, kind: 'resource' };
  }
  return { name: resourceId, kind: 'resource' };
}

/**
 * Whether a location is a file a SARIF viewer can open. Standard input is not, nor is a process's
 * `/proc/<pid>/cmdline` a node scan read flags from: it is gone when the process restarts (the
 * result's message names the process; its logical location names the component).
 */
function hasFile(loc: SourceLocation | undefined, resource: ReportResource | undefined): loc is SourceLocation {
  if (!loc?.file || loc.file === '<stdin>' || resource?.source.type === 'stdin') return false;
  // an object read from a cluster is no file: its logical location names it
  if (resource?.source.type === 'cluster') return false;
  return !(resource?.source.type === 'node' && PROCESS_FILE.test(loc.file));
}

const PROCESS_FILE = /(^|\/)proc\/\d+\//;

function locationParts(loc: SourceLocation | undefined, resource: ReportResource | undefined, root: string) {
  if (!hasFile(loc, resource)) return {};
  const region = regionOf(loc);
  // Rendered (kustomize/helm) output has no file of its own: the location is the directory rendered.
  const directory = !!loc.renderedBy && !loc.line;
  return {
    physicalLocation: {
      artifactLocation: artifactUri(loc.file, root, directory),
      ...(region ? { region } : {}),
    },
  };
}

function regionOf(loc: SourceLocation): Region | undefined {
  if (!loc.line) return undefined;
  return {
    startLine: loc.line,
    ...(loc.column ? { startColumn: loc.column } : {}),
    ...(loc.endLine ? { endLine: loc.endLine } : {}),
    ...(loc.endColumn ? { endColumn: loc.endColumn } : {}),
  };
}

/**
 * A fix as SARIF: a replacement of the region. When the edit sets or removes exactly the key the
 * region covers, the replacement is precise. When the key is absent (the region is its nearest
 * parent), the text to insert depends on indentation the report does not carry: the fix is an
 * insertion point at the end of that parent, and its description says what to insert.
 */
function sarifFixes(fix: Fix, p: FindingPath, resource: ReportResource | undefined, root: string) {
  const loc = p.location;
  if (!fix.edits?.length || !hasFile(loc, resource) || !loc.line || !loc.column || !loc.endLine || !loc.endColumn) return undefined;
  const artifactLocation = artifactUri(loc.file, root);
  const what = fix.edits.map((e) => (e.op === 'set' ? `set ${e.path} to ${JSON.stringify(e.value)}` : `remove ${e.path}`)).join('; ');
  const precise = preciseReplacement(fix, p, loc);
  if (precise) {
    return [{ description: { text: `${capital(fix.description)} (${what}).` }, artifactChanges: [{ artifactLocation, replacements: [precise] }] }];
  }
  return [{
    description: { text: `${capital(fix.description)} (${what}): the key is absent, add it inside the highlighted block.` },
    artifactChanges: [{
      artifactLocation,
      replacements: [{
        deletedRegion: { startLine: loc.endLine, startColumn: loc.endColumn, endLine: loc.endLine, endColumn: loc.endColumn },
      }],
    }],
  }];
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

function preciseReplacement(fix: Fix, p: FindingPath, loc: SourceLocation) {
  const edit = fix.edits?.length === 1 ? fix.edits[0] : undefined;
  if (!edit || !loc.exact || edit.path !== p.path) return undefined;
  let key: string | number | undefined;
  try {
    key = parsePath(edit.path).at(-1);
  } catch {
    return undefined;
  }
  // The region of a mapping key covers `key: value`; that of a sequence item only the item.
  if (typeof key !== 'string') return undefined;
  const json = /\.json$/i.test(loc.file);
  const yaml = /\.ya?ml$/i.test(loc.file);
  const deletedRegion = { startLine: loc.line!, startColumn: loc.column!, endLine: loc.endLine!, endColumn: loc.endColumn! };
  if (edit.op === 'set' && edit.value !== undefined && (json || yaml)) {
    const keyText = json || !PLAIN_KEY.test(key) ? JSON.stringify(key) : key;
    return { deletedRegion, insertedContent: { text: `${keyText}: ${JSON.stringify(edit.value)}` } };
  }
  // Removing leaves a blank line in block YAML; in JSON it would leave a stray comma, so not there.
  if (edit.op === 'remove' && yaml) return { deletedRegion };
  return undefined;
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
