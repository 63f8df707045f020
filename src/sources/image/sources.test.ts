// registryBytes with the blob cache: a blob removed from the cache between the check that it is
// there and its opening (`palisade cache prune --all` beside a scan) is fetched again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { BlobCache, readBounded, sha256 } from './cache.js';
import type { RegistryClient } from './registry/client.js';
import { registryBytes } from './sources.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-sources-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A cache whose check() succeeds and then loses the blob, as if a prune ran just after it, `times` times. */
class PrunedAfterCheck extends BlobCache {
  constructor(root: string, private times: number) { super(root); }
  override async check(digest: string, maxBytes?: number): Promise<boolean> {
    const there = await super.check(digest, maxBytes);
    if (there && this.times-- > 0) fs.rmSync(this.path(digest));
    return there;
  }
}

describe('registryBytes and the cache', () => {
  const data = Buffer.from('layer bytes');
  const desc = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(data), size: data.length };
  const client = (fetched: string[]): RegistryClient => ({
    blob: async (d: { digest: string }) => { fetched.push(d.digest); return Readable.from([data]); },
  }) as unknown as RegistryClient;

  it('fetches again a blob pruned between its check and its opening', async () => {
    const cache = new PrunedAfterCheck(path.join(dir, 'a'), 1);
    await cache.put('blob', Readable.from([data]), desc.digest, 100);
    const fetched: string[] = [];
    const layer = await registryBytes(client(fetched), 'latest', cache).layer(desc);
    assert.equal((await readBounded(layer, 100, 'layer')).toString(), 'layer bytes');
    assert.deepEqual(fetched, [desc.digest]);
    assert.equal(cache.has(desc.digest), true);
  });

  it('uses the cached copy without fetching when it stays', async () => {
    const cache = new BlobCache(path.join(dir, 'b'));
    await cache.put('blob', Readable.from([data]), desc.digest, 100);
    const fetched: string[] = [];
    assert.equal((await registryBytes(client(fetched), 'latest', cache).blob(desc, 100)).toString(), 'layer bytes');
    assert.deepEqual(fetched, []);
  });
});
