// Go modules linked into a binary, from the module info its build info carries (go-buildinfo.ts).
// The lines are runtime/debug's BuildInfo text (src/runtime/debug/mod.go, ParseBuildInfo):
//   path <main package path>, mod <path> <version> [<sum>], dep <path> <version> [<sum>],
//   => <path> <version> [<sum>] (replaces the module on the line before), build <key>=<value>.
// A replacement by another module version is what is linked, so it is listed (path and version of
// the `=>` line). A replacement by a directory (`=> ../lib (devel)`) is a local copy of the module
// it replaces: it is listed under the replaced path and required version, so that advisories for
// that version still show (the copy may differ; Trivy lists `../lib` instead and never matches).
// The main module is listed unless its version is `(devel)` (a build from a source tree).
// The toolchain is the package `stdlib` at the Go version, as semver the way golang.org/x/vuln's
// internal/semver GoTagToSemver writes it: go1.19 → v1.19.0, go1.21rc2 → v1.21.0-rc.2.
import type { ImagePackage } from '../../../model/vulnerability.js';
import type { GoBuildInfo } from './go-buildinfo.js';
import { purl } from './purl.js';
import type { Cataloguer } from './types.js';

export interface GoModule { path: string; version: string; replace?: { path: string; version: string } }

export function parseModinfo(text: string): { main?: GoModule; deps: GoModule[] } {
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    const mod = (): GoModule => ({ path: f[1] ?? '', version: f[2] ?? '' });
    switch (f[0]) {
      case 'mod': main = last = mod(); break;
      case 'dep': deps.push(last = mod()); break;
      case '=>':
        if (last) last.replace = { path: f[1] ?? '', version: f[2] ?? '' };
        last = undefined;
        break;
      default: last = undefined;
    }
  }
  return { ...(main ? { main } : {}), deps };
}

/** golang.org/x/vuln internal/semver GoTagToSemver: "go1.21rc2" → "v1.21.0-rc.2"; "devel …" → undefined. */
export function goTagToSemver(tag: string): string | undefined {
  const t = tag.split(' ')[0]!;
  const m = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:beta|rc)\d*)?/.exec(t);
  if (!m) return undefined;
  const pre = m[4] ? `-${m[4].replace(/^(beta|rc)(\d*)$/, (_s, a: string, b: string) => (b ? `${a}.${b}` : a))}` : '';
  return `v${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${pre}`;
}

function isLocal(p: string): boolean {
  return p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === '.' || p === '..';
}

function goPackage(name: string, version: string, file: string, layer: ImagePackage['layer']): ImagePackage {
  const slash = name.lastIndexOf('/');
  const p = name === 'stdlib' ? purl('golang', undefined, 'stdlib', version)
    : purl('golang', slash > 0 ? name.slice(0, slash) : undefined, slash > 0 ? name.slice(slash + 1) : name, version);
  return { name, version, type: 'golang', ecosystem: 'Go', path: file, layer, ...(p ? { purl: p } : {}) };
}

export function goPackages(info: GoBuildInfo, file: string, layer: ImagePackage['layer']): ImagePackage[] {
  const out: ImagePackage[] = [];
  const { main, deps } = parseModinfo(info.modinfo);
  const std = goTagToSemver(info.goVersion);
  if (std) out.push(goPackage('stdlib', std, file, layer));
  if (main && main.version && main.version !== '(devel)') out.push(goPackage(main.path, main.version, file, layer));
  for (const d of deps) {
    const r = d.replace && !isLocal(d.replace.path) ? d.replace : d;
    if (!r.path || !r.version || r.version === '(devel)') continue;
    out.push(goPackage(r.path, r.version, file, layer));
  }
  return out;
}

export const go: Cataloguer = {
  wants: () => false, // Go binaries are found by the layer reader itself, streaming every ELF file
  catalog({ files }) {
    const out: ImagePackage[] = [];
    for (const [file, f] of files) if (f.go) out.push(...goPackages(f.go, file, f.layer));
    return out;
  },
};
