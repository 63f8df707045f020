// Small helpers the machine-readable formats share: lookups over the report, labels, file URIs.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, FindingPath, Fix, ReportResource, ScanReport } from '../model/types.js';

/** Findings grouped by control id, in report order. */
export function findingsByControl(report: ScanReport): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = out.get(f.controlId);
    if (list) list.push(f);
    else out.set(f.controlId, [f]);
  }
  return out;
}

export function resourcesById(report: ScanReport): Map<string, ReportResource> {
  return new Map(report.resources.map((r) => [r.id, r]));
}

/** `Deployment shop/web`, or the resource id when the resource is not in the report. */
export function resourceLabel(id: string, r: ReportResource | undefined): string {
  if (!r) return id;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** `file:line:column`, `file`, or undefined when the path has no file. */
export function whereText(p: FindingPath): string | undefined {
  const loc = p.location;
  if (!loc) return undefined;
  return loc.line ? `${loc.file}:${loc.line}${loc.column ? `:${loc.column}` : ''}` : loc.file;
}

/** The fix for one failing path: its own, else the finding's edits of that path, else the finding's fix when it has one path. */
export function fixForPath(f: Finding, p: FindingPath): Fix | undefined {
  if (p.fix) return p.fix;
  if (!f.fix) return undefined;
  const edits = f.fix.edits?.filter((e) => e.path === p.path);
  if (edits?.length) return { description: f.fix.description, edits };
  return f.paths.length <= 1 ? f.fix : undefined;
}

export interface ArtifactUri {
  uri: string;
  /** Set when the file lies under the root and `uri` is relative to it. */
  uriBaseId?: '%SRCROOT%';
}

/** A file as a URI relative to `root` (SARIF's: the repository root), or an absolute file: URI when it lies outside it. */
export function artifactUri(file: string, root: string, directory = false): ArtifactUri {
  const abs = path.resolve(file);
  const rel = path.relative(root, abs);
  const slash = directory ? '/' : '';
  if (rel === '' && directory) return { uri: './', uriBaseId: '%SRCROOT%' };
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/') + slash, uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href + slash };
}

/** A root directory as a file: URI ending in a slash, as SARIF's originalUriBaseIds requires. */
export function rootUri(root: string): string {
  const href = pathToFileURL(path.resolve(root)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A number for text output: at most two decimals, no trailing zeros. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * What an exception that matched nothing names: its controls (`all controls` when none), or for a
 * vulnerability exception its advisories and images (`CVE-2023-5363 in repository nginx`).
 */
export function exceptionScope(u: ScanReport['exceptions']['unmatched'][number]): string {
  if (u.vulnerabilities || u.images) {
    return [u.vulnerabilities?.join(', ') ?? 'all vulnerabilities', u.images ? `in ${u.images.join('; ')}` : ''].filter(Boolean).join(' ');
  }
  return u.controls.length ? u.controls.join(', ') : 'all controls';
}
