// The Kubernetes client library, imported on demand: it takes ~0.4 s to load, and only cluster
// scans need it. The CLI bundle (CommonJS, run by src/cli/bundle-loader.ts) replaces this module
// with one that imports through the loader: on Node 20 a script run by node:vm cannot call
// import() itself without an experimental flag.
export function importClientNode(): Promise<typeof import('@kubernetes/client-node')> {
  return import('@kubernetes/client-node');
}
