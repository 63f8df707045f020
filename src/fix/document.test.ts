// The splice editor on its own: each edit changes only its field, byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FixEdit } from '../model/types.js';
import { applyFixes } from './document.js';

function edit(text: string, edits: FixEdit[], syntax: 'yaml' | 'json' = 'yaml', eol = '\n') {
  const result = applyFixes({ text, syntax, eol }, [], [edits]);
  return { text: result.text, outcome: result.outcomes[0] };
}

const set = (path: string, value: unknown): FixEdit => ({ op: 'set', path, value });
const remove = (path: string): FixEdit => ({ op: 'remove', path });

describe('fix: editing one document', () => {
  it('replaces a scalar in place, keeping the comment after it', () => {
    const r = edit('a:\n  b: true   # keep me\n  c: 1\n', [set('a.b', false)]);
    assert.equal(r.text, 'a:\n  b: false   # keep me\n  c: 1\n');
    assert.equal(r.outcome.status, 'applied');
  });

  it('keeps the quoting style of a string it replaces', () => {
    assert.equal(edit("t: 'Unconfined'\n", [set('t', 'RuntimeDefault')]).text, "t: 'RuntimeDefault'\n");
    assert.equal(edit('t: "Unconfined"\n', [set('t', 'RuntimeDefault')]).text, 't: "RuntimeDefault"\n');
    assert.equal(edit('t: Unconfined\n', [set('t', 'yes: no')]).text, 't: "yes: no"\n');
    assert.equal(edit('t: Unconfined\n', [set('t', 'true')]).text, 't: "true"\n', 'a string that would read as a boolean is quoted');
  });

  it('creates missing parents as block mappings at the indentation of their siblings', () => {
    const text = 'spec:\n  containers:\n    - name: web   # main\n      image: nginx\n  volumes: []\n';
    const r = edit(text, [set('spec.containers[0].securityContext.runAsNonRoot', true)]);
    assert.equal(r.text, 'spec:\n  containers:\n    - name: web   # main\n      image: nginx\n      securityContext:\n        runAsNonRoot: true\n  volumes: []\n');
  });

  it('adds to a flow mapping, and to an empty one', () => {
    assert.equal(edit('labels: {app: web}\n', [set('labels.tier', 'front')]).text, 'labels: {app: web, tier: front}\n');
    assert.equal(edit('sc: {}\n', [set('sc.runAsNonRoot', true)]).text, 'sc: {runAsNonRoot: true}\n');
    assert.equal(edit('sc: {a: 1}\n', [set('sc.x.y', 2)]).text, 'sc: {a: 1, x: {y: 2}}\n');
  });

  it('fills a key that has no value', () => {
    assert.equal(edit('sc:\nz: 1\n', [set('sc.runAsNonRoot', true)]).text, 'sc: {runAsNonRoot: true}\nz: 1\n');
  });

  it('quotes keys that need it, such as label keys with a slash are left plain', () => {
    const r = edit('metadata:\n  name: shop\n', [set('metadata.labels["pod-security.kubernetes.io/enforce"]', 'restricted')]);
    assert.equal(r.text, 'metadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n');
    assert.equal(edit('m: {}\n', [set('m["a b: c"]', 1)]).text, 'm: {"a b: c": 1}\n');
  });

  it('replaces a block list with a flow one', () => {
    assert.equal(edit('caps:\n  drop:\n  - NET_RAW\n  add: []\n', [set('caps.drop', ['ALL'])]).text, 'caps:\n  drop: [ALL]\n  add: []\n');
  });

  it('removes an entry on its own line, and the first entry of a list item', () => {
    const ports = 'ports:\n- containerPort: 80\n  hostPort: 80   # why\n  protocol: TCP\n';
    assert.equal(edit(ports, [remove('ports[0].hostPort')]).text, 'ports:\n- containerPort: 80\n  protocol: TCP\n');
    const first = 'ports:\n- hostPort: 80\n  containerPort: 80\n';
    assert.equal(edit(first, [remove('ports[0].hostPort')]).text, 'ports:\n- containerPort: 80\n');
  });

  it('leaves {} when the last entry of a mapping goes', () => {
    const text = 'metadata:\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n  name: x\n';
    assert.equal(edit(text, [remove('metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]')]).text,
      'metadata:\n  annotations: {}\n  name: x\n');
  });

  it('removes from flow mappings and lists', () => {
    assert.equal(edit('m: {a: 1, b: 2, c: 3}\n', [remove('m.b')]).text, 'm: {a: 1, c: 3}\n');
    assert.equal(edit('m: {a: 1, b: 2}\n', [remove('m.b')]).text, 'm: {a: 1}\n');
    assert.equal(edit('l: [a, b, c]\n', [remove('l[0]')]).text, 'l: [b, c]\n');
    assert.equal(edit('l:\n- a\n- b\n', [remove('l[1]')]).text, 'l:\n- a\n');
  });

  it('does nothing when the value is already there or the key already gone', () => {
    assert.equal(edit('a: false\n', [set('a', false)]).outcome.status, 'unchanged');
    assert.equal(edit('a: 1\n', [remove('b')]).outcome.status, 'unchanged');
  });

  it('keeps JSON valid, one entry per line when the object is pretty-printed', () => {
    const text = '{\n  "spec": {\n    "hostPID": true,\n    "x": 1\n  }\n}\n';
    const r = edit(text, [set('spec.hostPID', false), set('spec.securityContext.runAsNonRoot', true)], 'json');
    assert.equal(r.text, '{\n  "spec": {\n    "hostPID": false,\n    "x": 1,\n    "securityContext": {"runAsNonRoot": true}\n  }\n}\n');
    JSON.parse(r.text);
    const removed = edit(text, [remove('spec.hostPID')], 'json').text;
    assert.deepEqual(JSON.parse(removed), { spec: { x: 1 } });
  });

  it('keeps CRLF line endings', () => {
    const r = edit('a:\r\n  b: 1\r\n', [set('a.c', 2)], 'yaml', '\r\n');
    assert.equal(r.text, 'a:\r\n  b: 1\r\n  c: 2\r\n');
  });

  it('refuses to edit through an alias or an anchored node that an alias reuses', () => {
    const text = 'base: &sc\n  privileged: true\npod:\n  sc: *sc\n';
    const through = edit(text, [set('pod.sc.privileged', false)]);
    assert.equal(through.outcome.status, 'refused');
    assert.match((through.outcome as { reason: string }).reason, /alias \(\*sc\)/);
    assert.equal(through.text, text);
    const anchored = edit(text, [set('base.privileged', false)]);
    assert.equal(anchored.outcome.status, 'refused');
    assert.match((anchored.outcome as { reason: string }).reason, /anchored as &sc/);
    // an anchor nothing refers to is just a name
    assert.equal(edit('a: &x\n  b: 1\n', [set('a.b', 2)]).text, 'a: &x\n  b: 2\n');
  });

  it('refuses to add a key beside a merge key', () => {
    const r = edit('base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', [set('m.sc.a', 1)]);
    assert.equal(r.outcome.status, 'refused');
    assert.match((r.outcome as { reason: string }).reason, /merge key/);
  });

  it('applies a fix with several edits all or nothing', () => {
    const text = 'a: 1\nl: [x]\n';
    const r = edit(text, [set('a', 2), set('l[3].b', 1)]);
    assert.equal(r.outcome.status, 'refused');
    assert.equal(r.text, text);
  });

  it('refuses a second fix that disagrees with an earlier one on the same field', () => {
    const result = applyFixes({ text: 'a: 1\n', syntax: 'yaml', eol: '\n' }, [], [[set('a', 2)], [set('a', 3)], [set('a', 2)]]);
    assert.equal(result.text, 'a: 2\n');
    assert.deepEqual(result.outcomes.map((o) => o.status), ['applied', 'refused', 'unchanged']);
  });

  it('edits a List item through its prefix', () => {
    const text = 'kind: List\nitems:\n- kind: Pod\n  spec: {hostPID: true}\n';
    const result = applyFixes({ text, syntax: 'yaml', eol: '\n' }, ['items', 0], [[set('spec.hostPID', false)]]);
    assert.equal(result.text, 'kind: List\nitems:\n- kind: Pod\n  spec: {hostPID: false}\n');
  });
});
