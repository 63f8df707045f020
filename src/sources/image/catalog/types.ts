import type { ImagePackage } from '../../../model/vulnerability.js';
import type { FileRecord } from '../layers.js';
import type { OsInfo } from './os-release.js';

/** What a cataloguer sees: the image's kept files and its OS. */
export interface CatalogContext {
  files: Map<string, FileRecord>;
  os?: OsInfo;
  warn(message: string): void;
}

export type Cataloguer = {
  /** Whether the file at this absolute path is one to keep while the layers are applied. */
  wants(path: string): boolean;
  catalog(ctx: CatalogContext): ImagePackage[];
};
