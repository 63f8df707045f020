// npm packages: every `node_modules/<name>/package.json` and `node_modules/@scope/<name>/package.json`
// (the package folders npm, yarn and pnpm install; a package.json deeper inside a package is not
// one), and the `packages` map of a package-lock.json (lockfileVersion 2 and 3, docs.npmjs.com
// "package-lock.json": keys are folder paths "node_modules/a/node_modules/b", "" is the root
// project, `link: true` entries are symlinks to another key). A lockfile entry whose folder was
// catalogued from its own package.json is not listed again.
import path from 'node:path';
import { isRecord } from '../../../model/guards.js';
import type { ImagePackage } from '../../../model/vulnerability.js';
import { purl } from './purl.js';
import type { Cataloguer } from './types.js';

const MANIFEST = /\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;
const LOCKFILE = /\/package-lock\.json$/;

function licenses(v: unknown): string[] | undefined {
  if (typeof v === 'string' && v) return [v];
  if (isRecord(v) && typeof v.type === 'string') return [v.type];
  return undefined;
}

function npmPackage(name: string, version: string, filePath: string, layer: ImagePackage['layer'], license?: string[]): ImagePackage {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const p = slash > 0 ? purl('npm', name.slice(0, slash), name.slice(slash + 1), version) : purl('npm', undefined, name, version);
  return { name, version, type: 'npm', ecosystem: 'npm', path: filePath, layer, ...(p ? { purl: p } : {}), ...(license ? { licenses: license } : {}) };
}

function parse(data: Buffer, file: string, warn: (m: string) => void): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    warn(`${file} is not JSON: skipped`);
    return undefined;
  }
}

export const npm: Cataloguer = {
  wants: (p) => MANIFEST.test(p) || (LOCKFILE.test(p) && !p.includes('/node_modules/')),
  catalog({ files, warn }) {
    const out: ImagePackage[] = [];
    const folders = new Set<string>();
    for (const [file, f] of files) {
      if (!f.data || !MANIFEST.test(file)) continue;
      const doc = parse(f.data, file, warn);
      if (!isRecord(doc) || typeof doc.name !== 'string' || typeof doc.version !== 'string' || !doc.name || !doc.version) continue;
      folders.add(path.posix.dirname(file));
      out.push(npmPackage(doc.name, doc.version, file, f.layer, licenses(doc.license)));
    }
    for (const [file, f] of files) {
      if (!f.data || !LOCKFILE.test(file) || file.includes('/node_modules/')) continue;
      const doc = parse(f.data, file, warn);
      if (!isRecord(doc) || !isRecord(doc.packages) || typeof doc.lockfileVersion !== 'number' || doc.lockfileVersion < 2) continue;
      const root = path.posix.dirname(file);
      for (const [key, entry] of Object.entries(doc.packages)) {
        const at = key.lastIndexOf('node_modules/');
        if (at < 0 || !isRecord(entry) || entry.link === true || typeof entry.version !== 'string') continue;
        if (folders.has(path.posix.join(root, key))) continue;
        const name = typeof entry.name === 'string' && entry.name ? entry.name : key.slice(at + 'node_modules/'.length);
        out.push(npmPackage(name, entry.version, file, f.layer, licenses(entry.license)));
      }
    }
    return out;
  },
};
