// rbac-exec-attach and the Kubernetes version: a cluster scan's API server version, or
// inputs.kubernetesVersion from the config (which wins), decides whether get on pods/exec counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../engine/scan.js';
import { loadConfig } from '../../cli/config.js';
import { readText } from '../../sources/files/index.js';
import type { DocumentSink } from '../../sources/files/to-resources.js';
import { LineIndex } from '../../sources/files/yaml-documents.js';
import type { ScanTarget } from '../../model/types.js';
import { roleAndBinding } from '../../testing/rbac-yaml.js';

const YAML = roleAndBinding({ rules: ['{apiGroups: [""], resources: [pods/exec], verbs: [get]}'], subjects: ['{kind: User, name: dev}'] });

function statusWith(targets: ScanTarget[], kubernetesVersion?: string): string | undefined {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(YAML, [], { file: 'case.yaml', type: 'file', lines: new LineIndex(YAML) }, sink);
  const report = scan({ ...sink, targets }, { controls: ['rbac-exec-attach'], inputs: { kubernetesVersion } });
  return report.controls.find((c) => c.id === 'rbac-exec-attach')?.status;
}

describe('rbac-exec-attach: the version that decides whether get is enough', () => {
  it('a cluster at 1.35 enforces create: get alone passes; at 1.34, or with no version, it fails', () => {
    assert.equal(statusWith([{ type: 'cluster', context: 'c', server: 'https://k', version: 'v1.35.2' }]), 'passed');
    assert.equal(statusWith([{ type: 'cluster', context: 'c', server: 'https://k', version: 'v1.34.0' }]), 'failed');
    assert.equal(statusWith([{ type: 'files', paths: ['.'] }]), 'failed');
  });
  it('inputs.kubernetesVersion wins over the cluster\'s', () => {
    assert.equal(statusWith([{ type: 'files', paths: ['.'] }], '1.35'), 'passed');
    assert.equal(statusWith([{ type: 'cluster', context: 'c', server: 'https://k', version: 'v1.35.0' }], '1.30'), 'failed');
  });
  it('the config takes a version string and refuses a number or text that is no version', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-kv-'));
    const file = path.join(dir, '.palisade.yaml');
    fs.writeFileSync(file, 'inputs:\n  kubernetesVersion: "v1.35.1"\n');
    assert.equal(loadConfig(file).inputs.kubernetesVersion, 'v1.35.1');
    for (const bad of ['1.35', '"latest"']) {
      fs.writeFileSync(file, `inputs:\n  kubernetesVersion: ${bad}\n`);
      assert.throws(() => loadConfig(file), /kubernetesVersion: must be a Kubernetes version such as "1\.35"/);
    }
    fs.rmSync(dir, { recursive: true });
  });
});
