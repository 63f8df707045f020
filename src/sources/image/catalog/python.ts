// Installed Python distributions: `*.dist-info/METADATA` (PyPA "Recording installed projects",
// wheels) and `*.egg-info/PKG-INFO` or a `*.egg-info` file (setuptools), both in the core metadata
// format (PyPA "Core metadata specifications": email headers, Name and Version required).
// Names are normalised as PEP 503 says (runs of -, _ and . become one -, lower case), the form
// PyPI's OSV records and purls use.
import type { ImagePackage } from '../../../model/vulnerability.js';
import { paragraphs } from './deb822.js';
import { purl } from './purl.js';
import type { Cataloguer } from './types.js';

const METADATA = /\.dist-info\/METADATA$|\.egg-info\/PKG-INFO$|\.egg-info$/;

export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export const python: Cataloguer = {
  wants: (p) => METADATA.test(p),
  catalog({ files }) {
    const out: ImagePackage[] = [];
    for (const [file, f] of files) {
      if (!f.data || !METADATA.test(file)) continue;
      const headers = paragraphs(f.data.toString('utf8'))[0] ?? {};
      const rawName = headers.Name?.trim();
      const version = headers.Version?.trim();
      if (!rawName || !version) continue;
      const name = normalizePythonName(rawName);
      const license = headers['License-Expression'] ?? (headers.License && headers.License !== 'UNKNOWN' ? headers.License.split('\n')[0] : undefined);
      const p = purl('pypi', undefined, name, version);
      out.push({ name, version, type: 'pypi', ecosystem: 'PyPI', path: file, layer: f.layer, ...(p ? { purl: p } : {}), ...(license ? { licenses: [license] } : {}) });
    }
    return out;
  },
};
