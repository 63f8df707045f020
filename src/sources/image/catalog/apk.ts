// apk's installed database, /lib/apk/db/installed: paragraphs of one-letter fields
// (wiki.alpinelinux.org "Apk spec", "Installed Database"): P name, V version, A architecture,
// o origin (the source package, the name advisories use: secdb and OSV file under it), L licence.
import type { ImagePackage } from '../../../model/vulnerability.js';
import { paragraphs } from './deb822.js';
import { purl } from './purl.js';
import type { Cataloguer } from './types.js';

const INSTALLED = '/lib/apk/db/installed';

export const apk: Cataloguer = {
  wants: (p) => p === INSTALLED,
  catalog({ files, os }) {
    const f = files.get(INSTALLED);
    if (!f?.data) return [];
    const out: ImagePackage[] = [];
    const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
    for (const para of paragraphs(f.data.toString('utf8'))) {
      const name = para.P;
      const version = para.V;
      if (!name || !version) continue;
      const pkg: ImagePackage = {
        name, version, type: 'apk', path: INSTALLED, layer: f.layer,
        ...(os?.ecosystem && os.id === 'alpine' ? { ecosystem: os.ecosystem } : {}),
        ...(para.o && para.o !== name ? { sourceName: para.o } : {}),
        ...(para.L ? { licenses: [para.L] } : {}),
      };
      const p = purl('apk', os?.id === 'alpine' || !os ? 'alpine' : os.id, name, version, { arch: para.A, distro, upstream: para.o && para.o !== name ? para.o : undefined });
      if (p) pkg.purl = p;
      out.push(pkg);
    }
    return out;
  },
};
