// This host's Kubernetes components (`--node [--root DIR]`), as a Source that informs the
// control-plane and kubelet sections only. A root without running processes (a node's disk mounted
// elsewhere) is judged on its files, and the report says so.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../model/errors.js';
import type { Source, SourceResult } from '../source.js';
import { readNode } from './index.js';

/** Sections whose controls read node data; a node-only scan is scored against these. */
export const NODE_SECTIONS: readonly string[] = ['control-plane', 'kubelet'];

export function nodeSource(root: string | undefined): Source {
  return {
    name: '--node',
    read(): SourceResult {
      const dir = path.resolve(root ?? '/');
      if (!isDirectory(dir)) throw new UsageError(`--root: not a directory: ${root}`);
      const node = readNode(dir);
      const result: SourceResult = {
        resources: node.resources, ignored: node.ignored, errors: node.errors, documents: node.documents, targets: node.targets,
        warnings: [], notes: [], unreadable: [], sections: NODE_SECTIONS,
      };
      if (node.components === 0) {
        // nothing found: why, in the warnings and in every node control's skip reason
        const note = `--node: ${node.notes[0]}`;
        result.warnings.push(note);
        result.skipNote = { sections: NODE_SECTIONS, note };
        for (const w of node.warnings) result.warnings.push(`--node: ${w}`); // on a disk: a masked unit, an ExecStart that is no component
        return result;
      }
      if (node.fromFiles) {
        // a node's disk: the report says processes were not available, and so does every node control
        // it leaves skipped (a component whose command line no file holds: rke2's kubelet, a worker's control plane)
        const note = `--node: ${node.fromFiles}`;
        result.warnings.push(note);
        result.skipNote = { sections: NODE_SECTIONS, note };
      }
      // a config file not in effect, flags etcd ignores: in the report; what was found: on the terminal
      for (const w of node.warnings) result.warnings.push(`--node: ${w}`);
      for (const n of node.notes) result.notes.push(`--node: ${n}`);
      return result;
    },
  };
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
