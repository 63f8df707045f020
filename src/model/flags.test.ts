import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, parseFlags, parseGoBool, parseGoDuration, redactUrl, urlHost, type Arg } from './flags.js';

const args = (...texts: string[]): Arg[] => texts.map((text, i) => ({ text, path: ['command', i] }));
const spec = { booleans: new Set(['anonymous-auth', 'profiling']), lists: new Set(['authorization-mode']) };

describe('flag parsing', () => {
  it('reads --flag=value and --flag value, with the path of the argument holding the value', () => {
    const { flags } = parseFlags(args('--secure-port=6443', '--tls-cert-file', '/pki/a.crt'), spec);
    assert.equal(flags.value('secure-port'), '6443');
    assert.deepEqual(flags.get('secure-port')!.path, ['command', 0]);
    assert.equal(flags.value('tls-cert-file'), '/pki/a.crt');
    assert.deepEqual(flags.get('tls-cert-file')!.path, ['command', 2]);
    assert.deepEqual(flags.get('tls-cert-file')!.flagPath, ['command', 1]);
  });

  it('treats a bare boolean flag as true and never lets it take the next argument (pflag)', () => {
    const { flags, positionals } = parseFlags(args('--anonymous-auth', 'false', '--profiling=false'), spec);
    assert.equal(flags.bool('anonymous-auth'), true);
    assert.equal(flags.get('anonymous-auth')!.bare, true);
    assert.deepEqual(positionals.map((p) => p.text), ['false']);
    assert.equal(flags.bool('profiling'), false);
  });

  it('lets a known valued flag take the next argument even when it starts with a dash', () => {
    const { flags } = parseFlags(args('--bind-address', '-weird'), spec, new Set(['bind-address']));
    assert.equal(flags.value('bind-address'), '-weird');
  });

  it('treats an unknown flag followed by another flag as a boolean', () => {
    const { flags } = parseFlags(args('--also-stdout', '--v=2'), spec);
    assert.equal(flags.value('also-stdout'), 'true');
    assert.equal(flags.value('v'), '2');
  });

  it('keeps the last occurrence of a repeated flag', () => {
    const { flags } = parseFlags(args('--profiling=true', '--profiling=false'), spec);
    assert.equal(flags.bool('profiling'), false);
    assert.deepEqual(flags.get('profiling')!.path, ['command', 1]);
  });

  it('appends repeated slice flags and splits comma lists, item by item with paths', () => {
    const { flags } = parseFlags(args('--authorization-mode=Node', '--authorization-mode=RBAC,Webhook', '--other=a,b', '--other=c'), spec);
    assert.deepEqual(flags.list('authorization-mode').map((x) => x.item), ['Node', 'RBAC', 'Webhook']);
    assert.deepEqual(flags.list('authorization-mode').map((x) => x.path[1]), [0, 1, 1]);
    assert.deepEqual(flags.list('other').map((x) => x.item), ['c'], 'a non-slice flag: last wins');
  });

  it('merges repeated --feature-gates key by key', () => {
    const { flags } = parseFlags(args('--feature-gates=A=true,B=false', '--feature-gates=B=true,C=false'), spec);
    const gates = flags.featureGates();
    assert.deepEqual([...gates.values()].map((g) => [g.name, g.value, g.path[1]]), [['A', true, 0], ['B', true, 1], ['C', false, 1]]);
  });

  it('accepts one-dash long flags (Go flag, etcd) and stops at --', () => {
    const { flags, positionals } = parseFlags(args('-client-cert-auth=true', '--', '--profiling=false'), spec);
    assert.equal(flags.value('client-cert-auth'), 'true');
    assert.equal(flags.has('profiling'), false);
    assert.deepEqual(positionals.map((p) => p.text), ['--profiling=false']);
  });

  it('reports a boolean that Go would refuse as invalid, not as true or false', () => {
    const { flags } = parseFlags(args('--profiling=no'), spec);
    assert.equal(flags.bool('profiling'), 'invalid');
    assert.equal(flags.bool('anonymous-auth'), undefined);
  });
});

describe('flag values', () => {
  it('parses Go booleans like strconv.ParseBool', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseGoBool(t), true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseGoBool(f), false);
    assert.equal(parseGoBool('yes'), undefined);
  });
  it('parses Go durations', () => {
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('0s'), 0);
    assert.equal(parseGoDuration('0h0m0s'), 0);
    assert.equal(parseGoDuration('4h0m0s'), 14400);
    assert.equal(parseGoDuration('1.5h'), 5400);
    assert.equal(parseGoDuration('5m30s'), 330);
    assert.equal(parseGoDuration('forever'), undefined);
  });
  it('hides URL credentials and finds loopback hosts', () => {
    assert.equal(redactUrl('http://root:pw@10.0.0.1:2379'), 'http://***@10.0.0.1:2379');
    assert.equal(urlHost('https://[::1]:2379'), '[::1]');
    assert.ok(isLoopbackHost('[::1]') && isLoopbackHost('127.0.0.1') && isLoopbackHost('localhost'));
    assert.ok(!isLoopbackHost('0.0.0.0') && !isLoopbackHost('10.0.0.1'));
  });
});
