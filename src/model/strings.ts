// Strings kept for the whole scan in their flat form.
//
// V8 builds a string joined from pieces (`a + b`, a template literal, `out += seg`) as a tree of
// pieces, one 32-byte object per join: a path like `spec.template.spec.containers[0].image` built
// segment by segment is a dozen objects, and the findings of 10k resources held 180k of them
// (5.7 MB), all copied by every garbage collection until the report is written. Reading one
// character of such a string makes V8 copy it into one flat string, after which the collector
// drops the pieces.

/** Written so that reading the character cannot be optimized away. */
let sink = 0;

/** The same string, made flat (one object) if it was built from pieces. */
export function flatten(s: string): string {
  if (s.length > 12) sink = s.charCodeAt(0); // shorter joins are flat already
  return s;
}
