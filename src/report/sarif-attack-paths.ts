// SARIF for attack paths: one rule (`attack-path`), one result per path, located at the workload
// (its manifest, when it came from a file; else a logical location naming it), with each link to
// fix as a related location: where it is, what fixing it does, what to change. A path that
// exceptions broke carries a suppression, as excepted findings do.
import type { ReportResource, ScanReport, SourceLocation } from '../model/types.js';
import type { AttackLink, AttackPath } from '../model/attack-path.js';
import { fingerprint, FINGERPRINT_KEY, SARIF_LEVEL } from './sarif-results.js';
import { artifactUri, resourcesById } from './report-lookups.js';
import { EFFECT_TEXT, linkName, stepsText, workloadLabel } from './attack-path-text.js';
import { SECURITY_SEVERITY, TOOL_URI } from './sarif.js';

export const ATTACK_PATH_RULE = 'attack-path';

export function attackPathRules(report: ScanReport) {
  if (!report.attackPaths.length) return [];
  const text = 'A workload reachable from outside the cluster offers an attacker further steps (a vulnerable image, an escape '
    + 'to the node, credentials through its token, other workloads, impact): each step is backed by a finding or a vulnerability. '
    + 'Fixing a link marked "removes the path" breaks the whole chain; `palisade explain path` says how paths are built and scored.';
  return [{
    id: ATTACK_PATH_RULE,
    name: 'AttackPath',
    shortDescription: { text: 'Attack path: what to fix first' },
    fullDescription: { text },
    help: { text, markdown: text },
    helpUri: `${TOOL_URI}/blob/main/docs/report-schema.md`,
    defaultConfiguration: { level: 'error' },
    // the rule's default (high, as its level); each result carries its own path's security-severity
    properties: { tags: ['security', 'kubernetes', 'attack-path'], 'security-severity': SECURITY_SEVERITY.high, precision: 'medium' },
  }];
}

function physical(loc: SourceLocation | undefined, resource: ReportResource | undefined, root: string) {
  if (!loc?.file || !loc.line || loc.file === '<stdin>' || loc.file === '-') return undefined;
  if (resource && resource.source.type !== 'file') return undefined;
  return {
    physicalLocation: {
      artifactLocation: artifactUri(loc.file, root),
      region: { startLine: loc.line, ...(loc.column ? { startColumn: loc.column } : {}) },
    },
  };
}

function linkText(l: AttackLink): string {
  return `${l.effect ? `${EFFECT_TEXT[l.effect]}: ` : ''}${linkName(l)}: ${l.change}`;
}

export function attackPathResults(report: ScanReport, root: string, ruleIndex: number) {
  const resources = resourcesById(report);
  return report.attackPaths.map((p: AttackPath) => {
    const resource = resources.get(p.workload.resourceId);
    const src = resource?.source;
    const here = physical(src?.file && src.line ? { file: src.file, line: src.line, column: src.column } : undefined, resource, root);
    const links = p.status === 'open' ? p.links : p.brokenBy;
    const related = links.map((l, i) => {
      const at = physical(l.location, resources.get(l.resourceId), root);
      return {
        id: i + 1,
        ...(at ?? { logicalLocations: [{ name: l.resourceId, kind: 'resource' }] }),
        message: { text: linkText(l) },
      };
    });
    const broken = p.brokenBy.filter((l) => l.exception);
    return {
      ruleId: ATTACK_PATH_RULE,
      ruleIndex,
      kind: 'fail',
      level: SARIF_LEVEL[p.severity],
      message: { text: `${workloadLabel(p)}: ${stepsText(p)} (score ${p.score}). Fix first: ${(p.links[0] ? linkText(p.links[0]) : 'nothing open')}` },
      locations: [{ ...(here ?? {}), logicalLocations: [{ name: p.workload.resourceId, kind: 'resource' }] }],
      ...(related.length ? { relatedLocations: related } : {}),
      // as a finding's: rule, resource, no path, and the workload's file relative to the root (copies of one workload in two files differ)
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(ATTACK_PATH_RULE, p.workload.resourceId, '', here?.physicalLocation.artifactLocation.uri ?? '') },
      ...(p.status === 'excepted' ? {
        suppressions: [{
          kind: 'external', status: 'accepted',
          justification: broken.map((l) => `${linkName(l)}: ${l.exception!.reason}`).join('; ') || 'excepted',
        }],
      } : {}),
      properties: {
        resourceId: p.workload.resourceId,
        'security-severity': SECURITY_SEVERITY[p.severity],
        score: p.score,
        replicas: p.workload.replicas,
        steps: p.steps.map((s) => s.tactic),
      },
    };
  });
}
