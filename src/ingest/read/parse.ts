import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { formatPath, InputError, parsePath, problemAt, type PathKey, type Position, type Problem } from "../../model/problem.js";

/** A parsed, schema-valid seed file that still knows where each of its fields was written. */
export interface Located<T> {
  file: string;
  value: T;
  /**
   * Position of a field's value, e.g. "facts[3].evidence[0]" or ["facts", 3, "evidence", 0].
   * A field that is absent locates at its nearest present ancestor; undefined only for an empty file.
   */
  locate: (field: string | readonly PathKey[]) => Position | undefined;
  /** Position of the key of a mapping field (where "id:" is written), else as `locate`. */
  locateKey: (field: string | readonly PathKey[]) => Position | undefined;
}

interface Found {
  /** Deepest node reached along the path. */
  node: Node | null;
  /** Key node of the last mapping step taken, for locateKey. */
  key: Node | null;
  /** Whether the whole path exists. */
  complete: boolean;
}

function walk(doc: Document, path: readonly PathKey[]): Found {
  let node = (doc.contents) ?? null;
  let key: Node | null = null;
  for (const step of path) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === step);
      if (pair && isScalar(pair.key)) key = pair.key;
      // `field:` with nothing after it has no value node; the key stands in for it.
      next = pair ? ((pair.value as Node | null) ?? key) : undefined;
    } else if (isSeq(node) && typeof step === "number") {
      next = (node.items[step] as Node | undefined) ?? undefined;
      key = null;
    }
    if (next === undefined || next === null) return { node, key, complete: false };
    node = next;
  }
  return { node, key, complete: true };
}

function positionOf(node: Node | null, lc: LineCounter): Position | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

export interface SeedParse<T> {
  /** Present when there are no problems. */
  located?: Located<T>;
  problems: Problem[];
}

/**
 * Parses YAML text against a seed-file schema. YAML syntax errors and schema violations both become
 * Problems with file, line, column and the dotted field path; nothing is thrown.
 */
export function checkSeedFile<S extends z.ZodType>(schema: S, text: string, fileName: string): SeedParse<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (origin: string, pos: Position | undefined, reason: string, field?: string): Problem =>
    problemAt(origin, fileName, pos, reason, { field });

  // Warnings count too: a curated file should parse without the parser having to guess.
  const yamlIssues = [...doc.errors, ...doc.warnings];
  if (yamlIssues.length > 0) {
    return {
      problems: yamlIssues.map((e) => {
        const message = e.message.split("\n")[0]!;
        // The parser reports an unclosed quote at the end of the file; the opening quote is the useful place.
        const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
        const open = quote !== undefined ? text.lastIndexOf(quote, e.pos[0] - 1) : -1;
        if (quote !== undefined && open !== -1) return problem("read:yaml", at(open), `YAML: the string opened here with ${quote} is never closed`);
        return problem("read:yaml", at(e.pos[0]), `YAML: ${message}`);
      }),
    };
  }
  if (doc.contents === null) return { problems: [problem("read:empty", { line: 1, column: 1 }, "file is empty")] };

  const locate = (field: string | readonly PathKey[]): Position | undefined =>
    positionOf(walk(doc, typeof field === "string" ? parsePath(field) : field).node, lineCounter);
  const locateKey = (field: string | readonly PathKey[]): Position | undefined => {
    const found = walk(doc, typeof field === "string" ? parsePath(field) : field);
    return positionOf(found.complete && found.key ? found.key : found.node, lineCounter);
  };

  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { located: { file: fileName, value: parsed.data, locate, locateKey }, problems: [] };

  const problems: Problem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        problems.push(problem("read:schema", locateKey(keyPath), `unknown field "${key}"`, formatPath(keyPath)));
      }
      continue;
    }
    const found = walk(doc, path);
    const field = formatPath(path) || undefined;
    let message = issue.message;
    if (!found.complete && issue.code === "invalid_type") {
      message = `missing required field "${String(path[path.length - 1])}" (expected ${issue.expected})`;
    } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
      message = `matches none of the allowed forms; closest: ${closestBranch(issue.errors)}`;
    }
    problems.push(problem("read:schema", positionOf(found.node, lineCounter), message, field));
  }
  return { problems };
}

/** The union branch with the fewest complaints says best what the author meant to write. */
function closestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const best = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
  return best
    .map((i) => {
      const sub = formatPath(i.path);
      const what = i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message;
      return sub ? `${sub}: ${what}` : what;
    })
    .join("; ");
}

/** As checkSeedFile, but throws InputError with every problem found. */
export function parseSeedFile<S extends z.ZodType>(schema: S, text: string, fileName: string): Located<z.output<S>> {
  const { located, problems } = checkSeedFile(schema, text, fileName);
  if (!located) throw new InputError(problems);
  return located;
}
