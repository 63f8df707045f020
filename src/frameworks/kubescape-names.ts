// Kubescape's control names, so that `--controls "Privileged container"` works as it does in
// `kubescape scan control "Privileged container"`. Each name is paired with its Kubescape control
// id; the id leads to Palisade's controls through their aliases (a name may so select several
// controls, as its id does). The names are those of Kubescape's NSA framework (regolibrary's
// `frameworks/nsaframework.json`), plus a few controls of its other frameworks that Palisade
// covers; a renamed control keeps its former name too. src/engine/suggest.test.ts checks that
// every entry selects a control.

export const KUBESCAPE_CONTROL_NAMES: ReadonlyArray<readonly [id: string, name: string]> = [
  // the NSA framework
  ['C-0005', 'API server insecure port is enabled'],
  ['C-0012', 'Applications credentials in configuration files'],
  ['C-0013', 'Non-root containers'],
  ['C-0016', 'Allow privilege escalation'],
  ['C-0017', 'Immutable container filesystem'],
  ['C-0030', 'Ingress and Egress blocked'],
  ['C-0034', 'Automatic mapping of service account'],
  ['C-0035', 'Administrative Roles'],
  ['C-0035', 'Cluster-admin binding'],
  ['C-0038', 'Host PID/IPC privileges'],
  ['C-0041', 'HostNetwork access'],
  ['C-0044', 'Container hostPort'],
  ['C-0046', 'Insecure capabilities'],
  ['C-0054', 'Cluster internal networking'],
  ['C-0055', 'Linux hardening'],
  ['C-0057', 'Privileged container'],
  ['C-0066', 'Secret/etcd encryption enabled'],
  ['C-0067', 'Audit logs enabled'],
  ['C-0069', 'Disable anonymous access to Kubelet service'],
  ['C-0070', 'Enforce Kubelet client TLS authentication'],
  ['C-0270', 'Ensure CPU limits are set'],
  ['C-0271', 'Ensure memory limits are set'],
  // other frameworks (MITRE, AllControls)
  ['C-0001', 'Forbidden Container Registries'],
  ['C-0002', 'Exec into container'],
  ['C-0004', 'Resources memory limit and request'],
  ['C-0015', 'List Kubernetes secrets'],
  ['C-0045', 'Writable hostPath mount'],
  ['C-0048', 'HostPath mount'],
  ['C-0050', 'Resources CPU limit and request'],
  ['C-0061', 'Pods in default namespace'],
  ['C-0063', 'Portforwarding privileges'],
  ['C-0065', 'No impersonation'],
  ['C-0074', 'Container runtime socket mounted'],
  ['C-0075', 'Image pull policy on latest tag'],
  ['C-0078', 'Images from allowed registry'],
];
