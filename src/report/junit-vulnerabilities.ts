// JUnit for image vulnerabilities: a testsuite per image, a testcase per vulnerability — failing
// when it is failed, skipped (with the exception's reason) when excepted. An image with none has
// one passing testcase saying how many packages were checked; an image that was not judged, one
// skipped testcase with the reason, so that no image is silently absent from a CI view.
import type { ScanReport } from '../model/types.js';
import type { ImageSummary, Vulnerability } from '../model/vulnerability.js';
import { resourceLabel, resourcesById } from './report-lookups.js';
import { fixableFirst, idText, layerText, packageText, severityText, vulnerabilitiesByImage } from './vulnerability-lookups.js';
import { xmlAttr, xmlEscape } from './xml.js';

export interface SuiteCounts { tests: number; failures: number; skipped: number }

/** The testsuites of the images, and their counts for the root element. */
export function imageSuites(report: ScanReport): { xml: string[]; counts: SuiteCounts } {
  const resources = resourcesById(report);
  const counts: SuiteCounts = { tests: 0, failures: 0, skipped: 0 };
  const xml = vulnerabilitiesByImage(report).map(({ image, vulnerabilities }) => {
    const usedBy = image.uses.map((u) => `${resourceLabel(u.resourceId, resources.get(u.resourceId))} (${u.location?.line ? `${u.location.file}:${u.location.line}:${u.location.column ?? 1}` : u.path})`);
    const cases = image.notJudged
      ? [`    <testcase classname="${xmlAttr(image.ref)}" name="vulnerabilities" time="0">\n      <skipped message="${xmlAttr(`not judged: ${image.notJudged}`)}"/>\n    </testcase>\n`]
      : vulnerabilities.length
        ? fixableFirst(vulnerabilities).map((v) => caseXml(image, v, usedBy))
        : [`    <testcase classname="${xmlAttr(image.ref)}" name="${xmlAttr(`${image.packageCount} package(s): no known vulnerabilities`)}" time="0"></testcase>\n`];
    const failures = vulnerabilities.filter((v) => v.status === 'failed').length;
    const skipped = image.notJudged ? 1 : vulnerabilities.length - failures;
    counts.tests += cases.length;
    counts.failures += failures;
    counts.skipped += skipped;
    return `  <testsuite name="${xmlAttr(`Image ${image.ref}`)}" id="${xmlAttr(`image:${image.ref}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xmlAttr(report.generatedAt)}">\n`
      + properties(image)
      + cases.join('')
      + '  </testsuite>\n';
  });
  return { xml, counts };
}

function properties(image: ImageSummary): string {
  const props: Array<[string, string]> = [['image', image.ref]];
  if (image.digest) props.push(['digest', image.digest]);
  if (image.platform) props.push(['platform', image.platform]);
  props.push(['packages', String(image.packageCount)]);
  return `    <properties>\n${props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>\n`).join('')}    </properties>\n`;
}

function caseXml(image: ImageSummary, v: Vulnerability, usedBy: string[]): string {
  const open = `    <testcase classname="${xmlAttr(image.ref)}" name="${xmlAttr(`${v.id} ${v.package.name}`)}" time="0">`;
  if (v.status === 'excepted') {
    return `${open}\n      <skipped message="${xmlAttr(`excepted: ${v.exception?.reason ?? ''}${v.exception?.expires ? ` (until ${v.exception.expires})` : ''}`)}"/>\n    </testcase>\n`;
  }
  const lines = [
    `${idText(v)}${v.summary ? `: ${v.summary}` : ''}`,
    `${packageText(v)} (${v.package.path}, ${layerText(v.layer)})`,
    `severity ${severityText(v)}${v.cvss ? ` ${v.cvss}` : ''}`,
    ...(usedBy.length ? [`run by: ${usedBy.join(', ')}`] : []),
    ...(v.references?.length ? [`see ${v.references[0]}`] : []),
  ];
  const message = `${v.id} (${v.severity}) in ${v.package.name} ${v.package.version}${v.fixedVersion ? `, fixed in ${v.fixedVersion}` : ', no fix yet'}`;
  return `${open}\n      <failure message="${xmlAttr(message)}" type="${xmlAttr(v.severity)}">${xmlEscape(lines.join('\n'))}</failure>\n    </testcase>\n`;
}
