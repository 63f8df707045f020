// The shape of the resources the node source produces: one per Kubernetes component found on a host.
// Not a Pod (pod controls must not judge a host process), but read by the same component recognition.

export const NODE_API_VERSION = 'node.palisade.dev/v1';
export const NODE_COMPONENT_KIND = 'NodeComponent';

/** How a file is judged by node-file-permissions. */
export type NodeFileRole =
  | 'key'        // private keys and files holding secrets: no access for group/other
  | 'kubeconfig' // credentials: no access for group/other
  | 'cert'       // certificates and CA bundles: not writable by group/other
  | 'config'     // component configuration: not writable by group/other
  | 'manifest'   // static pod manifests: not writable by group/other
  | 'data-dir';  // the etcd data directory: 700

export interface NodeFile {
  /** The path as the component sees it (`/etc/kubernetes/pki/ca.crt`). */
  path: string;
  role: NodeFileRole;
  /** Why it is listed: the flag or setting that names it, or the distribution's default location. */
  reason: string;
  /** `0644`; absent when the file could not be examined. */
  mode?: string;
  uid?: number;
  gid?: number;
  /** The names of `uid` and `gid` in the node's /etc/passwd and /etc/group, when they are there. */
  user?: string;
  group?: string;
  directory?: boolean;
  /** SHA-256 of certificates (public data), to recognise the same CA under two names. Never set for keys. */
  sha256?: string;
}

export interface NodeComponentSpec {
  node: string;
  component: string;
  /** kubeadm, k3s, rke2, … when recognisable. */
  distribution?: string;
  pid?: number;
  /** The effective command line: the executable, then its flags. */
  command: string[];
  /** etcd started with --config-file: the file `command` was rebuilt from (absent when it could not be read). */
  settingsFile?: string;
  files: NodeFile[];
}
