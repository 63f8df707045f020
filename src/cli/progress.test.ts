import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clusterProgress } from './progress.js';

const step = (kindsListed: number, objects: number, extra = {}) => ({ kinds: 4, kindsListed, objects, pages: objects / 10, kubelets: 0, kubeletsRead: 0, ...extra });

describe('clusterProgress', () => {
  it('on a terminal: one line rewritten in place, at most every 100 ms until the last kind, cleared at the end', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = clusterProgress(false, { isTTY: true, write: (s: string) => { written.push(s); return true; } } as never, () => clock);
    progress.update!(step(0, 0));
    clock = 50;
    progress.update!(step(1, 500)); // too soon: not shown
    clock = 200;
    progress.update!(step(2, 1000));
    progress.update!(step(4, 2000, { kubelets: 3, kubeletsRead: 1 })); // the last kind: always shown
    progress.done();
    assert.deepEqual(written, [
      '\r\x1b[Kpalisade: --cluster: kinds 0/4, 0 objects in 0 page(s)',
      '\r\x1b[Kpalisade: --cluster: kinds 2/4, 1000 objects in 100 page(s)',
      '\r\x1b[Kpalisade: --cluster: kinds 4/4, 2000 objects in 200 page(s), kubelets 1/3',
      '\r\x1b[K',
    ]);
  });

  it('silent when standard error is not a terminal, or with --quiet', () => {
    for (const [quiet, isTTY] of [[false, false], [true, true]] as const) {
      const written: string[] = [];
      const progress = clusterProgress(quiet, { isTTY, write: (s: string) => { written.push(s); return true; } } as never);
      assert.equal(progress.update, undefined);
      progress.done();
      assert.deepEqual(written, []);
    }
  });
});
