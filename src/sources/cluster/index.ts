// The cluster source's public face: what the CLI (`palisade scan --cluster`, `who-can --cluster`) calls.
export { readCluster, type ClusterProgress, type ClusterSourceResult, type ReadClusterOptions, type Unreadable } from './read.js';
export { loadClusterConfig, type ClusterConfig, type ClusterConfigOptions } from './kubeconfig.js';
export { ClusterError, KubeconfigError, Unauthorized, Unreachable } from './errors.js';
export { CLUSTER_KINDS, type KindSpec } from './kinds.js';
