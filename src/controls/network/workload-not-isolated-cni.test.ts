// workload-not-isolated with the CNIs' own policies and the admin network policies (YAML after the
// Cilium, Calico and network-policy-api documentation examples).
import { testControl } from '../../testing/control-tester.js';
import control from './workload-not-isolated.js';

const DEPLOY = (labels: string, failing = false) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: production}
spec:
  selector: {matchLabels: {role: database}}
  template:
    metadata:
      labels: ${labels}${failing ? ' # fails' : ''}
    spec:
      serviceAccountName: db
      containers: [{name: db, image: redis:7.4}]
`;
const DB = DEPLOY('{role: database, app: redis}');
const DB_FAILS = DEPLOY('{role: database, app: redis}', true);

testControl(control, {
  valid: [
    {
      name: 'Cilium: the docs\' l3 rule (k8s: prefixed labels) with an egress section',
      yaml: `${DB}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: l3-rule, namespace: production}
spec:
  endpointSelector:
    matchLabels:
      k8s:role: database
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
  egress:
  - toEndpoints:
    - matchLabels: {any:role: cache}
`,
    },
    {
      name: 'Cilium: a clusterwide policy by namespace and service account labels, in two specs',
      yaml: `${DB}---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: by-account}
specs:
- endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: production
      io.cilium.k8s.policy.serviceaccount: db
  ingress: [{}]
- endpointSelector:
    matchExpressions: [{key: k8s:app, operator: Exists}]
  egress: [{}]
`,
    },
    {
      name: 'Calico: the docs\' allow-tcp-6379 policy (Log then Deny for the frontend, all egress allowed)',
      yaml: `${DB}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-6379
  namespace: production
spec:
  selector: role == 'database'
  types:
    - Ingress
    - Egress
  ingress:
    - action: Log
      protocol: TCP
      source:
        selector: role == 'frontend'
    - action: Deny
      protocol: TCP
      source:
        selector: role == 'frontend'
  egress:
    - action: Allow
`,
    },
    {
      name: 'Calico: a GlobalNetworkPolicy with a namespaceSelector and a serviceAccountSelector',
      yaml: `${DB}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: accounts}
spec:
  namespaceSelector: projectcalico.org/name starts with 'prod'
  serviceAccountSelector: projectcalico.org/name in {'db', 'cache'}
  selector: app contains 'red' && !has(legacy)
  types: [Ingress, Egress]
`,
    },
    {
      name: 'admin: a subject by pods, with a Deny in each direction',
      yaml: `${DB}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: protect-db}
spec:
  priority: 20
  subject:
    pods:
      namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: production}}
      podSelector: {matchLabels: {role: database}}
  ingress:
  - {name: deny-dev, action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}]}
  egress:
  - {name: deny-internet, action: Deny, to: [{networks: [0.0.0.0/0]}]}
`,
    },
  ],
  invalid: [
    {
      name: 'Cilium: enableDefaultDeny false in both directions only adds rules',
      yaml: `${DB_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: add-only, namespace: production}
spec:
  endpointSelector: {matchLabels: {role: database}}
  enableDefaultDeny: {ingress: false, egress: false}
  ingress: [{fromEndpoints: [{matchLabels: {role: frontend}}]}]
  egressDeny: [{toEntities: [world]}]
`,
      paths: ['spec.template.metadata.labels'],
      messages: [/selects these pods for Ingress or Egress/],
    },
    {
      name: 'Calico: an expression that does not match (!= on a present label), and a namespaced policy of another namespace',
      yaml: `${DB_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: not-db, namespace: production}
spec:
  selector: role != 'database' || (app in {'nginx'} && has(role))
  types: [Ingress, Egress]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: elsewhere, namespace: staging}
spec:
  selector: all()
  types: [Ingress, Egress]
`,
      paths: ['spec.template.metadata.labels'],
    },
    {
      name: 'admin: an AdminNetworkPolicy with only Allow rules isolates nothing',
      yaml: `${DB_FAILS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: allow-monitoring}
spec:
  priority: 30
  subject: {namespaces: {}}
  ingress:
  - {name: monitoring, action: Allow, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]}
`,
      paths: ['spec.template.metadata.labels'],
      messages: [/for Ingress or Egress/],
    },
  ],
});
