// `palisade docs --out DIR [--frameworks-out DIR]`: writes docs/controls from the control metadata
// and docs/frameworks from the framework data (`npm run docs`).
import { writeDocs } from '../docs/generate.js';
import { generateFrameworkDocs } from '../docs/frameworks.js';
import { EXIT } from './exit-codes.js';
import { writeLine } from './terminal.js';

export function runDocs(opts: { out: string; frameworksOut?: string }): number {
  const { written, removed } = writeDocs(opts.out);
  writeLine(process.stdout, `wrote ${written} page(s) to ${opts.out}${removed.length ? `; removed ${removed.join(', ')}` : ''}`);
  if (opts.frameworksOut) {
    const fw = writeDocs(opts.frameworksOut, generateFrameworkDocs());
    writeLine(process.stdout, `wrote ${fw.written} framework page(s) to ${opts.frameworksOut}${fw.removed.length ? `; removed ${fw.removed.join(', ')}` : ''}`);
  }
  return EXIT.OK;
}
