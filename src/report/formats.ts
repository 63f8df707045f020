// The output formats, by name. Every format renders the JSON report; none recomputes anything.
// To add one: write src/report/<name>.ts exporting a render function, and add an entry below.
import type { ScanReport } from '../model/types.js';
import { formatJson, jsonChunks } from './json.js';
import { formatPretty } from './pretty.js';
import { htmlChunks } from './html.js';
import { formatSarif } from './sarif.js';
import { formatJunit } from './junit.js';
import { formatPrometheus } from './prometheus.js';
import { formatPolicyReport } from './policy-report.js';
import { formatCyclonedx } from './cyclonedx.js';

export interface FormatContext {
  /** Colours in terminal output. */
  color: boolean;
  /** The output is a terminal (JSON is then indented for reading). */
  tty: boolean;
  /** The terminal's width in columns, when the output is a terminal: pretty wraps to it. */
  width?: number;
  verbose: boolean;
  /** Absolute directory file locations are made relative to (the scan root: the first path scanned, or the cwd). */
  root: string;
  /** The directory SARIF URIs are relative to (the repository root, or --sarif-root); `root` when unset. */
  sarifRoot?: string;
}

export interface OutputFormat {
  name: string;
  /** File name used with --output-dir. */
  fileName: string;
  description: string;
  render(report: ScanReport, ctx: FormatContext): string;
  /** Optional: the same text in pieces, for large reports written without holding the whole text. */
  chunks?(report: ScanReport, ctx: FormatContext): Iterable<string>;
  /** The format lists the images' packages: the scan must put them in the report (ScanOptions.includePackages). */
  needsPackages?: boolean;
}

const LIST: OutputFormat[] = [
  { name: 'pretty', fileName: 'palisade.txt', description: 'terminal summary and failed controls', render: (r, c) => formatPretty(r, { color: c.color, verbose: c.verbose, width: c.width }) },
  {
    name: 'json', fileName: 'palisade.json', description: 'the JSON report (schema/report.schema.json); indented on a terminal, compact otherwise',
    render: (r, c) => formatJson(r, c.tty ? 2 : 0),
    chunks: (r, c) => jsonChunks(r, c.tty ? 2 : 0),
  },
  { name: 'sarif', fileName: 'palisade.sarif', description: 'SARIF 2.1.0 for GitHub code scanning and SARIF viewers; indented on a terminal, compact otherwise', render: (r, c) => formatSarif(r, { root: c.sarifRoot ?? c.root, indent: c.tty ? 2 : 0 }) },
  { name: 'junit', fileName: 'palisade-junit.xml', description: 'JUnit XML: a testsuite per guidance section, a testcase per control', render: (r) => formatJunit(r) },
  { name: 'prometheus', fileName: 'palisade.prom', description: 'Prometheus text exposition (scores, per-control compliance, finding counts)', render: (r) => formatPrometheus(r) },
  { name: 'policyreport', fileName: 'palisade-policyreport.yaml', description: 'wgpolicyk8s.io/v1alpha2 PolicyReport per namespace and a ClusterPolicyReport, as multi-document YAML', render: (r) => formatPolicyReport(r) },
  {
    name: 'html', fileName: 'palisade.html', description: 'one self-contained offline page: scores, chart, filterable controls with resources and file:line',
    render: (r, c) => [...htmlChunks(r, { root: c.root })].join(''),
    chunks: (r, c) => htmlChunks(r, { root: c.root }),
  },
  {
    name: 'cyclonedx', fileName: 'palisade.cdx.json', description: 'CycloneDX 1.5 JSON SBOM of the scanned images: each image a container component with its packages (purl, version, layer) and their vulnerabilities',
    render: (r) => formatCyclonedx(r), needsPackages: true,
  },
];

export const OUTPUT_FORMATS: ReadonlyMap<string, OutputFormat> = new Map(LIST.map((f) => [f.name, f]));
