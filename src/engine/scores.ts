// Compliance, coverage and risk, as DESIGN.md defines them.
import { SEVERITY_WEIGHT, type ControlResult } from '../model/types.js';

/** 100 × (passed + excepted) / evaluated, or null when nothing was evaluated. */
export function controlCompliance(c: { evaluated: number; passed: number; excepted: number }): number | null {
  return c.evaluated === 0 ? null : round((100 * (c.passed + c.excepted)) / c.evaluated);
}

/** The mean compliance of the evaluated controls. */
export function meanCompliance(controls: ControlResult[]): number | null {
  const evaluated = controls.filter((c) => c.compliance !== null);
  if (evaluated.length === 0) return null;
  return round(evaluated.reduce((s, c) => s + (c.compliance as number), 0) / evaluated.length);
}

/** Σ weight × failed / Σ weight × evaluated, 0–100; lower is better. */
export function riskScore(controls: ControlResult[]): number {
  let failed = 0, evaluated = 0;
  for (const c of controls) {
    const w = SEVERITY_WEIGHT[c.severity];
    failed += w * c.counts.failed;
    evaluated += w * c.counts.evaluated;
  }
  return evaluated === 0 ? 0 : round((100 * failed) / evaluated);
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
