// The terminal report's "Vulnerabilities" section: grouped by image, each image with what it is,
// the containers that run it, and its vulnerabilities fixable first, then by severity — one line
// each: id, package installed → fixed, severity and score, the layer that added the package.
// A long list is folded to MAX_PER_IMAGE lines with a "N more" line, unless --verbose.
// Every string from the report goes through t() (escapeControls): references, package names and
// summaries come from images and advisories, and must not drive the terminal.
import type { ScanReport } from '../model/types.js';
import { VULNERABILITY_SEVERITIES, type VulnerabilitySeverity } from '../model/vulnerability.js';
import { escapeControls as t } from './safe-text.js';
import { fixableFirst, idText, osText, layerText, packageText, severityText, vulnerabilitiesByImage } from './vulnerability-lookups.js';
import { resourceLabel, resourcesById } from './report-lookups.js';
import type { Style, Writer } from './pretty.js';

/** Vulnerabilities listed per image before the rest are counted in one line. */
export const MAX_PER_IMAGE = 20;
/** Containers listed per image. */
const MAX_USES = 5;

const STYLE: Record<VulnerabilitySeverity, Style> = { critical: 'alarm', high: 'red', medium: 'yellow', low: 'blue', unknown: 'gray' };

export function vulnerabilitySection({ paint, line, blank }: Writer, report: ScanReport, verbose: boolean): void {
  if (!report.images && !report.vulnerabilities.length) return;
  const resources = resourcesById(report);
  line(paint('bold', `Vulnerabilities (${report.images?.length ?? 0} image(s))`), 2);
  if (report.imagesNotJudged) line(`  ${paint('yellow', 'Images were not judged:')} ${t(report.imagesNotJudged.reason)}`, 4);
  for (const { image, vulnerabilities } of vulnerabilitiesByImage(report)) {
    const about = [image.digest ? image.digest.slice(0, 19) : '', image.platform ?? '', osText(image.os)].filter(Boolean).map(t).join(', ');
    line(`  ${paint('bold', t(image.ref))}${about ? ` ${paint('gray', `(${about})`)}` : ''} — ${image.packageCount} package(s)`, 4);
    for (const u of image.uses.slice(0, MAX_USES)) {
      const where = u.location?.line ? `${u.location.file}:${u.location.line}:${u.location.column ?? 1}` : u.path;
      line(`    ${paint('gray', 'used by')} ${t(resourceLabel(u.resourceId, resources.get(u.resourceId)))} ${paint('gray', `container ${t(u.container)}`)}  ${paint('cyan', t(where))}`, 6);
    }
    if (image.uses.length > MAX_USES) line(paint('gray', `    … and ${image.uses.length - MAX_USES} more container(s)`), 6);
    if (image.notJudged) {
      line(`    ${paint('yellow', 'not judged:')} ${t(image.notJudged)}`, 6);
      continue;
    }
    const failed = fixableFirst(vulnerabilities.filter((v) => v.status === 'failed'));
    const excepted = vulnerabilities.filter((v) => v.status === 'excepted');
    if (!failed.length && !excepted.length) line(`    ${paint('green', 'no known vulnerabilities')}`, 6);
    const shown = verbose ? failed : failed.slice(0, MAX_PER_IMAGE);
    for (const v of shown) {
      line(`    ${paint(STYLE[v.severity], severityText(v).toUpperCase().padEnd(12))} ${paint('bold', t(idText(v)))}  ${t(packageText(v))}  ${paint('gray', t(layerText(v.layer)))}`, 17);
    }
    if (shown.length < failed.length) line(paint('gray', `    … and ${failed.length - shown.length} more (--verbose lists them, or see --format json)`), 6);
    if (excepted.length && verbose) {
      for (const v of excepted) line(`    ${paint('gray', 'EXCEPTED')}     ${t(idText(v))}  ${t(packageText(v))}  ${paint('gray', t(v.exception?.reason ?? ''))}`, 17);
    } else if (excepted.length) line(paint('gray', `    ${excepted.length} excepted (--verbose lists them)`), 6);
  }
  blank();
}

/** `Vulnerabilities: 1 critical, 2 high, … (3 fixable, 1 excepted) in 2 image(s)`, or what kept them from being judged. */
export function vulnerabilityTotals({ paint, line }: Writer, report: ScanReport): void {
  const s = report.summary.vulnerabilities;
  if (!s) return;
  const counts = VULNERABILITY_SEVERITIES.map((sev) => `${s.failed[sev]} ${sev}`).join(', ');
  const judged = report.imagesNotJudged ? ` · ${paint('yellow', `images were not judged: ${t(report.imagesNotJudged.reason)}`)}` : '';
  line(`Vulnerabilities: ${counts} (${s.fixable} fixable, ${s.excepted} excepted) in ${s.images} image(s)`
    + (s.imageErrors ? `, ${paint('red', `${s.imageErrors} image(s) could not be read`)}` : '') + judged, 2);
}
