// The HTML report as a string: escaping of everything that comes from the input, the embedded
// JSON, the totals it shows, file:line relative to the scan root, and a CSP that matches the page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ScanReport } from '../model/types.js';
import { contentSecurityPolicy, formatHtml } from './html.js';
import { failuresBySection } from './html/chart.js';
import { relativeFile } from './html/controls.js';

const EVIL = '<script>alert("x")</script>';

function sampleReport(): ScanReport {
  const controlBase = { aliases: [], rationale: 'Why & how it matters.', remediation: 'Set it to "false".', compliance: null };
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'palisade', version: '9.8.7' },
    generatedAt: '2025-01-02T03:04:05.000Z',
    targets: [{ type: 'files', paths: ['/scan/root'] }],
    frameworks: [{
      id: 'nsa-cisa', title: 'NSA/CISA Kubernetes Hardening Guidance', version: '1.2', compliance: 40, coverage: 66.67,
      controls: 3, evaluatedControls: 2,
      sections: [
        { id: 'pod-security', title: 'Kubernetes Pod security', compliance: 50, controls: ['privileged-container', 'skip-me'] },
        { id: 'rbac', title: 'Authentication and authorization', compliance: 30, controls: ['rbac-wildcards'] },
      ],
    }],
    summary: {
      compliance: 41.5, coverage: 66.67, risk: 57.25, documents: 4, resources: 3, ignoredDocuments: 0, errors: 1,
      controls: { passed: 0, failed: 2, skipped: 1 },
      findings: { passed: 0, failed: 3, excepted: 1 },
      failedBySeverity: { critical: 0, high: 2, medium: 1, low: 0 },
      durationMs: 5,
    },
    controls: [
      { ...controlBase, id: 'privileged-container', aliases: ['C-0057'], title: 'Privileged container', severity: 'high', section: 'pod-security', status: 'failed', counts: { evaluated: 4, passed: 1, failed: 2, excepted: 1 }, compliance: 50 },
      { ...controlBase, id: 'rbac-wildcards', title: 'Role uses wildcards', severity: 'medium', section: 'rbac', status: 'failed', counts: { evaluated: 1, passed: 0, failed: 1, excepted: 0 }, compliance: 0 },
      { ...controlBase, id: 'skip-me', title: 'Skipped one', severity: 'low', section: 'pod-security', status: 'skipped', reason: 'no <Ingress> objects in the input', counts: { evaluated: 0, passed: 0, failed: 0, excepted: 0 } },
    ],
    resources: [
      { id: `apps/v1/shop/Deployment/${EVIL}`, apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: EVIL, source: { type: 'file', file: '/scan/root/apps/web.yaml', line: 1, column: 1 } },
      { id: 'apps/v1/shop/Deployment/api', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api', source: { type: 'file', file: '/scan/root/api.yaml', line: 5, column: 1 } },
      { id: 'rbac.authorization.k8s.io/v1//ClusterRole/all', apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'all', source: { type: 'file', file: '/elsewhere/rbac.yaml', line: 1, column: 1 } },
    ],
    findings: [
      {
        controlId: 'privileged-container', resourceId: `apps/v1/shop/Deployment/${EVIL}`, status: 'failed', severity: 'high',
        message: `container "${EVIL}" is privileged`,
        paths: [{ path: 'spec.template.spec.containers[0].securityContext.privileged', message: `container "${EVIL}" is privileged`,
          location: { file: '/scan/root/apps/web.yaml', line: 27, column: 9 },
          fix: { description: 'set privileged: false', edits: [{ op: 'set', path: 'spec.template.spec.containers[0].securityContext.privileged', value: false }] } }],
      },
      {
        controlId: 'privileged-container', resourceId: 'apps/v1/shop/Deployment/api', status: 'excepted', severity: 'high', message: 'container "api" is privileged',
        paths: [{ path: 'spec.template.spec.containers[0].securityContext.privileged', message: 'container "api" is privileged', location: { file: '/scan/root/api.yaml', line: 30, column: 11 } }],
        exception: { source: 'exceptions.yaml:3', reason: 'approved in SEC-42 & <b>reviewed</b>', expires: '2099-01-01' },
      },
      {
        controlId: 'rbac-wildcards', resourceId: 'rbac.authorization.k8s.io/v1//ClusterRole/all', status: 'failed', severity: 'medium', message: 'rule grants * on *',
        paths: [{ path: 'rules[0].verbs', message: 'verbs: *', location: { file: '/elsewhere/rbac.yaml', line: 8, column: 3 } }],
      },
      {
        controlId: 'privileged-container', resourceId: 'apps/v1/shop/Deployment/api', status: 'failed', severity: 'high', message: 'init container "setup" is privileged',
        paths: [{ path: 'spec.template.spec.initContainers[0].securityContext.privileged', message: 'init container "setup" is privileged', location: { file: '/scan/root/api.yaml', line: 40, column: 11 } }],
      },
    ],
    attackPaths: [],
    vulnerabilities: [],
    exceptions: { applied: 1, unmatched: [], expired: [] },
    errors: [{ file: '/scan/root/broken.yaml', line: 3, column: 1, message: 'invalid YAML: duplicated mapping key' }],
    warnings: ['a <warning>'],
  };
}

const render = () => formatHtml(sampleReport(), { root: '/scan/root' });
const DATA_OPEN = '<script type="application/json" id="palisade-data">';

function between(html: string, open: string, close: string): string {
  const start = html.indexOf(open);
  assert.ok(start >= 0, `${open} is in the page`);
  const end = html.indexOf(close, start + open.length);
  return html.slice(start + open.length, end);
}

describe('html report', () => {
  it('escapes every string from the report', () => {
    const html = render();
    assert.ok(!html.includes('<script>alert'), 'no raw script from a resource name');
    assert.ok(!html.includes('<b>reviewed'), 'no raw markup from an exception reason');
    assert.ok(!html.includes('<Ingress>') && !html.includes('<warning>'));
    assert.ok(html.includes(`Deployment shop/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;`));
    assert.ok(html.includes('approved in SEC-42 &amp; &lt;b&gt;reviewed&lt;/b&gt;'));
    assert.ok(html.includes('no &lt;Ingress&gt; objects in the input'), 'the skipped reason is shown');
    assert.equal(html.match(/<script/g)?.length, 2, 'the data block and the page script only');
  });

  it('embeds the report as JSON that parses back to the same value and cannot close its element', () => {
    const html = render();
    const json = between(html, DATA_OPEN, '</script>');
    assert.ok(!/[<>]/.test(json));
    assert.deepEqual(JSON.parse(json), sampleReport());
  });

  it('shows the totals of the report', () => {
    const html = render();
    const header = between(html, '<header>', '</header>');
    assert.match(header, /Compliance<\/span><span class="value">41\.5%/);
    assert.match(header, /Coverage<\/span><span class="value">66\.67%<\/span><span class="sub">2 of 3 controls evaluated/);
    assert.match(header, /Risk<\/span><span class="value">57\.25\/100/);
    assert.match(header, /Failed findings<\/span><span class="value">3<\/span><span class="sub">0 critical · 2 high · 1 medium · 0 low/);
    assert.match(header, /palisade 9\.8\.7/);
    assert.match(header, /datetime="2025-01-02T03:04:05\.000Z"/);
    assert.match(header, /targets: files: \/scan\/root/);
    assert.match(header, /Warning: a &lt;warning&gt;/);
    assert.match(header, /Scanned 3 resource\(s\) from 4 document\(s\), <strong class="errors">1 input error\(s\)<\/strong>/);
    assert.match(header, /Input error: <code>broken\.yaml:3:1<\/code> invalid YAML: duplicated mapping key \(not scanned\)/);
    // The row of a control carries its failed / passed / excepted counts, in that order.
    const row = between(html, '<tbody class="control" data-id="privileged-container"', '</tr>');
    assert.match(row, /<td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td>$/);
    // Failed controls first, most severe first; skipped last.
    const order = [...html.matchAll(/<tbody class="control" data-id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, ['privileged-container', 'rbac-wildcards', 'skip-me']);
  });

  it('charts failed findings (not excepted) by section and severity', () => {
    const rows = failuresBySection(sampleReport());
    assert.deepEqual(rows.map((r) => [r.title, r.total, r.bySeverity.high, r.bySeverity.medium]),
      [['Kubernetes Pod security', 2, 2, 0], ['Authentication and authorization', 1, 0, 1]]);
    const svg = between(render(), '<svg', '</svg>');
    assert.match(svg, /<title>Kubernetes Pod security: 2 high<\/title>/);
    assert.match(svg, /<title>Authentication and authorization: 1 medium<\/title>/);
  });

  it('shows file:line relative to the scan root, the fix and the exception', () => {
    const html = render();
    assert.ok(html.includes('<code class="loc">apps/web.yaml:27:9</code>'));
    assert.ok(html.includes('<code class="loc">apps/web.yaml:1:1</code>'), 'the resource itself');
    assert.ok(html.includes('<code class="loc">/elsewhere/rbac.yaml:8:3</code>'), 'outside the root: as given');
    assert.ok(html.includes('<strong>Fix:</strong> set privileged: false (set <code>spec.template.spec.containers[0].securityContext.privileged</code> = <code>false</code>)'));
    assert.ok(html.includes('(exceptions.yaml:3, until 2099-01-01)'));
    assert.ok(html.includes('1 resource passed (run with --verbose to list them).'));
    assert.equal(relativeFile('<stdin>', '/scan/root'), '<stdin>');
    assert.equal(relativeFile('/scan/root/a/b.yaml', '/scan/root'), 'a/b.yaml');
  });

  it('allows only its own style and script, by hash, and loads nothing', () => {
    const html = render();
    const csp = contentSecurityPolicy();
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(!csp.includes('unsafe'));
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    assert.ok(csp.includes(`script-src ${hash(between(html, '<script>', '</script>'))}`), 'the script hash matches the page script');
    assert.ok(csp.includes(`style-src ${hash(between(html, '<style>', '</style>'))}`), 'the style hash matches the page style');
    assert.ok(!/https?:/.test(html), 'no URL anywhere in the page');
    assert.deepEqual([...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]), ['data:,']);
  });
});
