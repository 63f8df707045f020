// A 50,000-object cluster (2,000 namespaces) read by a separate process: every object arrives,
// owners fold, and the reader's peak RSS stays bounded (pages are reduced as they come and never
// kept). No timing assertion: bench/cluster.mjs measures time and objects per second.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, tempDir } from './support/cli.js';
import { ClusterStore } from './support/cluster-store.js';
import { OBJECTS_PER_NAMESPACE, syntheticCluster } from './support/cluster-synthetic.js';
import { makeTls, writeKubeconfig } from './support/cluster-tls.js';
import { startFakeApiserver } from './support/fake-apiserver.js';

const TOKEN = 'scale-token-0f9e8d7c6b5a49382716';
const NAMESPACES = 2000;
/** Peak RSS allowed for the reading process (tsx, the TypeScript sources and 46,000 kept objects included). */
const RSS_LIMIT = 640 * 1024 * 1024;

function runChild(kubeconfig: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/cluster-child.ts'), kubeconfig], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('readCluster at scale', () => {
  it(`reads ${NAMESPACES * OBJECTS_PER_NAMESPACE} objects in ${NAMESPACES} namespaces with bounded memory`, async () => {
    const tls = makeTls(tempDir('palisade-cluster-scale-'));
    const objects = syntheticCluster(NAMESPACES);
    assert.equal(objects.length, 50_000);
    const fake = await startFakeApiserver(tls, new ClusterStore(objects), { token: TOKEN });
    try {
      const kubeconfig = writeKubeconfig(path.join(tls.dir, 'kubeconfig'), [{ name: 'scale', server: fake.url, caPem: tls.caPem, token: TOKEN }]);
      const run = await runChild(kubeconfig);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { resources: number; folded: Record<string, number>; errors: unknown[]; unreadable: unknown[]; ms: number; peakRss: number };
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.unreadable, []);
      assert.deepEqual(out.folded, { ReplicaSet: NAMESPACES, Pod: 3 * NAMESPACES });
      assert.equal(out.resources, 50_000 - 4 * NAMESPACES);
      console.log(`# ${out.resources} resources (${4 * NAMESPACES} folded) in ${(out.ms / 1000).toFixed(1)} s, peak RSS ${(out.peakRss / 2 ** 20).toFixed(0)} MiB`);
      assert.ok(out.peakRss < RSS_LIMIT, `peak RSS ${(out.peakRss / 2 ** 20).toFixed(0)} MiB`);
      // every list page was a full page of 500 but the last of each kind
      const pages = fake.requests.filter((r) => r.path === '/api/v1/configmaps');
      assert.equal(pages.length, Math.ceil((6 * NAMESPACES) / 500));
      fake.assertNoViolations();
    } finally {
      await fake.close();
    }
  });
});
