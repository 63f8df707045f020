// After tsc: make the CLI executable and check that src/version.ts matches package.json.
import fs from 'node:fs';
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version = fs.readFileSync(new URL('../src/version.ts', import.meta.url), 'utf8').match(/VERSION = '([^']+)'/)?.[1];
if (version !== pkg.version) {
  console.error(`src/version.ts says ${version}, package.json says ${pkg.version}`);
  process.exit(1);
}
const cli = new URL('../dist/cli/main.js', import.meta.url);
if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
