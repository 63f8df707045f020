// A report with a finding as a node scan produces it: a node resource without a file, and a
// failed path without a location. For the format tests (SARIF's logical locations).
import type { ScanReport } from '../model/types.js';

/** Adds a node resource (no file) with a failed finding whose path has no location. */
export function withNodeFinding(report: ScanReport): ScanReport {
  return {
    ...report,
    resources: [...report.resources, { id: '/v1//Node/worker-1', apiVersion: 'v1', kind: 'Node', name: 'worker-1', source: { type: 'node' } }],
    findings: [...report.findings, {
      controlId: 'privileged-container', resourceId: '/v1//Node/worker-1', status: 'failed', severity: 'high',
      message: 'kubelet allows privileged pods', paths: [{ path: 'kubelet.allowPrivileged', message: 'kubelet allows privileged pods' }],
      fix: { description: 'set --allow-privileged=false', edits: [{ op: 'set', path: 'kubelet.allowPrivileged', value: false }] },
    }],
  };
}
