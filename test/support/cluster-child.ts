// Reads a cluster in a process of its own and prints what it read, the time and the peak RSS:
// the scale test measures the reader alone, not the fake API server beside it.
//   node --import tsx test/support/cluster-child.ts KUBECONFIG
import { readCluster } from '../../src/sources/cluster/index.js';

const started = performance.now();
const result = await readCluster({ kubeconfig: process.argv[2], kubelets: false });
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({
  resources: result.resources.length, folded: result.folded, errors: result.errors, unreadable: result.unreadable,
  ms, peakRss: process.resourceUsage().maxRSS * 1024,
}));
