// Helper, not a control: builds the example static pods in the control-plane/ controls' metadata (and their tests).
// Example manifests for the control-plane controls' documentation: a static pod running one component.
import type { ComponentName } from '../../model/component-specs.js';

/** A kubeadm-style static pod whose container runs `name` with these flags (command[1] is the first flag). */
export function staticPod(name: ComponentName, flags: readonly string[]): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: kube-system
  labels: {component: ${name}, tier: control-plane}
spec:
  hostNetwork: true
  containers:
  - name: ${name}
    image: registry.k8s.io/${name}:v1.31.0
    command:
    - ${name}
${flags.map((f) => `    - ${f}`).join('\n')}
`;
}
