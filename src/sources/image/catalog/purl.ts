// Package URLs (github.com/package-url/purl-spec) through packageurl-js, which applies each type's
// normalisation (pypi: lower case, `_` → `-`; npm: the scope is the namespace).
import { PackageURL } from 'packageurl-js';

export function purl(type: string, namespace: string | undefined, name: string, version: string, qualifiers?: Record<string, string | undefined>): string | undefined {
  const q = qualifiers ? Object.fromEntries(Object.entries(qualifiers).filter((e): e is [string, string] => !!e[1])) : undefined;
  try {
    return new PackageURL(type, namespace, name, version, q && Object.keys(q).length ? q : undefined, undefined).toString();
  } catch {
    return undefined; // a name the purl type refuses: the package is still listed, without a purl
  }
}
