import { defineControl, setFix } from '../define.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS = ['privileged', 'baseline', 'restricted'];
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const PATH = ['metadata', 'labels', ENFORCE];

export default defineControl({
  id: 'pod-security-admission',
  aliases: ['C-0192'],
  title: 'Namespace without an enforced Pod Security Standard',
  severity: 'high',
  section: 'pod-security',
  appliesTo: { kinds: ['Namespace'] },
  nothingToEvaluate:
    'no Namespace objects in the input: Pod Security Admission is configured by labels on Namespace objects; '
    + 'include their manifests or scan a cluster with --cluster',
  failsWhen:
    `a Namespace has no ${ENFORCE} label, enforces \`privileged\`, or sets a value that is not a Pod Security Standard level.`,
  rationale:
    'Pod Security Admission is the built-in admission controller that rejects pods violating a Pod Security '
    + 'Standard (baseline or restricted) in the namespaces labelled for it. The v1.1 revision of the NSA/CISA '
    + 'Kubernetes Hardening Guidance replaces PodSecurityPolicy, removed in Kubernetes 1.25, with Pod Security '
    + 'Admission as the way to enforce pod security: without an enforce label a namespace admits privileged, '
    + 'host-namespace and root pods however carefully the manifests in a repository are reviewed.',
  remediation:
    `Label every application namespace with ${ENFORCE}: restricted (or baseline as a first step while workloads `
    + 'are brought into line), and use the audit and warn labels to find violations before enforcing.',
  example: {
    failing: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
    passing: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    ${ENFORCE}: restricted
    pod-security.kubernetes.io/enforce-version: latest
`,
  },
  check({ resource }, ctx) {
    const labels = resource.object.metadata.labels;
    const raw: unknown = labels && typeof labels === 'object' ? (labels as Record<string, unknown>)[ENFORCE] : undefined;
    const value = raw === undefined || raw === null ? undefined : String(raw);
    if (value === 'baseline' || value === 'restricted') return;
    const ns = `namespace "${resource.name}"`;
    const message = value === undefined
      ? `${ns} has no ${ENFORCE} label: Pod Security Admission enforces nothing there`
      : value === 'privileged'
        ? `${ns} enforces the privileged Pod Security Standard, which allows everything`
        : `${ns} sets ${ENFORCE} to "${value}", which is not a Pod Security Standard level (${LEVELS.join(', ')})`;
    const fix = setFix(
      `label the namespace ${ENFORCE}: restricted (or baseline as a lesser first step)`, PATH, 'restricted',
      { review: 'workloads in the namespace would be rejected if they do not meet the level (palisade fix picks the level they meet)' },
    );
    if (SYSTEM_NAMESPACES.has(resource.name)) {
      ctx.fail(PATH, message, {
        fix,
        exceptedBy: 'Kubernetes system namespace: it runs control-plane and node components that need privileges '
          + 'Pod Security Standards do not allow',
      });
      return;
    }
    ctx.fail(PATH, message, { fix });
  },
});
