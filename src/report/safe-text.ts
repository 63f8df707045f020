// Text printed on a terminal that comes from the input (resource names, file names, parser
// messages) must not be able to drive the terminal: an ESC sequence could erase lines and forge
// "ALL CHECKS PASSED", a CR or newline could overwrite or add a line, a bidi control could
// reorder what is read. Such characters are shown as visible escapes (`\x1b`, `\n`, `\u202e`).
// Escape the text first, then add Palisade's own colours.

// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi controls
// (embeddings, overrides, isolates, and the LRM/RLM/ALM marks).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
// The same for multi-line text: line breaks and tabs stay, and so does a CR just before a line
// break (a CRLF file's line ends in a diff), which cannot overwrite anything.
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|\r(?!\n)/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A single-line field (a name, a path, a message): every control character escaped, newline and tab too. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** Multi-line text (a diff, a summary, a help text): the same, but line breaks and tabs are kept. */
export function escapeMultiline(s: string): string {
  return s.replace(UNSAFE_IN_LINES, visible);
}
