// Files, directories, Helm charts, Kustomize directories and standard input, as a Source.
import type { Source, SourceResult } from '../source.js';
import { readFiles, type FileSourceOptions } from './index.js';

export function fileSource(paths: string[], options: FileSourceOptions = {}): Source {
  return {
    name: 'files',
    read: (): SourceResult => ({ ...readFiles(paths, options), notes: [], unreadable: [] }),
  };
}
