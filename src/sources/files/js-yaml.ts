// js-yaml, loaded as its CommonJS build. On Node 20 the package's ES-module build (what `import`
// resolves to) parses the same text 2.3–2.6 times slower than its CommonJS build: measured on the
// 10k-resource bench input, loadAll in one process took about 370 ms against 140 ms. Every module
// of Palisade that uses js-yaml imports it from here, so the fallback parser, the scalar decoder of
// the fast parser and the report writers all run the faster build, and only one copy is loaded.
import { createRequire } from 'node:module';

type JsYaml = typeof import('js-yaml');
const jsYaml = createRequire(import.meta.url)('js-yaml') as JsYaml;

export const {
  parseEvents, constructFromEvents, getScalarValue, CORE_SCHEMA, FAILSAFE_SCHEMA, mergeTag, defineScalarTag,
  NOT_RESOLVED, YAMLException, load, dump,
} = jsYaml;
export type { Event, ScalarEvent } from 'js-yaml';
