import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CalicoSelectorError, parseCalicoSelector } from './calico-selector.js';

const on = (labels: Record<string, string>) => (k: string) => labels[k];
const sel = (text: string, labels: Record<string, string>) => parseCalicoSelector(text).matches(on(labels));

// Cases from the Calico docs' selector table ("Selectors" in the NetworkPolicy reference).
describe('Calico selectors', () => {
  it('all(), an empty selector, == and !=, where != also matches an endpoint without the label', () => {
    assert.ok(sel('all()', {}));
    assert.ok(sel('', {}));
    assert.ok(sel("app == 'web'", { app: 'web' }));
    assert.ok(!sel("app == 'web'", { app: 'api' }));
    assert.ok(sel('app == "web"', { app: 'web' }), 'double quotes');
    assert.ok(sel("app != 'web'", {}));
    assert.ok(!sel("app != 'web'", { app: 'web' }));
  });
  it('has, !has, in, not in (which also matches without the label), contains, starts with, ends with', () => {
    assert.ok(sel('has(projectcalico.org/namespace)', { 'projectcalico.org/namespace': 'a' }));
    assert.ok(sel('!has(app)', {}));
    assert.ok(!sel('!has(app)', { app: '' }));
    assert.ok(sel("env in {'prod', 'staging'}", { env: 'staging' }));
    assert.ok(!sel("env in {'prod'}", {}));
    assert.ok(sel("env not in {'dev'}", {}));
    assert.ok(!sel("env not in {'dev', 'test'}", { env: 'test' }));
    assert.ok(sel('env in {}', {}) === false);
    assert.ok(sel("name contains 'ng'", { name: 'nginx' }));
    assert.ok(sel("name starts with 'ng'", { name: 'nginx' }) && !sel("name starts with 'x'", { name: 'nginx' }));
    assert.ok(sel("name ends with 'nx'", { name: 'nginx' }) && !sel("name ends with 'nx'", {}));
  });
  it('&& binds tighter than ||; ! and parentheses', () => {
    assert.ok(sel("a == '1' || b == '1' && c == '1'", { a: '1' }));
    assert.ok(!sel("(a == '1' || b == '1') && c == '1'", { a: '1' }));
    assert.ok(sel("!(a == '1' && b == '2')", { a: '1' }));
    assert.ok(!sel("!!(a == '1')", {}));
  });
  it('global() matches only what has no namespace', () => {
    const s = parseCalicoSelector('global()');
    assert.ok(s.global);
    assert.ok(s.matches(on({})));
    assert.ok(!s.matches(on({ 'projectcalico.org/namespace': 'shop' })));
  });
  it('records the keys it reads', () => {
    assert.deepEqual([...parseCalicoSelector("a == 'x' && (has(b) || c not in {'y'})").keys].sort(), ['a', 'b', 'c']);
    assert.deepEqual([...parseCalicoSelector('all()').keys], []);
  });
  it('refuses what does not parse, deep nesting and oversized text, with a reason', () => {
    for (const bad of ["app == 'web' &&", "app = 'web'", "app == web", "env in {'a' 'b'}", "(app == 'x'", "app == 'x')", 'has(app', '$$$', "a not 'x'"]) {
      assert.throws(() => parseCalicoSelector(bad), CalicoSelectorError, bad);
    }
    assert.throws(() => parseCalicoSelector(`${'('.repeat(100)}all()${')'.repeat(100)}`), /nested more than/);
    assert.throws(() => parseCalicoSelector(`${"a == 'b' && ".repeat(500)}all()`), /longer than/);
  });
});
