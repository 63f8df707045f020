// default-deny-ingress and default-deny-egress with the CNIs' own policies and the admin network
// policies. The YAML follows each project's documentation examples (Cilium "Layer 3 examples" and
// "Policy Enforcement Modes"; Calico "Enable a default deny policy" and the NetworkPolicy /
// GlobalNetworkPolicy references; network-policy-api "API overview").
import { testControl } from '../../testing/control-tester.js';
import ingress from './default-deny-ingress.js';
import egress from './default-deny-egress.js';

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shop}
`;
const NS_FAILS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop # fails
  labels: {team: shop}
`;
const K8S_DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;
const BANP_DENY = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: default-deny
    action: Deny
    from:
    - namespaces: {}
`;
const one = (name: string, yaml: string) => ({ name, noWorkloadVariants: true, yaml });

testControl(ingress, {
  valid: [
    one('Cilium: `ingress: [{}]` allows nothing and puts every endpoint of the namespace in default deny', `${NS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-all-ingress, namespace: shop}
spec:
  endpointSelector: {}
  ingress:
  - {}
`),
    one('Cilium: a deny-only section (ingressDeny) is a section too', `${NS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-world, namespace: shop}
spec:
  endpointSelector: {}
  ingressDeny:
  - fromEntities: [world]
`),
    one('Cilium: a clusterwide policy selecting the namespace by its k8s:io.kubernetes.pod.namespace label', `${NS}---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: shop-lockdown}
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: shop
  ingress:
  - fromEndpoints:
    - matchLabels: {k8s:io.kubernetes.pod.namespace: shop}
`),
    one('Cilium: a clusterwide policy selecting namespaces by their labels (io.cilium.k8s.namespace.labels)', `${NS}---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: team-lockdown}
spec:
  endpointSelector:
    matchExpressions:
    - {key: io.cilium.k8s.namespace.labels.team, operator: In, values: [shop, payments]}
  ingress:
  - {}
`),
    one('Calico v3: the docs\' default-deny NetworkPolicy (selector all(), types Ingress and Egress)', `${NS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  selector: all()
  types:
  - Ingress
  - Egress
`),
    one('Calico: the docs\' GlobalNetworkPolicy default deny for every namespace but the system ones', `${NS}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default-deny
spec:
  selector: projectcalico.org/namespace not in  {'kube-system', 'calico-system', 'calico-apiserver'}
  types:
  - Ingress
  - Egress
  egress:
    - action: Allow
      protocol: UDP
      destination:
        selector: 'k8s-app == "kube-dns"'
        ports:
          - 53
`),
    one('Calico crd.projectcalico.org/v1: a GlobalNetworkPolicy whose namespaceSelector names the namespace', `${NS}---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata:
  name: shop-deny
spec:
  namespaceSelector: projectcalico.org/name == 'shop' || team == "payments"
  types: [Ingress]
  ingress:
  - action: Allow
    protocol: TCP
    source: {selector: app == 'gateway'}
  - action: Deny
`),
    one('Calico: an explicit final Deny with a lower order wins over a later allow-all', `${NS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-first, namespace: shop}
spec:
  order: 100
  selector: all()
  ingress:
  - action: Deny
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-later, namespace: shop}
spec:
  order: 200
  selector: all()
  ingress:
  - action: Allow
`),
    one('Calico runs Kubernetes NetworkPolicies at order 1000 of its default tier: a Calico Deny at order 100 comes before a Kubernetes allow-all', `${NS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-first, namespace: shop}
spec:
  order: 100
  selector: all()
  types: [Ingress]
  ingress:
  - action: Deny
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {}
  ingress: [{}]
`),
    one('an empty policyTypes / types list is defaulted as an absent one (Ingress)', `${NS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: k8s-empty-types, namespace: shop}
spec: {podSelector: {}, policyTypes: []}
`),
    one('Calico: an empty types list is defaulted too', `${NS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico-empty-types, namespace: shop}
spec: {selector: all(), types: []}
`),
    one('a BaselineAdminNetworkPolicy that denies ingress from every namespace', `${NS}---
${BANP_DENY}`),
    one('an AdminNetworkPolicy whose first rule covering every peer is Deny (an Allow of some namespaces before it)', `${NS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: cluster-control
spec:
  priority: 34
  subject:
    namespaces:
      matchLabels: {team: shop}
  ingress:
  - name: allow-from-monitoring
    action: Allow
    from:
    - namespaces:
        matchLabels: {kubernetes.io/metadata.name: monitoring}
  - name: deny-the-rest
    action: Deny
    from:
    - namespaces: {}
`),
  ],
  invalid: [
    {
      ...one('Cilium: enableDefaultDeny ingress false only adds rules', `${NS_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny-world, namespace: shop}
spec:
  endpointSelector: {}
  enableDefaultDeny:
    ingress: false
  ingressDeny:
  - fromEntities: [world]
`),
      paths: ['metadata.name'],
      messages: [/has 1 network policy, but none selects every pod/],
    },
    {
      ...one('Cilium: an absent ingress section (egress only) leaves ingress alone, and `ingress: []` is absent', `${NS_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: egress-only, namespace: shop}
spec:
  endpointSelector: {}
  ingress: []
  egress:
  - toEndpoints:
    - {}
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Cilium: `fromEntities: [all]` lets everything in', `${NS_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  endpointSelector: {}
  ingress:
  - fromEntities: [all]
`),
      paths: ['metadata.name'],
      messages: [/CiliumNetworkPolicy open, which allows all ingress traffic/],
    },
    {
      ...one('Cilium: a policy of another namespace, a host policy (nodeSelector) and a reserved: label select no pod here', `${NS_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: elsewhere, namespace: other}
spec:
  endpointSelector: {}
  ingress: [{}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: host-fw}
spec:
  nodeSelector: {}
  ingress: [{}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: host-label}
spec:
  endpointSelector:
    matchLabels: {reserved:host: ""}
  ingress: [{}]
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: without types, a policy with only egress rules is an Egress policy', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: egress-rules, namespace: shop}
spec:
  selector: all()
  egress:
  - action: Allow
    destination: {selector: app == 'db'}
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: an allow-all with a lower order comes before the deny', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-first, namespace: shop}
spec:
  order: 10
  selector: all()
  ingress:
  - action: Log
  - action: Allow
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: deny-later, namespace: shop}
spec:
  order: 20
  selector: all()
  ingress:
  - action: Deny
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: an Allow of all traffic at order 100 comes before the Kubernetes default deny (order 1000)', `${NS_FAILS}---
${K8S_DENY_ALL}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: allow-everything, namespace: shop}
spec:
  order: 100
  selector: all()
  types: [Ingress]
  ingress:
  - action: Allow
`),
      paths: ['metadata.name'],
      messages: [/has NetworkPolicy allow-everything \(projectcalico\.org\/v3\), which allows all ingress traffic to every pod in it/],
    },
    {
      ...one('Calico: a Pass of all traffic goes to the Kubernetes profile, which allows', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: pass, namespace: shop}
spec:
  selector: all()
  types: [Ingress]
  ingress:
  - action: Pass
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: a selector on pod labels does not cover every pod; a Kubernetes-looking kind in a Calico group is Calico\'s', `${NS_FAILS}---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: web-only, namespace: shop}
spec:
  selector: app == 'web' || has(tier)
  types: [Ingress]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: looks-kubernetes, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  selector: app == 'api'
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: a GlobalNetworkPolicy whose namespaceSelector leaves the namespace out, and a host-endpoint one (preDNAT)', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: others}
spec:
  namespaceSelector: team != 'shop'
  types: [Ingress]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: host}
spec:
  preDNAT: true
  applyOnForward: true
  selector: all()
  types: [Ingress]
`),
      paths: ['metadata.name'],
    },
    {
      ...one('Calico: a selector that does not parse selects nothing, and the message says so', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  selector: app == 'web' &&
  types: [Ingress]
`),
      paths: ['metadata.name'],
      messages: [/not counted: NetworkPolicy broken \(projectcalico\.org\/v3\): selector "app == 'web' &&" does not parse/],
    },
    {
      ...one('an AdminNetworkPolicy that allows all ingress overrides the namespace\'s NetworkPolicy and the baseline', `${NS_FAILS}---
${K8S_DENY_ALL}---
${BANP_DENY}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: open-everything}
spec:
  priority: 5
  subject: {namespaces: {}}
  ingress:
  - name: all
    action: Allow
    from: [{namespaces: {}}]
`),
      paths: ['metadata.name'],
      messages: [/has AdminNetworkPolicy open-everything \(priority 5\), which allows all ingress traffic to every pod in it/],
    },
    {
      ...one('a baseline that denies only some ports, or only some namespaces, is no default deny', `${NS_FAILS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject:
    pods:
      namespaceSelector: {}
      podSelector: {}
  ingress:
  - name: deny-ssh
    action: Deny
    from: [{namespaces: {}}]
    ports: [{portNumber: {protocol: TCP, port: 22}}]
  - name: deny-dev
    action: Deny
    from: [{namespaces: {matchLabels: {env: dev}}}]
`),
      paths: ['metadata.name'],
      messages: [/1 cluster-wide/],
    },
  ],
});

testControl(egress, {
  valid: [
    one('Calico: the docs\' GlobalNetworkPolicy allows DNS only: the tier ends in a drop', `${NS}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default-deny
spec:
  selector: projectcalico.org/namespace not in  {'kube-system', 'calico-system', 'calico-apiserver'}
  types:
  - Ingress
  - Egress
  egress:
    - action: Allow
      protocol: UDP
      destination:
        selector: 'k8s-app == "kube-dns"'
        ports:
          - 53
`),
    one('Cilium: egress rules that allow only DNS put the endpoints in egress default deny', `${NS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: dns-only, namespace: shop}
spec:
  endpointSelector: {}
  egress:
  - toEndpoints:
    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
    toPorts:
    - ports: [{port: "53", protocol: ANY}]
`),
    one('an AdminNetworkPolicy denying egress to every pod and every network', `${NS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: egress-lockdown}
spec:
  priority: 10
  subject:
    namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}
  egress:
  - name: deny-all
    action: Deny
    to:
    - namespaces: {}
    - networks: [0.0.0.0/0, ::/0]
`),
  ],
  invalid: [
    {
      ...one('Cilium: `toEntities: [all]` lets everything out', `${NS_FAILS}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  endpointSelector: {}
  egress:
  - toEntities: [all]
`),
      paths: ['metadata.name'],
    },
    {
      ...one('an admin Deny to every pod but not to outside networks leaves the internet open', `${NS_FAILS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
  - name: deny-pods
    action: Deny
    to: [{namespaces: {}}]
`),
      paths: ['metadata.name'],
    },
    {
      ...one('the docs\' default-deny with types Ingress only does not cover egress', `${NS_FAILS}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  selector: all()
  types: [Ingress]
`),
      paths: ['metadata.name'],
    },
  ],
});
