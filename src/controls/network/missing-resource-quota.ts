import { defineControl } from '../define.js';
import { checkHasObject, namespacesWithWorkloads } from '../templates/namespace-objects.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

export default defineControl({
  id: 'missing-resource-quota',
  aliases: [],
  title: 'Namespace without ResourceQuota',
  severity: 'low',
  section: 'network',
  reads: ['ResourceQuota'],
  appliesTo: 'inventory',
  failsWhen: 'a namespace that holds workloads has no ResourceQuota.',
  rationale:
    'The guidance asks administrators to cap what each namespace may consume, so that one compromised or runaway '
    + 'application cannot exhaust the cluster\'s CPU, memory, storage or object counts and deny service to the rest.',
  remediation: 'Add a ResourceQuota to every namespace that runs workloads, limiting requests, limits, pods and storage.',
  nothingToEvaluate: 'no namespace in the input holds workloads',
  example: {
    failing: DEPLOYMENT,
    passing: `${DEPLOYMENT}---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota, namespace: shop}
spec:
  hard: {requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "8", limits.memory: 16Gi, pods: "50"}
`,
  },
  targets: namespacesWithWorkloads,
  check: (target, ctx) => checkHasObject('ResourceQuota', target, ctx),
});
