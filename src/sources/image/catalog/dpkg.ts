// dpkg's database: /var/lib/dpkg/status (deb822 paragraphs, dpkg(1) "FILES"), and the one-file-
// per-package /var/lib/dpkg/status.d/<name> that distroless images write instead
// (GoogleContainerTools/distroless, rules_distroless; their `<name>.md5sums` files are not
// paragraphs). A package counts when the third word of `Status:` (want, error flag, state) is
// `installed` — dpkg-query(1) "Package states": `install ok installed`, and `hold ok installed`
// for a held package; `deinstall ok config-files` (removed, configuration kept) does not.
// A status.d paragraph without `Status:` is installed (distroless writes none).
// `Source: name (version)` (deb-control(5)): the source package, with its version when it differs
// from the binary's (binNMUs); advisories are filed under source names.
import type { ImagePackage } from '../../../model/vulnerability.js';
import { paragraphs } from './deb822.js';
import { purl } from './purl.js';
import type { Cataloguer } from './types.js';

const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';

export function isInstalled(status: string | undefined, inStatusD: boolean): boolean {
  if (status === undefined) return inStatusD;
  const words = status.trim().split(/\s+/);
  return words.length === 3 && words[2] === 'installed';
}

export function parseSource(source: string | undefined): { name?: string; version?: string } {
  if (!source) return {};
  const m = /^(\S+)(?:\s+\(([^)]+)\))?\s*$/.exec(source.trim());
  return m ? { name: m[1]!, ...(m[2] ? { version: m[2].trim() } : {}) } : {};
}

export const dpkg: Cataloguer = {
  wants: (p) => p === STATUS || (p.startsWith(STATUS_D) && !p.slice(STATUS_D.length).includes('/') && !p.endsWith('.md5sums')),
  catalog({ files, os }) {
    const out: ImagePackage[] = [];
    const namespace = os?.id === 'ubuntu' ? 'ubuntu' : 'debian';
    const distro = os?.versionId ? `${os.id}-${os.versionId}` : undefined;
    for (const [path, f] of files) {
      if (!f.data || !dpkg.wants(path)) continue;
      for (const para of paragraphs(f.data.toString('utf8'))) {
        const name = para.Package;
        const version = para.Version;
        if (!name || !version || !isInstalled(para.Status, path !== STATUS)) continue;
        const src = parseSource(para.Source);
        const pkg: ImagePackage = {
          name, version, type: 'deb', path, layer: f.layer,
          ...(os?.ecosystem && (os.id === 'debian' || os.id === 'ubuntu') ? { ecosystem: os.ecosystem } : {}),
          ...(src.name && src.name !== name ? { sourceName: src.name } : {}),
          ...(src.version && src.version !== version ? { sourceVersion: src.version } : {}),
        };
        const p = purl('deb', namespace, name, version, { arch: para.Architecture, distro, upstream: src.name && src.name !== name ? src.name : undefined });
        if (p) pkg.purl = p;
        out.push(pkg);
      }
    }
    return out;
  },
};
