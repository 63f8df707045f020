// `--format cyclonedx`: the packages of the scanned images as a CycloneDX 1.5 JSON SBOM, built and
// serialised with the OWASP CycloneDX library (@cyclonedx/cyclonedx-library), so that the document
// follows the specification the library implements (https://cyclonedx.org/docs/1.5/json/).
//
// Each image is a component of type `container` (CycloneDX 1.5 §components.type: "container — a
// packaging and/or runtime format … such as a Docker image"), with its OS as a nested component of
// type `operating-system` and each package as a nested component of type `library` (purl, version,
// licences, and Palisade properties for the file it was read from and the layer that added it).
// The vulnerabilities of the report are the BOM's `vulnerabilities` (id, source, ratings from the
// CVSS vector, the affected component by bom-ref, the fixed version as a recommendation).
//
// Derived from the JSON report only: the scan puts each image's packages in it when this format is
// asked for (OutputFormat.needsPackages). With no image, the SBOM is valid and lists no component.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type * as CDXTypes from '@cyclonedx/cyclonedx-library';
import type { PackageURL as PackageURLClass } from 'packageurl-js';
import type { ScanReport } from '../model/types.js';
import type { ImagePackage, ImageSummary, Vulnerability } from '../model/vulnerability.js';
import { parseImageRef } from '../model/image-ref.js';

/** The specification version written. */
export const CYCLONEDX_SPEC_VERSION = '1.5';

// Loaded when the format is asked for: the library adds some 60 ms to every start otherwise.
let library: typeof CDXTypes | undefined;
function cdx(): typeof CDXTypes {
  library ??= createRequire(import.meta.url)('@cyclonedx/cyclonedx-library') as typeof CDXTypes;
  return library;
}
// packageurl-js too: importing it at start-up cost every scan about 10 ms (a tenth of start-up).
let purlLibrary: typeof PackageURLClass | undefined;
function purlClass(): typeof PackageURLClass {
  purlLibrary ??= (createRequire(import.meta.url)('packageurl-js') as { PackageURL: typeof PackageURLClass }).PackageURL;
  return purlLibrary;
}

export interface CyclonedxOptions {
  /** The BOM's serial number (`urn:uuid:…`); a random one by default, as the specification asks a new BOM to have. */
  serialNumber?: string;
  /** Indentation; 2 by default. */
  indent?: number;
}

export function formatCyclonedx(report: ScanReport, options: CyclonedxOptions = {}): string {
  const CDX = cdx();
  const { Models, Enums } = CDX;
  const bom = new Models.Bom();
  bom.serialNumber = options.serialNumber ?? `urn:uuid:${randomUUID()}`;
  bom.metadata.timestamp = new Date(report.generatedAt);
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'palisade', {
    version: report.tool.version, group: 'palisade.dev',
  }));
  // bom-refs of the packages, by image and package identity, for the vulnerabilities' `affects`
  const refs = new Map<string, string>();
  (report.images ?? []).forEach((image, i) => {
    bom.components.add(imageComponent(CDX, image, i, refs));
  });
  for (const v of report.vulnerabilities) {
    const ref = refs.get(packageKey(v.image, v.imageDigest, v.package.name, v.package.version, v.package.path));
    bom.vulnerabilities.add(vulnerability(CDX, v, ref));
  }
  const spec = CDX.Spec.Spec1dot5;
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(spec));
  // sortLists off: the report's order is deterministic already, and sorting doubled the time of a
  // 10,000-package SBOM (bench/vulnerability-formats.ts: 1.6 s → 0.8 s)
  return serializer.serialize(bom, { sortLists: false, space: options.indent ?? 2 }) + '\n';
}

function imageComponent(CDX: typeof CDXTypes, image: ImageSummary, i: number, refs: Map<string, string>) {
  const { Models, Enums } = CDX;
  const ref = parseImageRef(image.ref);
  const properties = new Models.PropertyRepository([
    new Models.Property('palisade:image:reference', image.ref),
    ...(image.platform ? [new Models.Property('palisade:image:platform', image.platform)] : []),
    ...(image.notJudged ? [new Models.Property('palisade:image:notJudged', image.notJudged)] : []),
  ]);
  const container = new Models.Component(Enums.ComponentType.Container, ref.valid ? ref.name : image.ref, {
    bomRef: `image-${i + 1}`,
    version: image.digest ?? ref.digest ?? ref.tag,
    // purl-spec, types: oci — `pkg:oci/<last path segment>@<digest>?repository_url=<registry/repository>`
    ...(image.digest && ref.valid ? { purl: ociPurl(ref.repository, ref.name, image.digest) } : {}),
    properties,
  });
  if (image.os) {
    container.components.add(new Models.Component(Enums.ComponentType.OperatingSystem, image.os.id, {
      bomRef: `image-${i + 1}-os`,
      ...(image.os.versionId ? { version: image.os.versionId } : {}),
      ...(image.os.prettyName ? { description: image.os.prettyName } : {}),
    }));
  }
  (image.packages ?? []).forEach((p, j) => {
    const bomRef = `image-${i + 1}-pkg-${j + 1}`;
    refs.set(packageKey(image.ref, image.digest, p.name, p.version, p.path), bomRef);
    container.components.add(packageComponent(CDX, p, bomRef));
  });
  return container;
}

function packageComponent(CDX: typeof CDXTypes, p: ImagePackage, bomRef: string) {
  const { Models, Enums } = CDX;
  const component = new Models.Component(Enums.ComponentType.Library, p.name, {
    bomRef, version: p.version,
    properties: new Models.PropertyRepository([
      new Models.Property('palisade:package:type', p.type),
      new Models.Property('palisade:package:path', p.path),
      new Models.Property('palisade:layer:index', String(p.layer.index)),
      new Models.Property('palisade:layer:digest', p.layer.digest),
      ...(p.ecosystem ? [new Models.Property('palisade:package:ecosystem', p.ecosystem)] : []),
      ...(p.sourceName ? [new Models.Property('palisade:package:sourceName', p.sourceName)] : []),
      ...(p.sourceVersion ? [new Models.Property('palisade:package:sourceVersion', p.sourceVersion)] : []),
    ]),
  });
  const purl = purlOf(p);
  if (purl) component.purl = purl;
  for (const l of p.licenses ?? []) {
    const id = CDX.SPDX.fixupSpdxId(l);
    component.licenses.add(id ? new Models.SpdxLicense(id) : new Models.NamedLicense(l));
  }
  return component;
}

/** The package's own purl when it is one, else one built from its type, name and version (purl-spec). */
function purlOf(p: ImagePackage): string | undefined {
  if (p.purl) {
    try {
      return purlClass().fromString(p.purl).toString();
    } catch {
      // not a purl: built below
    }
  }
  try {
    // npm scopes and Go module paths are the purl namespace (purl-spec PURL-TYPES: npm, golang)
    const slash = p.name.lastIndexOf('/');
    const split = (p.type === 'npm' && p.name.startsWith('@')) || p.type === 'golang';
    const namespace = split && slash > 0 ? p.name.slice(0, slash) : undefined;
    const name = split && slash > 0 ? p.name.slice(slash + 1) : p.name;
    return new (purlClass())(p.type, namespace, name, p.version, undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

function ociPurl(repository: string, name: string, digest: string): string | undefined {
  try {
    const last = repository.split('/').at(-1) ?? repository;
    return new (purlClass())('oci', undefined, last, digest, { repository_url: name }, undefined).toString();
  } catch {
    return undefined;
  }
}

function packageKey(image: string, digest: string | undefined, name: string, version: string, path: string): string {
  return [image, digest ?? '', name, version, path].join('\u0000');
}

function vulnerability(CDX: typeof CDXTypes, v: Vulnerability, ref: string | undefined) {
  const { Models } = CDX;
  const out = new Models.Vulnerability.Vulnerability({
    id: v.id,
    source: new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(v.id)}` }),
    ...(v.summary ? { description: v.summary } : {}),
    ...(v.fixedVersion ? { recommendation: `Upgrade ${v.package.name} to ${v.fixedVersion} or later.` } : {}),
  });
  for (const alias of v.aliases) {
    out.references.add(new Models.Vulnerability.Reference(alias, new Models.Vulnerability.Source({
      name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(alias)}`,
    })));
  }
  out.ratings.add(new Models.Vulnerability.Rating({
    severity: v.severity as CDXTypes.Enums.Vulnerability.Severity,
    ...(v.score !== undefined ? { score: v.score } : {}),
    ...(v.cvss ? { vector: v.cvss, method: ratingMethod(CDX, v.cvss) } : {}),
  }));
  if (ref) out.affects.add(new Models.Vulnerability.Affect(new Models.BomRef(ref)));
  out.properties.add(new Models.Property('palisade:image:reference', v.image));
  out.properties.add(new Models.Property('palisade:status', v.status));
  if (v.exception) out.properties.add(new Models.Property('palisade:exception:reason', v.exception.reason));
  return out;
}

/** The rating method of a CVSS vector, by its version prefix (CVSS v3.x: `CVSS:3.0/`, `CVSS:3.1/`; v4.0: `CVSS:4.0/`). */
function ratingMethod(CDX: typeof CDXTypes, vector: string): CDXTypes.Enums.Vulnerability.RatingMethod {
  const M = CDX.Enums.Vulnerability.RatingMethod;
  if (vector.startsWith('CVSS:3.1/')) return M.CVSSv31;
  if (vector.startsWith('CVSS:3.0/')) return M.CVSSv3;
  if (vector.startsWith('CVSS:4.0/')) return M.CVSSv4;
  if (vector.startsWith('(AV:') || vector.startsWith('AV:')) return M.CVSSv2;
  return M.Other;
}
