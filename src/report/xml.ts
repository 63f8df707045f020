// XML text and attribute escaping for the JUnit format.

/** Characters XML 1.0 does not allow at all (controls other than tab, newline, carriage return; lone surrogates). */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or a double-quoted attribute; invalid characters become U+FFFD. */
export function xmlEscape(text: string): string {
  return text.replace(INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Like xmlEscape, and keeps newlines and tabs in attribute values (which parsers would otherwise normalise to spaces). */
export function xmlAttr(text: string): string {
  return xmlEscape(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
