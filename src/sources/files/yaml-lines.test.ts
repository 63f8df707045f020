import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineStructure, renderPattern } from './yaml-lines.js';

const chains = (text: string, template = false) =>
  lineStructure(text, template).keys.map((k) => `${k.line}:${k.column} ${k.chain.map((c) => c ?? '?').join('.')}`);

describe('lineStructure', () => {
  it('gives each key line its chain of keys, list entries included (dash at the parent\'s column or indented)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    ports:\n      - containerPort: 80\n        name: http\n  hostNetwork: true\n';
    assert.deepEqual(chains(text), [
      '1:0 apiVersion', '2:0 kind', '3:0 spec', '4:2 spec.containers', '5:4 spec.containers.name', '6:4 spec.containers.image',
      '7:4 spec.containers.name', '8:4 spec.containers.ports', '9:8 spec.containers.ports.containerPort',
      '10:8 spec.containers.ports.name', '11:2 spec.hostNetwork',
    ]);
  });

  it('tells list entries apart by the line of their first key', () => {
    const s = lineStructure('c:\n- name: a\n  sc:\n    p: 1\n- name: b\n  sc:\n    p: 2\n', false);
    const p = s.keys.filter((k) => k.key === 'p').map((k) => k.ancestry);
    assert.deepEqual(p, [[1, 2, 3], [1, 5, 6]]);
    assert.deepEqual(s.keys.find((k) => k.line === 3)?.ancestry, [1, 2], 'a key after the first one of its entry has the entry in its ancestry');
  });

  it('skips block scalars, comments, flow collections and quoted keys\' quotes', () => {
    const text = 'data:\n  script: |\n    not: a key\n    - neither\n  "quoted.key": 1\n  # comment: no\n  flow: {a: 1}\nafter: 2\n';
    assert.deepEqual(chains(text), ['1:0 data', '2:2 data.script', '5:2 data.quoted.key', '7:2 data.flow', '8:0 after']);
  });

  it('starts again at each document', () => {
    const s = lineStructure('a: 1\n---\nb:\n  c: 2\n', false);
    assert.deepEqual(s.keys.map((k) => [k.chain.join('.'), k.document]), [['a', 0], ['b', 1], ['b.c', 1]]);
  });

  it('in a template: actions masked, control flow ignored, templated keys null, places that write structure listed', () => {
    const text = [
      'metadata:', //                                            1
      '  name: {{ include "x.fullname" . }}', //                  2  a key; include may span lines: a generator under metadata.name
      '  labels:', //                                              3
      '    {{- include "x.labels" . | nindent 4 }}', //           4  writes under metadata.labels
      '{{- if .Values.on }}', //                                   5  control: nothing
      'spec:', //                                                  6
      '  {{ .Values.key }}: 1', //                                 7  a key an action names
      '  {{- toYaml .Values.extra | nindent 2 }}', //             8  writes under spec
      '  x: {{ .Values.x }}', //                                   9  a key with a scalar value: no generator
      '{{- end }}', //                                            10
    ].join('\n');
    const s = lineStructure(text, true);
    assert.deepEqual(chains(text, true), ['1:0 metadata', '2:2 metadata.name', '3:2 metadata.labels', '6:0 spec', '7:2 spec.?', '9:2 spec.x']);
    assert.deepEqual(s.generators.map((g) => `${g.line} ${g.chain.join('.')} [${g.ancestry.join(',')}]`), [
      '2 metadata.name [1,2]', '4 metadata.labels [1,3]', '8 spec [6]',
    ]);
  });

  it('an action over several lines: its lines are not keys, and it may write anything', () => {
    const text = 'spec:\n  {{- include "x" (dict\n    "a: b" 1) | nindent 2 }}\n  y: 1\n';
    const s = lineStructure(text, true);
    assert.deepEqual(chains(text, true), ['1:0 spec', '4:2 spec.y']);
    assert.deepEqual(s.generators.map((g) => g.line), [2]);
  });
});

describe('renderPattern', () => {
  const cases: Array<[string, string, boolean]> = [
    ['  privileged: true', '  privileged: true', true],
    ['  privileged: true', '    privileged: true', false], // the indentation is the template's
    ['  image: "{{ .Values.repo }}:{{ .Values.tag }}"', '  image: "nginx:1.27"', true],
    ['  image: "{{ .Values.repo }}:{{ .Values.tag }}"', '  image: nginx', false],
    ['  labels: {{ include "x" . | nindent 4 }}', '  labels:', true], // the action wrote a newline first
    ['  name: {{- .Values.name }}', '  name:web', true], // {{- trims the space before it
    ['  name: {{ .Values.name -}} x', '  name: webx', true], // -}} trims the space after it
    ['  - name: {{ .Chart.Name }}', '  - name: web', true],
    ['  - name: sidecar', '  - name: web', false],
  ];
  for (const [template, rendered, matches] of cases) {
    it(`${JSON.stringify(template)} ${matches ? 'renders to' : 'does not render to'} ${JSON.stringify(rendered)}`, () => {
      assert.equal(renderPattern(template)!.test(rendered), matches);
    });
  }

  it('a line that starts with a left-trimming action joins the line before it: no pattern', () => {
    assert.equal(renderPattern('  {{- .Values.x }}: y'), undefined);
  });
});
