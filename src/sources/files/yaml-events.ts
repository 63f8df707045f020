// The compact event record both YAML parsers produce: js-yaml's event stream (parseEvents) kept
// in an Int32Array, Slots.W slots per event, so that a failing path can be resolved to its place later
// without keeping a tree. fast-yaml.ts writes the same record directly.
import type { Event } from './js-yaml.js';

// Event codes, scalar styles and chomping, as js-yaml defines them. Const enums, so that tsc
// writes each use as its number: module-level constants were loaded from the CLI bundle's context
// at every use, in loops that walk events (the bench's 10k input: 0.6% of all instructions, with W).
export const enum Ev { DOCUMENT = 1, SEQUENCE = 2, MAPPING = 3, SCALAR = 4, ALIAS = 5, POP = 6 }
export const enum Style { PLAIN = 1, SINGLE = 2, DOUBLE = 3, LITERAL = 4, FOLDED = 5 }
export const enum Chomp { CLIP = 1, STRIP = 2, KEEP = 3 }

/**
 * Int32 slots per event: the type (with a scalar's style, chomping and fast flag, see `scalarType`),
 * start, end, and a scalar's indent. A sequence or mapping keeps in its last slot the index of the
 * event after its POP, so a walk skips it at once. (Seven slots, one per field, took 20 MB for the
 * 10k benchmark input, written as the files were parsed; four take 12.)
 */
export const enum Slots { W = 4 }

/** The first slot of a scalar event: SCALAR in the low three bits, then style, chomping and fast. */
export function scalarType(style: number, chomping: number, fast: number): number {
  return Ev.SCALAR | (style << 3) | (chomping << 6) | (fast << 8);
}

/** The event type in a first slot (a scalar's has its style, chomping and fast flag above it). */
export function typeOf(first: number): number {
  return first & 7;
}

export function styleOf(first: number): number {
  return (first >> 3) & 7;
}

export function chompingOf(first: number): number {
  return (first >> 6) & 3;
}

/** js-yaml's `fast` flag: the scalar's text is its value (no escapes, folding or typing to undo). */
export function isFast(first: number): boolean {
  return (first & 256) !== 0;
}

export interface Compact { data: Int32Array; count: number; hasAliases: boolean }

export function compactEvents(events: Event[]): Compact {
  const data = new Int32Array(events.length * Slots.W);
  let hasAliases = false;
  const open: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const o = i * Slots.W;
    data[o] = e.type;
    switch (e.type) {
      case Ev.DOCUMENT:
        open.push(i); break;
      case Ev.POP: {
        const at = open.pop()!;
        if (data[at * Slots.W] !== Ev.DOCUMENT) data[at * Slots.W + 3] = i + 1;
        break;
      }
      case Ev.SEQUENCE:
      case Ev.MAPPING:
        open.push(i);
        data[o + 1] = e.start; data[o + 2] = e.start; break;
      case Ev.SCALAR:
        data[o] = scalarType(e.style, e.chomping, e.fast ? 1 : 0);
        data[o + 1] = e.valueStart; data[o + 2] = e.valueEnd; data[o + 3] = e.indent;
        break;
      case Ev.ALIAS:
        hasAliases = true;
        data[o + 1] = e.anchorStart - 1; data[o + 2] = e.anchorEnd; break;
    }
  }
  return { data, count: events.length, hasAliases };
}
