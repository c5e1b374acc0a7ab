/**
 * A problem with an input, located like a vfile message: file, then line and column (1-based)
 * and the field where there is one. Stages collect problems; the edge prints them and exits.
 */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending field, e.g. "facts[3].evidence[0]". */
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(":");
  return `${where}${p.field ? ` (${p.field})` : ""}: ${p.message}`;
}

/** Thrown at a stage boundary when an input has problems; nothing has been written yet. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }
}
