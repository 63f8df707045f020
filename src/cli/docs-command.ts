// `palisade docs --out DIR`: writes docs/controls from the control metadata (`npm run docs`).
import { writeDocs } from '../docs/generate.js';
import { EXIT } from './exit-codes.js';
import { writeLine } from './terminal.js';

export function runDocs(opts: { out: string }): number {
  const { written, removed } = writeDocs(opts.out);
  writeLine(process.stdout, `wrote ${written} page(s) to ${opts.out}${removed.length ? `; removed ${removed.join(', ')}` : ''}`);
  return EXIT.OK;
}
