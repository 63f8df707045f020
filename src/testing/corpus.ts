// The real-world corpus (test/corpus/, project data: never edited; SOURCES.md is its attribution
// and license record), for tests under src/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/corpus');

export function corpusFile(rel: string): string {
  return fs.readFileSync(path.join(CORPUS, rel), 'utf8');
}
