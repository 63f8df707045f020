// Helper, not a control: builds the example KubeletConfiguration documents in the kubelet/ controls' metadata (and their tests).
// Example KubeletConfiguration documents for the kubelet controls.
export function kubeletConfig(body: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${body}`;
}
