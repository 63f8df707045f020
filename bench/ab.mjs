// Compares two commands as whole processes, run in alternating pairs (A B, B A, …) so that a slow
// spell of a shared machine falls on both: the medians, the quartiles, and in how many pairs B was
// faster. This is how the README's A/B figures were taken, for example a build of another commit
// in a worktree against this one, or the same build with and without a node flag:
//   node bench/ab.mjs 20 node ../old/dist/palisade.mjs scan DIR --format json --output /tmp/a.json \
//     -- node dist/palisade.mjs scan DIR --format json --output /tmp/b.json
// Exit codes 0, 1 (a gate) and 3 (input errors, as the corpus has) count as runs; others stop it.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const pairs = Number(args.shift());
const sep = args.indexOf('--');
if (!(pairs > 0) || sep < 1 || sep === args.length - 1) {
  console.error('usage: node bench/ab.mjs PAIRS COMMAND A... -- COMMAND B...');
  process.exit(2);
}
const A = args.slice(0, sep);
const B = args.slice(sep + 1);

function run(command) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command[0], command.slice(1), { stdio: 'ignore' });
  if (![0, 1, 3].includes(r.status ?? -1)) throw new Error(`${command.join(' ')} exited ${r.status ?? r.signal}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const times = { A: [], B: [] };
for (let i = 0; i < pairs; i++) {
  for (const side of i % 2 ? ['B', 'A'] : ['A', 'B']) times[side].push(run(side === 'A' ? A : B));
}
const at = (xs, f) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * f)];
const show = (xs) => `median ${at(xs, 0.5).toFixed(0)} ms (quartiles ${at(xs, 0.25).toFixed(0)}–${at(xs, 0.75).toFixed(0)})`;
const faster = times.B.filter((b, i) => b < times.A[i]).length;
console.log(`A ${show(times.A)}\nB ${show(times.B)}\nB/A ${(at(times.B, 0.5) / at(times.A, 0.5)).toFixed(3)}; B faster in ${faster} of ${pairs} pairs`);
