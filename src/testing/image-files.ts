// Builds the files map the image cataloguers read (src/sources/image/catalog), for their tests.
import type { FileRecord } from '../sources/image/layers.js';
import type { CatalogContext } from '../sources/image/catalog/types.js';
import type { OsInfo } from '../sources/image/catalog/os-release.js';

export const LAYER0 = { index: 0, digest: `sha256:${'0'.repeat(64)}` };

export function catalogContext(files: Record<string, string>, os?: OsInfo, warnings: string[] = []): CatalogContext {
  const map = new Map<string, FileRecord>(Object.entries(files).map(([p, data]) => [p, { path: p, layer: LAYER0, data: Buffer.from(data) }]));
  return { files: map, ...(os ? { os } : {}), warn: (m) => warnings.push(m) };
}
