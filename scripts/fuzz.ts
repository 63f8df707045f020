// `npm run fuzz [-- --seconds N] [-- --seed S]`: the parser fuzz test of the suite
// (src/testing/yaml-fuzz.ts), run for longer: rounds of 10,000 mutated corpus excerpts, each round
// with the next seed, until the time is up (default 300 s). A disagreement with js-yaml stops it
// with the text that shows it and the seed that makes it again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzz, readYaml, yamlFiles } from '../src/testing/yaml-fuzz.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`${name}: expected a number`);
  return value;
};
const seconds = option('--seconds', 300);
let seed = option('--seed', Date.now() % 1_000_000_007);

const texts = yamlFiles(path.join(ROOT, 'test/corpus')).map(readYaml).filter((t) => t.length < 20_000);
const started = performance.now();
let cases = 0, fast = 0;
while ((performance.now() - started) / 1000 < seconds) {
  const left = seconds - (performance.now() - started) / 1000;
  try {
    const r = fuzz(texts, { seed, cases: 10_000, seconds: left });
    cases += r.cases;
    fast += r.fastTaken;
  } catch (e) {
    console.error(`seed ${seed}: ${e instanceof Error ? e.message : String(e)}`);
    console.error(`again: npm run fuzz -- --seed ${seed}`);
    process.exit(1);
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${cases} cases (${fast} on the fast path), seed ${seed}, ${Math.round((performance.now() - started) / 1000)} s`);
  seed++;
}
console.error(`${process.stderr.isTTY ? '\n' : ''}${cases} cases (${fast} on the fast path), no disagreement`);
