// Exit codes, as DESIGN.md fixes them. When input could not be read and a gate also tripped,
// 3 wins: the verdict of an incomplete scan is not a verdict on the whole input.
export const EXIT = {
  OK: 0,
  GATE: 1,
  USAGE: 2,
  INPUT: 3,
  INTERNAL: 4,
} as const;
