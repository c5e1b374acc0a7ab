/**
 * The one problem channel of the pipeline, in the spirit of vfile's messages: a reason, the place
 * (file, then 1-based line and column, and the field where there is one), the origin ("stage:rule")
 * and a severity. Stages report problems; errors stop the article before its graph is built,
 * warnings do not; the edge prints them and exits.
 */

export type Severity = "error" | "warning";

/** 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

export interface Place {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending field, e.g. "facts[3].evidence[0]". */
  field?: string;
}

export interface Problem extends Place {
  reason: string;
  /** The stage and rule that reported it, e.g. "check:duplicate-id". */
  origin: string;
  severity: Severity;
}

/** A problem at `pos` of `file` (a file-level problem when pos is undefined). */
export function problemAt(
  origin: string,
  file: string,
  pos: Position | undefined,
  reason: string,
  more: { field?: string | undefined; severity?: Severity } = {},
): Problem {
  return {
    file,
    ...(pos && { line: pos.line, column: pos.column }),
    ...(more.field && { field: more.field }),
    reason,
    origin,
    severity: more.severity ?? "error",
  };
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(":");
  return `${where}${p.field ? ` (${p.field})` : ""}: ${p.severity === "warning" ? "warning: " : ""}${p.reason}`;
}

export type PathKey = string | number;

/** "facts[3].evidence[0]" from ["facts", 3, "evidence", 0]; the form problems print. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function parsePath(field: string): PathKey[] {
  const path: PathKey[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return path;
}

/**
 * Thrown at the edge of the pipeline (and by the single-file readers) when an input has errors;
 * nothing has been written yet.
 */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }
}
