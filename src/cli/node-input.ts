// `palisade scan --node [--root DIR]`: reads the host and combines it with the files input.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import type { ScanReport } from '../model/types.js';
import type { ScanInput } from '../engine/scan.js';
import { readNode, type NodeSourceResult } from '../sources/node/index.js';
import { writeLine } from './terminal.js';

/** Sections whose controls read node data; their skip reasons name what --node found. */
export const NODE_SECTIONS: ReadonlySet<string> = new Set(['control-plane', 'kubelet']);

export function readNodeInput(root: string | undefined): NodeSourceResult {
  const dir = path.resolve(root ?? '/');
  let ok = false;
  try {
    ok = fs.statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--root: not a directory: ${root}`);
  return readNode(dir);
}

export function mergeInputs(files: ScanInput | undefined, node: NodeSourceResult): ScanInput {
  if (!files) return node;
  return {
    resources: [...files.resources, ...node.resources],
    documents: files.documents + node.documents,
    ignored: [...files.ignored, ...node.ignored],
    errors: [...files.errors, ...node.errors],
    targets: [...files.targets, ...node.targets],
  };
}

/** Tells the user what the node scan found and what to know about it; with nothing found, says so in the skip reasons and warnings. */
export function noteNode(report: ScanReport, node: NodeSourceResult, quiet: boolean): void {
  if (node.components === 0) {
    const note = node.notes[0];
    report.warnings.push(`--node: ${note}`);
    for (const c of report.controls) {
      if (c.status === 'skipped' && NODE_SECTIONS.has(c.section)) c.reason = `--node: ${note}; ${c.reason ?? ''}`.replace(/; $/, '');
    }
    return;
  }
  // in the report (and on stderr with the other warnings): a config file not in effect, flags etcd ignores
  for (const w of node.warnings) report.warnings.push(`--node: ${w}`);
  if (!quiet) for (const n of node.notes) writeLine(process.stderr, `palisade: --node: ${n}`);
}
