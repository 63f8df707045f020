// A small Pod that fails one control (host-namespaces, with a fix), for the fix command's tests.
export const hostPidPod = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: app
spec:
  hostPID: true
  containers:
  - name: c
    image: nginx:1.27
`;
