// Test-only (not in the build): inputs of the kubelet control tests and src/inventory/kubelet.test.ts.
// Inputs shared by the kubelet control tests: a kubelet in a pod (flags only, or with --config
// naming case.yaml, the name the tester gives every case) and KubeletConfiguration documents.
export const kubeletPod = (flags: readonly string[]): string => `apiVersion: v1
kind: Pod
metadata: {name: kubelet, namespace: kube-system}
spec:
  containers:
  - name: kubelet
    image: example/kubelet:1
    command:
    - kubelet
${flags.map((f) => `    - ${f}`).join('\n')}
`;

/** Path of flag i (0-based) of kubeletPod(). */
export const flagPath = (i: number): string => `spec.containers[0].command[${i + 1}]`;
export const FLAGS_AT = 'spec.containers[0].command';
/** A kubelet whose --config is the case's own config document. */
export const WITH_CONFIG = kubeletPod(['--config=/var/lib/kubelet/case.yaml']);
