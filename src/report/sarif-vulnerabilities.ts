// SARIF for image vulnerabilities: a rule per advisory id, a result per vulnerability (one
// advisory in one package of one image), located at the `image:` field of the first manifest that
// runs the image (the other containers that run it as related locations), or, when no scanned
// manifest names the image (an image given on the command line, a cluster object), at a logical
// location naming the image. Excepted vulnerabilities carry a suppression, as excepted findings do.
import type { ReportResource, ScanReport, SourceLocation } from '../model/types.js';
import type { ImageUseRef, Vulnerability, VulnerabilitySeverity } from '../model/vulnerability.js';
import { fingerprint, FINGERPRINT_KEY } from './sarif-results.js';
import { artifactUri, resourceLabel, resourcesById } from './report-lookups.js';
import { idText, packageText, vulnerabilitiesByImage } from './vulnerability-lookups.js';

/** SARIF levels (§3.27.10); a vulnerability of unknown severity is a note. */
const LEVEL: Record<VulnerabilitySeverity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', unknown: 'note' };
/** GitHub code scanning's security-severity when no CVSS score is known; none for unknown. */
const SEVERITY_SCORE: Partial<Record<VulnerabilitySeverity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export function advisoryUri(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/** One rule per advisory id, in first-seen order; the highest score and severity of its vulnerabilities. */
export function vulnerabilityRules(report: ScanReport) {
  const byId = new Map<string, Vulnerability>();
  for (const v of report.vulnerabilities) {
    const seen = byId.get(v.id);
    if (!seen || (v.score ?? -1) > (seen.score ?? -1)) byId.set(v.id, v);
  }
  return [...byId.values()].map((v) => {
    const helpUri = v.references?.[0] ?? advisoryUri(v.id);
    const aka = v.aliases.length ? ` (also ${v.aliases.join(', ')})` : '';
    const title = v.summary ?? `${v.id} in ${v.package.name}`;
    const score = v.score !== undefined ? v.score.toFixed(1) : SEVERITY_SCORE[v.severity];
    return {
      // no `name`: the advisory id is the only name it has (SARIF1001 wants a name unlike the id)
      id: v.id,
      shortDescription: { text: title },
      fullDescription: { text: `${title}${aka}.` },
      help: {
        text: `${v.id}${aka}: ${title}. Upgrade the package to the fixed version named in the result, when there is one. See ${helpUri}`,
        markdown: `**${v.id}**${aka}: ${title}.\n\nUpgrade the package to the fixed version named in the result, when there is one.\n\n[Advisory](${helpUri})`,
      },
      helpUri,
      defaultConfiguration: { level: LEVEL[v.severity] },
      properties: {
        tags: ['security', 'vulnerability', v.package.ecosystem, ...v.aliases],
        ...(score ? { 'security-severity': score } : {}),
        precision: 'high',
      },
    };
  });
}

/** The results; `ruleOffset` is the index of the first vulnerability rule in the run's rules. */
export function vulnerabilityResults(report: ScanReport, root: string, ruleOffset: number) {
  const resources = resourcesById(report);
  const ruleIndex = new Map(vulnerabilityRules(report).map((r, i) => [r.id, ruleOffset + i]));
  const out = [];
  for (const { image, vulnerabilities } of vulnerabilitiesByImage(report)) {
    const placed = image.uses.filter((u) => fileOf(u.location, resources.get(u.resourceId)));
    for (const v of vulnerabilities) {
      const [first, ...others] = placed;
      const logical = { name: v.image, fullyQualifiedName: v.imageDigest ? `${v.image}@${v.imageDigest}` : v.image, kind: 'resource' };
      const uses = image.uses.length ? ` (run by ${image.uses.map((u) => resourceLabel(u.resourceId, resources.get(u.resourceId))).filter(unique).join(', ')})` : '';
      out.push({
        ruleId: v.id,
        ruleIndex: ruleIndex.get(v.id),
        kind: 'fail',
        level: LEVEL[v.severity],
        message: { text: `${v.image}: ${idText(v)} in ${packageText(v)}${uses}` },
        locations: [{ ...(first ? physical(first, root) : {}), logicalLocations: [logical] }],
        ...(others.length ? {
          relatedLocations: others.map((u, i) => ({
            id: i + 1, ...physical(u, root),
            message: { text: `${resourceLabel(u.resourceId, resources.get(u.resourceId))} container ${u.container} runs ${v.image}` },
          })),
        } : {}),
        // the advisory, the image and the package: not the manifest's line, nor the image's digest (a rebuild keeps an open alert open)
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(v.id, v.image, `${v.package.name}\u0000${v.package.path}`) },
        ...(v.exception ? {
          suppressions: [{
            kind: 'external', status: 'accepted', justification: v.exception.reason,
            properties: { source: v.exception.source, ...(v.exception.expires ? { expires: v.exception.expires } : {}) },
          }],
        } : {}),
        properties: {
          image: v.image,
          ...(v.imageDigest ? { imageDigest: v.imageDigest } : {}),
          package: v.package.name,
          installedVersion: v.package.version,
          ...(v.fixedVersion ? { fixedVersion: v.fixedVersion } : {}),
          ...(v.package.purl ? { purl: v.package.purl } : {}),
          packagePath: v.package.path,
          layer: v.layer.index,
          layerDigest: v.layer.digest,
          severity: v.severity,
          ...(v.score !== undefined ? { score: v.score } : {}),
          ...(v.cvss ? { cvss: v.cvss } : {}),
        },
      });
    }
  }
  return out;
}

function unique<T>(x: T, i: number, all: T[]): boolean {
  return all.indexOf(x) === i;
}

/** Whether a use's location is a file a SARIF viewer can open (not standard input, not a cluster object). */
function fileOf(loc: SourceLocation | undefined, resource: ReportResource | undefined): boolean {
  if (!loc?.file || !loc.line || loc.file === '<stdin>' || loc.file === '-') return false;
  return resource?.source.type !== 'stdin' && resource?.source.type !== 'cluster';
}

function physical(u: ImageUseRef, root: string) {
  const loc = u.location!;
  return {
    physicalLocation: {
      artifactLocation: artifactUri(loc.file, root),
      region: {
        startLine: loc.line!,
        ...(loc.column ? { startColumn: loc.column } : {}),
        ...(loc.endLine ? { endLine: loc.endLine } : {}),
        ...(loc.endColumn ? { endColumn: loc.endColumn } : {}),
      },
    },
  };
}
