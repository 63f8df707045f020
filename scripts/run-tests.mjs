// Runs every *.test.ts under src/ and test/ with node:test through tsx.
// Node 20's `--test` does not expand glob patterns itself, so the files are listed here.
// Extra arguments narrow the run: `npm test -- rbac` runs the test files whose path contains "rbac".
// kubectl (with kustomize) and helm come from an npm package (scripts/test-tools.mjs) and go first
// on the tests' PATH, so the tests render with real programs whatever the machine has installed.
// The image tests' Debian programs (docker-registry, umoci, skopeo, go, htpasswd) are installed when
// missing, only when an image test is selected or the whole suite runs (test-tools.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureImageTools, ensureTestTools } from './test-tools.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function collect(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [...collect(path.join(root, 'src'), []), ...collect(path.join(root, 'test'), [])]
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ')}`);
  process.exit(1);
}
// The image tests (test/image-*.test.ts) need Debian programs: checked only when one of them runs.
if (files.some((f) => /(^|\/)image-[^/]*\.test\.ts$/.test(f) && f.startsWith('test'))) {
  try {
    ensureImageTools();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
const env = { ...process.env, PATH: [ensureTestTools(), process.env.PATH].filter(Boolean).join(path.delimiter) };
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root, stdio: 'inherit', env,
});
process.exit(result.status ?? 1);
