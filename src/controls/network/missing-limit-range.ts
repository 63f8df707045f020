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
  id: 'missing-limit-range',
  aliases: [],
  title: 'Namespace without LimitRange',
  severity: 'low',
  section: 'network',
  reads: ['LimitRange'],
  appliesTo: 'inventory',
  failsWhen: 'a namespace that holds workloads has no LimitRange.',
  rationale:
    'A LimitRange gives every container default requests and limits and caps what one container may ask for. The '
    + 'guidance lists it beside ResourceQuotas as the way to keep a single pod from starving its neighbours.',
  remediation: 'Add a LimitRange with default and max CPU and memory for containers to every namespace that runs workloads.',
  nothingToEvaluate: 'no namespace in the input holds workloads',
  example: {
    failing: DEPLOYMENT,
    passing: `${DEPLOYMENT}---
apiVersion: v1
kind: LimitRange
metadata: {name: limits, namespace: shop}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
`,
  },
  targets: namespacesWithWorkloads,
  check: (target, ctx) => checkHasObject('LimitRange', target, ctx),
});
