// Escaping for the HTML report: every string that comes from the report (resource names,
// messages, file names: user input) goes through one of these before it reaches the page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, safe inside element content and inside double- or single-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * A piece of JSON text for a `<script type="application/json">` block: `<`, `>` and `&` become
 * \u escapes so no string in the data can close the element or open a comment; U+2028/2029 for
 * old JS parsers. JSON.parse of the block's text gives back exactly the value. Per character, so
 * the pieces of a large report can be escaped one by one.
 */
export function escapeJsonForScript(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A percentage for display, or "n/a" when nothing was evaluated. */
export function pct(n: number | null): string {
  return n === null ? 'n/a' : `${Math.round(n * 100) / 100}%`;
}
