// wrapLine: widths as the terminal counts them, breaks at spaces with a hanging indent, long words
// (URLs, paths) cut only when they cannot fit a whole line, and never inside an escape sequence,
// a surrogate pair or a grapheme cluster.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codePointWidth, stripAnsi, visibleWidth, wrapLine } from './wrap.js';
import { assertWrapped } from '../testing/wrapped.js';

const red = (s: string) => `\u001b[31m${s}\u001b[0m`;
const bold = (s: string) => `\u001b[1m${s}\u001b[0m`;

/** No lone surrogate, and no line starts with a combining mark or a joiner (a cut grapheme). */
function assertWholeCharacters(lines: string[]): void {
  for (const l of lines) {
    assert.doesNotMatch(l, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, `a lone surrogate in ${JSON.stringify(l)}`);
    assert.doesNotMatch(stripAnsi(l).trimStart(), /^[\p{M}\u200d\ufe0f]/u, `a grapheme cut before ${JSON.stringify(l)}`);
    assert.doesNotMatch(stripAnsi(l), /\u200d$/, `a grapheme cut after ${JSON.stringify(l)}`);
  }
}

describe('visibleWidth', () => {
  it('counts colour codes 0, ASCII 1, CJK and emoji 2, combining marks 0', () => {
    assert.equal(visibleWidth(red('abc')), 3);
    assert.equal(visibleWidth('東京'), 4);
    assert.equal(visibleWidth('ｶ'), 1, 'halfwidth katakana');
    assert.equal(visibleWidth('Ａ'), 2, 'fullwidth A');
    assert.equal(visibleWidth('e\u0301'), 1, 'e with a combining acute');
    assert.equal(visibleWidth('😀'), 2);
    assert.equal(visibleWidth('👩‍💻'), 2, 'a ZWJ sequence');
    assert.equal(visibleWidth('🇫🇷'), 2, 'a flag');
    assert.equal(visibleWidth('❤️'), 2, 'text symbol with VS16');
    assert.equal(visibleWidth('—·…✓→'), 5, 'the punctuation the report uses');
    assert.equal(codePointWidth(0x200b), 0, 'zero width space');
  });
});

describe('wrapLine', () => {
  it('returns a line that fits as it is, trailing spaces and colours included', () => {
    assert.deepEqual(wrapLine('    short line', 40, 6), ['    short line']);
    assert.deepEqual(wrapLine(red('x'.repeat(40)), 40, 6), [red('x'.repeat(40))]);
  });

  it('breaks at spaces and continues at the hanging indent, keeping the first line\'s own indent', () => {
    const line = '      web.yaml:3:1  container "web" is privileged (privileged: true) and more words follow here';
    const lines = wrapLine(line, 40, 20);
    assert.deepEqual(lines, [
      '      web.yaml:3:1  container "web" is',
      '                    privileged',
      '                    (privileged: true)',
      '                    and more words',
      '                    follow here',
    ]);
    assertWrapped(line, lines, 40, 20);
  });

  it('drops every space at a break, also a run of them', () => {
    const lines = wrapLine('aaaa bbbb    cccc', 9, 0);
    assert.deepEqual(lines, ['aaaa bbbb', 'cccc']);
  });

  it('moves a word that fits a whole line to the next line instead of cutting it', () => {
    const url = 'https://example.com/docs/a/b';
    const line = `see ${url} for more`;
    const lines = wrapLine(line, 30, 2);
    assert.deepEqual(lines, ['see', `  ${url}`, '  for more']);
    assertWrapped(line, lines, 30, 2);
  });

  it('cuts a URL or path longer than a line after a slash, filling the current line first', () => {
    const path = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
    const line = `    scan ${path}, or run it`;
    const lines = wrapLine(line, 40, 6);
    assertWrapped(line, lines, 40, 6);
    assert.deepEqual(lines, [
      '    scan /etc/kubernetes/manifests/',
      '      kube-controller-manager.yaml, or',
      '      run it',
    ]);
    const url = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/apis/config/types.go';
    const u = wrapLine(`docs: ${url}`, 40, 2);
    assertWrapped(`docs: ${url}`, u, 40, 2);
    for (const l of u.slice(0, -1)) assert.match(l, /\/$/, `cut after a slash: ${l}`);
  });

  it('cuts hard at the width when a word has no separator at all', () => {
    const word = 'x'.repeat(95);
    const lines = wrapLine(`ab ${word}`, 40, 4);
    assertWrapped(`ab ${word}`, lines, 40, 4);
    assert.deepEqual(lines.map((l) => l.length), [40, 40, 26]);
  });

  it('starts a long word on a new line when only a sliver of the current line is left', () => {
    const word = 'y'.repeat(60);
    const lines = wrapLine(`${'a'.repeat(36)} ${word}`, 40, 2);
    assertWrapped(`${'a'.repeat(36)} ${word}`, lines, 40, 2);
    assert.equal(lines[0], 'a'.repeat(36));
  });

  it('never splits a colour code; closes colours at a break and reopens them after the indent', () => {
    const line = `${red('HIGH    ')} ${bold('some-control')} — ${'\u001b[90m'}(a long grey aside that needs wrapping twice over)\u001b[0m`;
    for (const width of [20, 25, 33, 40]) {
      const lines = wrapLine(line, width, 9);
      assertWrapped(line, lines, width, 9);
      for (const l of lines.slice(1)) assert.ok(l.startsWith(' '.repeat(9)), `the indent is not coloured: ${JSON.stringify(l)}`);
    }
    const cut = wrapLine(red('z'.repeat(50)), 20, 0);
    assert.deepEqual(cut, [red('z'.repeat(20)), red('z'.repeat(20)), red('z'.repeat(10))]);
  });

  it('never cuts a wide character, a surrogate pair or a grapheme cluster, and counts wide ones 2', () => {
    const cjk = '設定ファイルが見つかりません'.repeat(4); // 56 characters, 112 columns, no spaces
    const emoji = '😀👩‍💻🇫🇷e\u0301❤️'.repeat(8);
    for (const text of [cjk, emoji, `container "${cjk}" is privileged`, `${'a'.repeat(19)}${emoji}`]) {
      for (const width of [20, 21, 40]) {
        const lines = wrapLine(`    ${text}`, width, 6);
        assertWrapped(`    ${text}`, lines, width, 6);
        assertWholeCharacters(lines);
      }
    }
    // 17 columns free on the first line: a 2-column character does not squeeze into the last one
    const lines = wrapLine(`ab ${'東'.repeat(30)}`, 20, 0);
    assert.deepEqual(lines.map(visibleWidth), [19, 20, 20, 4]);
  });

  it('leaves escaped input (visible backslash escapes) as ordinary text', () => {
    const line = String.raw`    Pod ns/web\x1b[2K\x1b[1A\x1b[32mALL CHECKS PASSED\x07\r\nforged line\u202eevil`;
    const lines = wrapLine(line, 30, 6);
    assertWrapped(line, lines, 30, 6);
    assert.ok(lines.every((l) => !l.includes('\u001b')));
  });

  it('clamps a hanging indent that would leave no room for the text', () => {
    const lines = wrapLine(`${'w '.repeat(30)}`, 20, 30);
    assertWrapped('w '.repeat(30), lines, 20, 10);
  });
});
