// Image results in the scan: each scanned image joined to the containers of the input that run it
// (inventory.images(), keyed by normalised reference), its vulnerabilities given those resources
// and the place of the first `image:` field, and the report's per-image summary.
import type { InputError, Resource, ScanSummary } from '../model/types.js';
import {
  VULNERABILITY_SEVERITIES, type ImageError, type ImageScan, type ImageSummary, type ImageUseRef, type Vulnerability,
  type VulnerabilityCounts, type VulnerabilitySeverity,
} from '../model/vulnerability.js';
import { parseImageRef } from '../model/image-ref.js';
import { formatPath } from '../model/paths.js';
import type { ImageUse } from '../inventory/index.js';
import type { ExceptionAudit, ExceptionRule } from './exceptions.js';
import { applyVulnerabilityExceptions } from './vulnerability-exceptions.js';

/** The inventory's images by repository name (`registry/repository`), with the digest each names: built once per scan. */
export type ImageIndex = Map<string, Array<{ key: string; digest?: string; uses: ImageUse[] }>>;

export function indexImages(images: ReadonlyMap<string, ImageUse[]>): ImageIndex {
  const out: ImageIndex = new Map();
  for (const [key, uses] of images) {
    const ref = parseImageRef(key);
    let list = out.get(ref.name);
    if (!list) out.set(ref.name, (list = []));
    list.push({ key, digest: ref.digest, uses });
  }
  return out;
}

/**
 * The containers that run an image. A manifest naming the image by the same normalised reference
 * (`nginx` is `docker.io/library/nginx:latest`, as Docker's ParseNormalizedNamed reads it) runs it;
 * so does one naming the same repository at the digest the image was read at (`repo@sha256:…`,
 * `repo:tag@sha256:…`): the kubelet pulls by digest when one is given.
 */
export function usesOf(contents: { ref: string; digest?: string }, index: ImageIndex): ImageUse[] {
  const ref = parseImageRef(contents.ref);
  const digest = contents.digest ?? ref.digest;
  const out: ImageUse[] = [];
  for (const e of index.get(ref.name) ?? []) {
    if (e.key === ref.normalized || (digest !== undefined && e.digest === digest)) for (const u of e.uses) out.push(u);
  }
  return out;
}

/** A use as the report names it: resource id, container name, the `image` field's path and place. */
export function useRef(use: ImageUse): ImageUseRef {
  const path = [...use.container.path, 'image'];
  const location = locateField(use.resource, path);
  return {
    resourceId: use.resource.id, container: use.container.name, path: formatPath(path),
    ...(location ? { location } : {}),
  };
}

function locateField(resource: Resource, path: Array<string | number>) {
  // an object read from a cluster has no locator: its resource id says where it is
  return resource.locate?.(path);
}

/**
 * The images of a scan, when it has any (or any that could not be read, or a reason none was
 * judged): their vulnerabilities joined to the resources that run them, vulnerability exceptions
 * applied (their audit added to the findings'), each image summarised and every image counted.
 */
export function judgeImages(
  input: { images?: readonly ImageScan[]; imageErrors?: readonly ImageError[]; imagesNotJudged?: string },
  inventoryImages: ReadonlyMap<string, ImageUse[]>,
  options: Omit<ImageResultOptions, 'notJudged'> & { exceptions: readonly ExceptionRule[]; now: Date },
  warnings: string[], audit: ExceptionAudit,
): { vulnerabilities: Vulnerability[]; summaries: ImageSummary[]; summary: NonNullable<ScanSummary['vulnerabilities']> } | undefined {
  if (input.images === undefined && !input.imageErrors?.length && input.imagesNotJudged === undefined) return undefined;
  const { vulnerabilities, summaries } = imageResults(input.images ?? [], inventoryImages, { ...options, notJudged: input.imagesNotJudged });
  // Vulnerability exceptions are audited when some image was judged: with none, every one would
  // be "unmatched" only because nothing was looked at.
  if (summaries.some((s) => !s.notJudged)) {
    const vAudit = applyVulnerabilityExceptions(vulnerabilities, options.exceptions, options.now, warnings);
    audit.applied += vAudit.applied;
    for (const u of vAudit.unmatched) audit.unmatched.push(u);
    for (const x of vAudit.expired) audit.expired.push(x);
  }
  countImages(summaries, vulnerabilities);
  if (input.imagesNotJudged !== undefined) warnings.push(`${summaries.length} image(s) were not judged: ${input.imagesNotJudged}`);
  else for (const s of summaries) if (s.notJudged) warnings.push(`image ${s.ref} was not judged: ${s.notJudged}`);
  const total = emptyCounts();
  for (const v of vulnerabilities) count(total, v);
  return {
    vulnerabilities, summaries,
    summary: { images: summaries.length, total: vulnerabilities.length, ...total, imageErrors: input.imageErrors?.length ?? 0 },
  };
}

export interface ImageResults {
  vulnerabilities: Vulnerability[];
  summaries: ImageSummary[];
}

export interface ImageResultOptions {
  /** Drop vulnerabilities with no fixed version (`--ignore-unfixed`), before exceptions apply. */
  ignoreUnfixed?: boolean;
  /** Put each image's packages in its summary (--verbose, or a format that lists them: cyclonedx). */
  includePackages?: boolean;
  /** Why no image was judged (no vulnerability database): every image gets it as its `notJudged`. */
  notJudged?: string;
}

/**
 * The vulnerabilities of every image, copied (the caller's objects are not changed), with their
 * resources and location, in image order, then by severity, id and package; and a summary per
 * image (counts are filled in after exceptions, by countImages).
 */
export function imageResults(images: readonly ImageScan[], inventoryImages: ReadonlyMap<string, ImageUse[]>, options: ImageResultOptions): ImageResults {
  const index = indexImages(inventoryImages);
  const vulnerabilities: Vulnerability[] = [];
  const summaries: ImageSummary[] = [];
  for (const image of images) {
    const c = image.contents;
    const uses = usesOf(c, index).map(useRef);
    const resources = [...new Set(uses.map((u) => u.resourceId))];
    const location = uses.find((u) => u.location)?.location;
    const notJudged = image.notJudged ?? options.notJudged;
    const own: Vulnerability[] = [];
    if (!notJudged) {
      for (const v of image.vulnerabilities) {
        if (options.ignoreUnfixed && !v.fixedVersion) continue;
        // the image it was found in is the one read, whatever the matcher wrote
        const copy: Vulnerability = { ...v, image: c.ref, status: 'failed' };
        if (c.digest) copy.imageDigest = c.digest;
        delete copy.exception;
        if (resources.length) copy.resources = resources;
        else delete copy.resources;
        if (location) copy.location = location;
        own.push(copy);
      }
    }
    own.sort(byRank);
    for (const v of own) vulnerabilities.push(v); // not push(...): an image can have thousands
    const summary: ImageSummary = {
      ref: c.ref,
      ...(c.digest ? { digest: c.digest } : {}),
      ...(c.platform ? { platform: c.platform } : {}),
      ...(c.os ? { os: c.os } : {}),
      layers: c.layers.length,
      packageCount: c.packages.length,
      vulnerabilities: emptyCounts(),
      ...(notJudged ? { notJudged } : {}),
      uses,
      ...(options.includePackages ? { packages: c.packages } : {}),
    };
    summaries.push(summary);
  }
  return { vulnerabilities, summaries };
}

/** Most severe first, then the id, then the package: a stable order for every format. */
export function byRank(a: Vulnerability, b: Vulnerability): number {
  return severityRank(a.severity) - severityRank(b.severity) || cmp(a.id, b.id) || cmp(a.package.name, b.package.name)
    || cmp(a.package.path, b.package.path);
}

export function severityRank(s: VulnerabilitySeverity): number {
  return VULNERABILITY_SEVERITIES.indexOf(s);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyCounts(): VulnerabilityCounts {
  return { failed: Object.fromEntries(VULNERABILITY_SEVERITIES.map((s) => [s, 0])) as Record<VulnerabilitySeverity, number>, excepted: 0, fixable: 0 };
}

/** Adds a vulnerability, after exceptions, to counts. */
export function count(counts: VulnerabilityCounts, v: Vulnerability): void {
  if (v.status === 'excepted') counts.excepted++;
  else {
    counts.failed[v.severity]++;
    if (v.fixedVersion) counts.fixable++;
  }
}

/** Fills in each summary's counts from the vulnerabilities (after exceptions). */
export function countImages(summaries: ImageSummary[], vulnerabilities: readonly Vulnerability[]): void {
  // the same reference read twice (two platforms) is two images: the digest tells them apart
  const key = (ref: string, digest: string | undefined) => `${ref}\u0000${digest ?? ''}`;
  const byRef = new Map(summaries.map((s) => [key(s.ref, s.digest), s]));
  for (const v of vulnerabilities) {
    const s = byRef.get(key(v.image, v.imageDigest));
    if (s) count(s.vulnerabilities, v);
  }
}


/** Images that could not be read, as input errors naming the image (exit 3, as other unreadable input). */
export function imageInputErrors(errors: readonly ImageError[]): InputError[] {
  return errors.map((e) => ({ file: e.ref, message: redactCredentials(e.message), image: e.ref }));
}

/**
 * A message about a registry with any credentials in it masked: the user information of a URL
 * (`https://user:token@host/` → `https://***@host/`) and the value of an Authorization scheme
 * (`Bearer eyJ…`, `Basic dXNlcjpw…` → `Bearer ***`). The image source should never put them
 * there; this is the last line before the report.
 */
export function redactCredentials(message: string): string {
  return message
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***');
}
