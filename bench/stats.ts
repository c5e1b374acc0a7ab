/** Figures of repeated runs: each reported as the median with min and max. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(runs: readonly number[]): Spread {
  if (runs.length === 0) throw new Error("no runs to summarise");
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: [...runs] };
}

/** Nearest-rank percentile of ascending values, p in (0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A number with about three significant digits, thousands separated. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)". */
export function fmt(s: Spread, unit = ""): string {
  return `${num(s.median)}${unit} (${num(s.min)}–${num(s.max)})`;
}

export function ratio(a: number, b: number): string {
  return `${num(a / b)}×`;
}
