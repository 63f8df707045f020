// The cataloguers, run over the files kept from an image's layers.
import type { ImagePackage } from '../../../model/vulnerability.js';
import type { FileRecord } from '../layers.js';
import { apk } from './apk.js';
import { dpkg } from './dpkg.js';
import { go } from './go.js';
import { npm } from './npm.js';
import { OS_RELEASE_PATHS, osInfo, parseOsRelease, type OsInfo } from './os-release.js';
import { python } from './python.js';
import type { Cataloguer } from './types.js';

export const CATALOGUERS: Cataloguer[] = [dpkg, apk, npm, python, go];

export function wants(path: string): boolean {
  return OS_RELEASE_PATHS.includes(path) || CATALOGUERS.some((c) => c.wants(path));
}

/** /etc/os-release when the image has it as a file, else /usr/lib/os-release (os-release(5)). */
export function findOs(files: Map<string, FileRecord>): OsInfo | undefined {
  for (const p of OS_RELEASE_PATHS) {
    const f = files.get(p);
    if (f?.data) return osInfo(parseOsRelease(f.data.toString('utf8')));
  }
  return undefined;
}

export function catalog(files: Map<string, FileRecord>, warn: (m: string) => void): { os?: OsInfo; packages: ImagePackage[] } {
  const os = findOs(files);
  const packages: ImagePackage[] = [];
  for (const c of CATALOGUERS) packages.push(...c.catalog({ files, ...(os ? { os } : {}), warn }));
  packages.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || a.path.localeCompare(b.path));
  return { ...(os ? { os } : {}), packages };
}
