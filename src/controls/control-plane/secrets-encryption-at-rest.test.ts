import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import { ENCRYPTION_AESCBC, ENCRYPTION_IDENTITY_FIRST, HARDENED_APISERVER, KEY_CANARY, KUBEADM_APISERVER } from '../../testing/control-plane-fixtures.js';
import control from './secrets-encryption-at-rest.js';
import { staticPod } from '../templates/static-pod-example.js';

const CMD = 'spec.containers[0].command';
const API = staticPod('kube-apiserver', HARDENED_APISERVER);
// the tester reads every case as case.yaml: a flag naming that file joins the config of the case
const JOINED = staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/case.yaml']);
const KMS_WILDCARD = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
metadata: {name: encryption}
resources:
- resources: ['*.*']
  providers:
  - kms: {apiVersion: v2, name: vault, endpoint: unix:///run/kms.sock}
  - identity: {}
`;
const CONFIGMAPS_ONLY = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
metadata: {name: encryption}
resources:
- resources: [configmaps]
  providers:
  - secretbox: {keys: [{name: k, secret: ${KEY_CANARY}}]}
`;

testControl(control, {
  valid: [
    { name: 'flag set, file not in the input', yaml: API },
    { name: 'aescbc first', yaml: `${JOINED}---\n${ENCRYPTION_AESCBC(KEY_CANARY)}`, noWorkloadVariants: true },
    { name: 'KMS for every resource', yaml: `${JOINED}---\n${KMS_WILDCARD}`, noWorkloadVariants: true },
  ],
  invalid: [
    { name: 'kubeadm default: no encryption', yaml: staticPod('kube-apiserver', KUBEADM_APISERVER), paths: [CMD] },
    { name: 'identity first', yaml: `${JOINED}---\n${ENCRYPTION_IDENTITY_FIRST(KEY_CANARY).replace('kind: EncryptionConfiguration', 'kind: EncryptionConfiguration\nmetadata: {name: encryption}')}`,
      noWorkloadVariants: true, paths: ['encryption.resources[0].providers[0].identity'], lines: [22], messages: [/first provider for secrets .* is identity/] },
    { name: 'secrets not covered', yaml: `${JOINED}---\n${CONFIGMAPS_ONLY}`, noWorkloadVariants: true, paths: ['encryption.resources'], messages: [/does not cover secrets/] },
  ],
});

describe('secrets-encryption-at-rest joins the config by file path', () => {
  it('ignores an EncryptionConfiguration whose file name differs from the flag\'s', () => {
    // runControl reads everything as case.yaml; the flag names encryption.yaml: no join, so only the flag counts
    const r = runControl(control, `${staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/other.yaml'])}---\n${ENCRYPTION_IDENTITY_FIRST(KEY_CANARY)}`);
    assert.equal(r.failed, 0);
  });
  it('never puts key material in a finding', () => {
    const r = runControl(control, `${JOINED}---\n${ENCRYPTION_IDENTITY_FIRST(KEY_CANARY)}`);
    assert.equal(r.failed, 1);
    assert.ok(!JSON.stringify(r.findings).includes(KEY_CANARY));
  });
});
