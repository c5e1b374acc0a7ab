import { formatPath, problemAt, type PathKey, type Position, type Problem } from "../../model/problem.js";
import type { ArticleMeta, FactsFile, Gazetteer, Rejections } from "../../model/seed-files.js";
import { fold } from "../../lexicon/arabic.js";
import { claimId } from "../../model/ids.js";
import type { Located } from "../read/index.js";

/** The check stage: cross-field and cross-file checks on parsed seed files; pure, they only collect Problems. */

function at(rule: string, file: string, pos: Position | undefined, field: string, reason: string): Problem {
  return problemAt(`check:${rule}`, file, pos, reason, { field });
}

function lineOf(pos: Position | undefined): string {
  return pos ? `line ${pos.line}` : "an unknown line";
}

/** Ids must be unique: both places are named so the curator can pick which to keep. */
export function checkDuplicateIds(g: Located<Gazetteer>): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  g.value.entities.forEach((e, i) => {
    const j = first.get(e.id);
    if (j === undefined) {
      first.set(e.id, i);
      return;
    }
    const a = g.locate(["entities", j, "id"]);
    const b = g.locate(["entities", i, "id"]);
    problems.push(
      at("duplicate-id", g.file, b, `entities[${i}].id`, `duplicate id "${e.id}" at ${lineOf(a)} and ${lineOf(b)} (entities[${j}] and entities[${i}])`),
    );
  });
  return problems;
}

/** Every surface form of an entity (name in either language, aliases, descriptions) with its field path. */
function surfaceForms(g: Gazetteer): { entity: number; path: PathKey[]; form: string }[] {
  return g.entities.flatMap((e, i) => [
    { entity: i, path: ["entities", i, "nameAr"] as PathKey[], form: e.nameAr },
    { entity: i, path: ["entities", i, "nameEn"] as PathKey[], form: e.nameEn },
    ...e.aliases.map((form, k) => ({ entity: i, path: ["entities", i, "aliases", k] as PathKey[], form })),
    ...(e.descriptions ?? []).map((form, k) => ({ entity: i, path: ["entities", i, "descriptions", k] as PathKey[], form })),
  ]);
}

/**
 * A surface form must name one entity only, compared after Arabic folding: otherwise the matcher
 * would have to guess which entity "التحالف" means. Repeats within one entity are harmless.
 */
export function checkAliasCollisions(g: Located<Gazetteer>): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, { entity: number; path: PathKey[] }>();
  for (const s of surfaceForms(g.value)) {
    const key = fold(s.form);
    const prev = owner.get(key);
    if (!prev) {
      owner.set(key, s);
      continue;
    }
    if (prev.entity === s.entity) continue;
    const other = g.value.entities[prev.entity]!;
    const mine = g.value.entities[s.entity]!;
    problems.push(
      at(
        "alias-collision",
        g.file,
        g.locate(s.path),
        formatPath(s.path),
        `surface form "${s.form}" of "${mine.id}" is also claimed by "${other.id}" (${formatPath(prev.path)}, ${lineOf(g.locate(prev.path))}); a surface form must name one entity`,
      ),
    );
  }
  return problems;
}

/** partOf must point at an entity of the gazetteer. */
export function checkPartOf(g: Located<Gazetteer>): Problem[] {
  const ids = new Set(g.value.entities.map((e) => e.id));
  return g.value.entities.flatMap((e, i) =>
    e.partOf !== undefined && !ids.has(e.partOf)
      ? [at("part-of", g.file, g.locate(["entities", i, "partOf"]), `entities[${i}].partOf`, `unknown entity id "${e.partOf}"`)]
      : [],
  );
}

export function checkGazetteer(g: Located<Gazetteer>): Problem[] {
  return [...checkDuplicateIds(g), ...checkAliasCollisions(g), ...checkPartOf(g)];
}

/**
 * A rejection names what the machine proposed, never a curated entity: the curator removes an
 * entry from the gazetteer instead (rejecting it would leave facts pointing at nothing).
 */
export function checkRejections(rejections: Located<Rejections>, gazetteer: Gazetteer): Problem[] {
  const curated = new Set(gazetteer.entities.map((e) => e.id));
  return rejections.value.entities.flatMap((r, i) =>
    curated.has(r.entity)
      ? [at("rejected-curated", rejections.file, rejections.locate(["entities", i, "entity"]), `entities[${i}].entity`, `"${r.entity}" is a gazetteer entity; remove its entry instead of rejecting it`)]
      : [],
  );
}

const DATE_SHAPE = { year: /^\d{4}$/, month: /^\d{4}-\d{2}$/, day: /^\d{4}-\d{2}-\d{2}$/ } as const;

function dateProblem(value: string, precision: keyof typeof DATE_SHAPE): string | undefined {
  if (!DATE_SHAPE[precision].test(value)) return `date "${value}" does not have precision "${precision}"`;
  const [y, m, d] = value.split("-").map(Number);
  if (m !== undefined && (m < 1 || m > 12)) return `date "${value}" has no month ${m}`;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y!, m, 0)).getUTCDate())) return `date "${value}" has no day ${d}`;
  return undefined;
}

/**
 * Facts against the gazetteer and the article meta: subject and object ids exist, the facts file
 * belongs to this article, dates agree with their precision, and no claim is curated twice
 * (two facts with the same claim id should be one fact with two evidences).
 */
export function checkFacts(facts: Located<FactsFile>, gazetteer: Gazetteer, meta?: Pick<ArticleMeta, "id">): Problem[] {
  const problems: Problem[] = [];
  const f = facts.file;
  const ids = new Set(gazetteer.entities.map((e) => e.id));
  if (meta && facts.value.source !== meta.id) {
    problems.push(at("facts-source", f, facts.locate("source"), "source", `facts are for source "${facts.value.source}" but the article meta id is "${meta.id}"`));
  }
  const seen = new Map<string, number>();
  facts.value.facts.forEach((fact, i) => {
    for (const role of ["subject", "object"] as const) {
      const id = fact[role];
      if (id !== undefined && !ids.has(id)) {
        problems.push(at("unknown-entity", f, facts.locate(["facts", i, role]), `facts[${i}].${role}`, `unknown entity id "${id}" (not in the gazetteer)`));
      }
    }
    if (fact.date) {
      const msg = dateProblem(fact.date.value, fact.date.precision);
      if (msg) problems.push(at("date-precision", f, facts.locate(["facts", i, "date", "value"]), `facts[${i}].date.value`, msg));
    }
    if (fact.value && "date" in fact.value) {
      const msg = dateProblem(fact.value.date, fact.value.precision);
      if (msg) problems.push(at("date-precision", f, facts.locate(["facts", i, "value", "date"]), `facts[${i}].value.date`, msg));
    }
    const id = claimId(fact);
    const j = seen.get(id);
    if (j === undefined) seen.set(id, i);
    else {
      problems.push(
        at("same-claim", f, facts.locate(["facts", i]), `facts[${i}]`, `same claim as facts[${j}] (${lineOf(facts.locate(["facts", j]))}); list both evidences under one fact`),
      );
    }
  });
  return problems;
}
