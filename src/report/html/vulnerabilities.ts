// The page's "Vulnerabilities" section: per image what it is and which resources run it, then a
// table of its vulnerabilities (fixable first, then by severity): advisory and aliases, package,
// installed → fixed version, severity and score, the layer, the status. Every row carries its
// severity, which the severity boxes (the page's script) filter on; without script every row shows.
import type { ScanReport } from '../../model/types.js';
import { VULNERABILITY_SEVERITIES, type ImageSummary, type Vulnerability } from '../../model/vulnerability.js';
import { esc } from './escape.js';
import { relativeFile } from './controls.js';
import { resourceLabel, resourcesById } from '../report-lookups.js';
import { fixableFirst, layerText, osText, vulnerabilitiesByImage } from '../vulnerability-lookups.js';

export const VULNERABILITY_COLUMNS = ['Advisory', 'Package', 'Installed', 'Fixed in', 'Severity', 'Layer', 'Status'];

/** The section, or nothing when the scan read no image. */
export function vulnerabilitiesSection(report: ScanReport, root: string): string {
  if (!report.images && !report.vulnerabilities.length) return '';
  const resources = resourcesById(report);
  const out: string[] = ['<section id="vulnerabilities">', '<h2>Vulnerabilities</h2>'];
  const s = report.summary.vulnerabilities;
  if (s) {
    out.push(`<p class="counts">${s.images} image(s): ${VULNERABILITY_SEVERITIES.map((sev) => `${s.failed[sev]} ${sev}`).join(' · ')}`
      + ` (${s.fixable} fixable, ${s.excepted} excepted)${s.imageErrors ? `, <strong class="errors">${s.imageErrors} image(s) could not be read</strong>` : ''}.</p>`);
  }
  if (report.imagesNotJudged) out.push(`<p class="errors">Images were not judged: ${esc(report.imagesNotJudged.reason)}</p>`);
  const box = (sev: string) => `<label><input type="checkbox" name="vseverity" value="${sev}" checked> ${sev}</label>`;
  out.push(`<div class="filters vfilters"><fieldset><legend>Severity</legend>${VULNERABILITY_SEVERITIES.map(box).join('')}</fieldset>`
    + '<span id="vshown" class="muted" aria-live="polite"></span></div>');
  for (const { image, vulnerabilities } of vulnerabilitiesByImage(report)) {
    out.push(imageBlock(image, vulnerabilities, resources, root));
  }
  out.push('</section>');
  return out.join('\n');
}

function imageBlock(image: ImageSummary, list: Vulnerability[], resources: ReturnType<typeof resourcesById>, root: string): string {
  const about = [image.digest, image.platform, osText(image.os), `${image.packageCount} package(s)`].filter(Boolean).map(esc).join(' · ');
  const uses = image.uses.map((u) => {
    const at = u.location?.line ? `${relativeFile(u.location.file, root)}:${u.location.line}:${u.location.column ?? 1}` : u.path;
    return `<li>${esc(resourceLabel(u.resourceId, resources.get(u.resourceId)))} <span class="muted">container ${esc(u.container)}</span> <code class="loc">${esc(at)}</code></li>`;
  });
  const head = `<h3><code>${esc(image.ref)}</code></h3><p class="muted">${about}</p>${uses.length ? `<ul class="uses">${uses.join('')}</ul>` : ''}`;
  if (image.notJudged) return `<div class="image">${head}<p class="reason"><strong>Not judged:</strong> ${esc(image.notJudged)}</p></div>`;
  if (!list.length) return `<div class="image">${head}<p>No known vulnerabilities.</p></div>`;
  const rows = fixableFirst(list).map(row).join('');
  return `<div class="image">${head}<table class="vulns"><thead><tr>${VULNERABILITY_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows}</tbody></table></div>`;
}

function row(v: Vulnerability): string {
  const link = (id: string) => {
    const href = v.references?.find((r) => /^https:\/\//.test(r)) ?? `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
    return `<a href="${esc(href)}" rel="noopener noreferrer">${esc(id)}</a>`;
  };
  const aliases = v.aliases.length ? ` <span class="muted">${esc(v.aliases.join(', '))}</span>` : '';
  const summary = v.summary ? `<div class="muted">${esc(v.summary)}</div>` : '';
  const exception = v.exception ? `<div class="exception">${esc(v.exception.reason)} <span class="muted">(${esc(v.exception.source)}${v.exception.expires ? `, until ${esc(v.exception.expires)}` : ''})</span></div>` : '';
  const pkg = v.package.sourceName && v.package.sourceName !== v.package.name ? `${v.package.name} (${v.package.sourceName})` : v.package.name;
  return `<tr class="vuln" data-severity="${esc(v.severity)}">`
    + `<td><code>${link(v.id)}</code>${aliases}${summary}</td>`
    + `<td><code>${esc(pkg)}</code><div class="muted"><code>${esc(v.package.path)}</code></div></td>`
    + `<td><code>${esc(v.package.version)}</code></td>`
    + `<td>${v.fixedVersion ? `<code>${esc(v.fixedVersion)}</code>` : '<span class="muted">no fix</span>'}</td>`
    + `<td><span class="badge sev-${esc(v.severity)}">${esc(v.severity)}</span>${v.score !== undefined ? ` ${esc(v.score)}` : ''}</td>`
    + `<td><code>${esc(layerText(v.layer))}</code></td>`
    + `<td><span class="badge st-${esc(v.status)}">${esc(v.status)}</span>${exception}</td></tr>`;
}
