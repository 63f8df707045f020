import { testControl } from '../../testing/control-tester.js';
import { AUDIT_POLICY_GOOD, AUDIT_POLICY_LEAKY } from '../../testing/control-plane-fixtures.js';
import { corpusFile } from '../../testing/corpus.js';
import control from './audit-policy-coverage.js';

const WEBSITE = corpusFile('k8s-website/audit/audit-policy.yaml');
const policy = (rules: string) => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;

testControl(control, {
  valid: [
    AUDIT_POLICY_GOOD,
    { name: 'a rule for one user does not settle secrets for everyone, the next one does', yaml: policy(
      '- level: None\n  users: [system:kube-proxy]\n- level: Metadata\n  resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io}]\n- level: Request\n') },
    { name: 'a Kyverno Policy is not an audit policy', yaml: 'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata: {name: p, namespace: x}\nspec: {rules: []}\n---\n' + AUDIT_POLICY_GOOD },
  ],
  invalid: [
    { name: 'secrets at RequestResponse', yaml: AUDIT_POLICY_LEAKY, paths: ['rules[0].level'], lines: [4], messages: [/logs secrets at RequestResponse/] },
    { name: 'catch-all at Request logs secrets, configmaps and tokenreviews', yaml: policy('- level: Request\n'),
      paths: ['rules[0].level', 'rules[0].level', 'rules[0].level'] },
    { name: 'group wildcard', yaml: policy('- level: RequestResponse\n  resources: [{group: "*"}]\n- level: Metadata\n'),
      paths: ['rules[0].level', 'rules[0].level', 'rules[0].level'] },
    { name: 'no catch-all', yaml: policy('- level: Metadata\n  resources: [{group: "", resources: [pods]}]\n'), paths: ['rules'], messages: [/no catch-all/] },
    { name: 'logs nothing', yaml: policy('- level: None\n'), paths: ['rules'], messages: [/logs nothing: every rule has level None/] },
    { name: 'a None catch-all first hides every later rule', yaml: policy('- level: None\n- level: Metadata\n'), paths: ['rules[0].level'], messages: [/first rule is a catch-all at level None/] },
    { name: 'no rules', yaml: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n', paths: ['rules'] },
    { name: 'kubernetes.io example: configmaps in kube-system at Request', yaml: WEBSITE, paths: ['rules[5].level'], lines: [43],
      messages: [/rule 6 logs configmaps at Request for some requests/] },
  ],
  skipped: [{ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n', reason: /no audit Policy/ }],
});
