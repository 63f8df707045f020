// Progress of a cluster read on standard error — only when it is a terminal and not --quiet: one
// line rewritten in place (kinds listed, objects, pages, kubelets), cleared when the read ends.
import type { ClusterProgress } from '../sources/cluster/read.js';

const EVERY_MS = 100;

export function clusterProgress(
  quiet: boolean, stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, now: () => number = Date.now,
): { update?: (p: ClusterProgress) => void; done: () => void } {
  if (quiet || !stream.isTTY) return { done: () => {} };
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      const t = now();
      if (t - last < EVERY_MS && p.kindsListed < p.kinds) return;
      last = t;
      const kubelets = p.kubelets ? `, kubelets ${p.kubeletsRead}/${p.kubelets}` : '';
      stream.write(`\r\x1b[Kpalisade: --cluster: kinds ${p.kindsListed}/${p.kinds}, ${p.objects} objects in ${p.pages} page(s)${kubelets}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** Progress of image reading, the same way: images read of all, and the last one. */
export function imageProgress(
  quiet: boolean, stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
): { update?: (done: number, total: number, ref: string) => void; done: () => void } {
  if (quiet || !stream.isTTY) return { done: () => {} };
  let shown = false;
  return {
    update(done, total, ref) {
      // the reference comes from the input: control characters are not written to the terminal
      const safe = ref.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 120);
      stream.write(`\r\x1b[Kpalisade: images ${done}/${total} read (${safe})`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
