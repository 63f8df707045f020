// The OS of an image from os-release(5) (freedesktop.org): /etc/os-release, else /usr/lib/os-release.
// Lines are KEY=value; values may be quoted with "…" or '…' and use shell escapes (\" \\ \$ \`);
// lines starting with # and blank lines are ignored.
// OSV ecosystems (ossf.github.io/osv-schema, "Affected.package.ecosystem"): `Debian:<release>`
// (the VERSION_ID: "12"), `Alpine:v<major>.<minor>`, `Ubuntu:<version>` with `:LTS` for long-term
// releases ("Ubuntu:22.04:LTS"; os-release says LTS in VERSION: "22.04.4 LTS (Jammy Jellyfish)").
import type { ImageOs } from '../../../model/vulnerability.js';

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'];

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    if (!/^[A-Z0-9_]+$/.test(key)) continue;
    let v = line.slice(eq + 1);
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\([\\$"`])/g, '$1');
    else if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) v = v.slice(1, -1);
    out[key] = v;
  }
  return out;
}

export interface OsInfo extends ImageOs {
  /** The OSV ecosystem of its packages, when OSV has one for it. */
  ecosystem?: string;
  version?: string;
}

export function osInfo(fields: Record<string, string>): OsInfo | undefined {
  const id = fields.ID?.toLowerCase();
  if (!id) return undefined;
  const info: OsInfo = { id };
  if (fields.VERSION_ID) info.versionId = fields.VERSION_ID;
  if (fields.PRETTY_NAME) info.prettyName = fields.PRETTY_NAME;
  if (fields.VERSION) info.version = fields.VERSION;
  const v = info.versionId;
  if (v) {
    if (id === 'debian' && /^\d+$/.test(v)) info.ecosystem = `Debian:${v}`;
    else if (id === 'alpine') {
      const m = /^(\d+)\.(\d+)/.exec(v);
      if (m) info.ecosystem = `Alpine:v${m[1]}.${m[2]}`;
    } else if (id === 'ubuntu' && /^\d+\.\d+$/.test(v)) {
      info.ecosystem = `Ubuntu:${v}${/\bLTS\b/.test(fields.VERSION ?? '') ? ':LTS' : ''}`;
    }
  }
  return info;
}
