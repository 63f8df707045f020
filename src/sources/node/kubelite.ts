// microk8s runs every component in one `kubelite` process; each component's flags are one per line
// in an args file (/var/snap/microk8s/current/args/<component>), with ${SNAP_DATA} and ${SNAP} unexpanded.
import type { ComponentName } from '../../model/component-specs.js';
import type { Host } from './host.js';
import type { Launch, Origin } from './processes.js';
import type { Synthesized } from './k3s.js';

const ARGS_FLAGS: ReadonlyArray<[string, ComponentName]> = [
  ['apiserver-args-file', 'kube-apiserver'], ['controller-manager-args-file', 'kube-controller-manager'],
  ['scheduler-args-file', 'kube-scheduler'], ['kubelet-args-file', 'kubelet'], ['proxy-args-file', 'kube-proxy'],
];

export function synthesizeKubelite(host: Host, proc: Launch): Synthesized[] {
  const out: Synthesized[] = [];
  const expand = (s: string) => s.replace(/\$\{?SNAP_DATA\}?/g, '/var/snap/microk8s/current').replace(/\$\{?SNAP\}?/g, '/snap/microk8s/current');
  for (const [flag, name] of ARGS_FLAGS) {
    const arg = proc.argv.find((a) => a.startsWith(`--${flag}=`));
    if (!arg) continue;
    const file = expand(arg.slice(flag.length + 3));
    const text = host.read(file, `microk8s ${name} arguments`);
    if (text === undefined) continue;
    const args: Origin[] = [];
    text.split('\n').forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith('#')) return;
      for (const word of t.split(/\s+/)) args.push({ text: expand(word.replace(/^"|"$/g, '')), at: { file: host.real(file), line: i + 1, column: line.indexOf(t) + 1 } });
    });
    out.push({ name, args });
  }
  return out;
}
