import { testControl } from '../../testing/control-tester.js';
import control from './missing-limit-range.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers: [{name: a, image: nginx:1.27}]
`;

testControl(control, {
  valid: [
    `${POD}---
apiVersion: v1
kind: LimitRange
metadata: {name: q, namespace: shop}
spec: {limits: [{type: Container, default: {cpu: 500m}}]}
`,
  ],
  invalid: [
    {
      name: 'a namespace with workloads and no limit range',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop} # fails
spec:
  containers: [{name: a, image: nginx:1.27}]
`,
      paths: ['metadata.name'],
      messages: [/namespace shop holds 1 workload\(s\) but has no LimitRange/],
    },
    {
      name: 'trap: a limit range in another namespace does not count',
      yaml: `${POD}---
apiVersion: v1
kind: LimitRange
metadata: {name: q, namespace: other}
spec: {limits: [{type: Container, default: {cpu: 500m}}]}
`,
      paths: ['metadata.name'],
    },
  ],
  skipped: [
    { name: 'namespaces without workloads are not judged', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n', reason: /no namespace in the input holds workloads/ },
  ],
});
