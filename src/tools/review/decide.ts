import { isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import { fold } from "../../lexicon/arabic.js";
import { checkGazetteer, checkRejections } from "../../ingest/check/index.js";
import { checkSeedFile, type Located, type SeedParse } from "../../ingest/read/index.js";
import { InputError, problemAt, type Problem } from "../../model/problem.js";
import { Gazetteer, Id, Rejections, type ClaimRejection, type EntityType, type GazetteerEntry } from "../../model/seed-files.js";

/**
 * Pure: a reviewer's decision (`npm run review -- accept | merge | reject`) as an edit of a seed
 * file's text. The YAML is edited as a document, so its comments and order stay; the result is
 * checked against the seed-file schema and the gazetteer's rules before it is returned, and a
 * decision already taken returns the text unchanged. What the graph says about an id is looked up
 * by the caller and passed in (undefined: the graph does not know it).
 */

/** An entity as the graph has it. */
export interface GraphEntity {
  id: string;
  type: EntityType;
  nameAr: string;
  nameEn: string;
  status: "curated" | "reference" | "candidate";
  /** Sources whose mentions refer to it. */
  sources: string[];
}

/** A claim as the graph has it. */
export interface GraphClaim {
  id: string;
  predicate: string;
  origin: "curated" | "extracted";
  subjectId: string;
  objectId?: string;
  /** Sources of its evidence. */
  sources: string[];
}

export interface Decision {
  /** The seed file's new text (the old one when `changed` is false). */
  text: string;
  changed: boolean;
  /** What was decided, in a sentence. */
  message: string;
  /** The sources to ingest again for the graph to follow the decision. */
  sources: string[];
}

const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false } as const;

function refuse(file: string, reason: string): never {
  throw new InputError([problemAt("review:decision", file, undefined, reason)]);
}

function unknown(file: string, id: string): never {
  refuse(file, `unknown id "${id}": the graph has no entity or claim with this id (\`npm run review\` lists them)`);
}

/** A parsed seed file that passed its schema and `rules`, so that a decision never starts from, or ends in, a broken file. */
function valid<T>(parse: SeedParse<T>, rules: (located: Located<T>) => Problem[]): Located<T> {
  const problems = parse.located ? rules(parse.located) : parse.problems;
  if (problems.length > 0 || !parse.located) throw new InputError(problems);
  return parse.located;
}

function gazetteerOf(text: string, file: string): Located<Gazetteer> {
  return valid(checkSeedFile(Gazetteer, text, file), checkGazetteer);
}

function edited(doc: Document): string {
  return doc.toString(YAML_OUT);
}

function entitiesSeq(doc: Document): YAMLSeq {
  const seq = doc.get("entities", true);
  if (!isSeq(seq)) throw new Error("a gazetteer that passed its schema has an entities list");
  return seq;
}

/** The gazetteer entry for an id: the entry with that id, or the one that replaced the candidate of that id. */
function entryFor(g: Gazetteer, id: string): { index: number; entry: GazetteerEntry; replaced: boolean } | undefined {
  const index = g.entities.findIndex((e) => e.id === id || (e.replaces ?? []).includes(id));
  const entry = g.entities[index];
  return entry ? { index, entry, replaced: entry.id !== id } : undefined;
}

function namesOf(e: GazetteerEntry): Set<string> {
  return new Set([e.nameAr, e.nameEn, ...e.aliases].map(fold));
}

/** A readable id from an English name ("Oasis Foundation" → "oasis-foundation"); else from the type and the candidate's hash. */
export function proposedId(candidate: Pick<GraphEntity, "id" | "type">, nameEn?: string): string {
  const slug = (nameEn ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return Id.safeParse(slug).success ? slug : `${candidate.type.toLowerCase()}-${candidate.id.replace(/^candidate-/, "")}`;
}

function flowSeq(doc: Document, items: string[]): YAMLSeq {
  const seq = doc.createNode(items) as YAMLSeq;
  seq.flow = true;
  return seq;
}

/**
 * Appends `value` to the list at `key` of an entry; an absent list is created in flow style, after
 * the entry's `after` field when it has one (aliases after the names, as the gazetteer writes them).
 */
function appendTo(doc: Document, entry: YAMLMap, key: string, value: string, after?: string): void {
  const list = entry.get(key, true);
  if (isSeq(list)) {
    list.add(doc.createNode(value));
    return;
  }
  const at = after === undefined ? -1 : entry.items.findIndex((p) => isScalar(p.key) && p.key.value === after);
  const pair = doc.createPair(key, flowSeq(doc, [value]));
  if (at < 0) entry.items.push(pair);
  else entry.items.splice(at + 1, 0, pair);
}

export interface NewEntry {
  /** The curated id; default proposedId. */
  id?: string;
  nameEn?: string;
}

function candidateOrRefuse(file: string, id: string, found: GraphEntity | undefined, what: string): GraphEntity {
  if (!found) unknown(file, id);
  if (found.status !== "candidate") refuse(file, `"${id}" is a ${found.status} entity, not a candidate: only a candidate can be ${what}`);
  if (found.type === "Agreement") refuse(file, `"${id}" is an agreement, known by its kind, parties and date rather than a name; curate it in a facts file`);
  return found;
}

/** Appends a curated entry made from a candidate: its name, its type, and its id under `replaces`. */
function addEntry(doc: Document, candidate: GraphEntity, options: NewEntry): string {
  const id = options.id ?? proposedId(candidate, options.nameEn);
  const node = doc.createNode({ id, type: candidate.type, nameAr: candidate.nameAr, nameEn: options.nameEn ?? candidate.nameAr }) as YAMLMap;
  node.set("replaces", flowSeq(doc, [candidate.id]));
  node.spaceBefore = true;
  entitiesSeq(doc).items.push(node);
  return id;
}

/**
 * `accept <candidateId>`: the candidate becomes a curated gazetteer entry. A candidate whose name
 * an entry of its type already has (it was read before the entry existed) is recorded under that
 * entry's `replaces` instead.
 */
export function accept(text: string, file: string, candidateId: string, found: GraphEntity | undefined, options: NewEntry = {}): Decision {
  const g = gazetteerOf(text, file).value;
  const done = entryFor(g, candidateId);
  if (done && !done.replaced) refuse(file, `"${candidateId}" is a gazetteer entity already, not a candidate`);
  if (done) return { text, changed: false, message: `${candidateId} is already accepted as ${done.entry.id}`, sources: [] };
  const candidate = candidateOrRefuse(file, candidateId, found, "accepted");
  const doc = parseDocument(text);
  const same = g.entities.findIndex((e) => e.type === candidate.type && namesOf(e).has(fold(candidate.nameAr)));
  let message: string;
  if (same >= 0) {
    appendTo(doc, entitiesSeq(doc).items[same] as YAMLMap, "replaces", candidateId);
    message = `${candidateId} «${candidate.nameAr}» is ${g.entities[same]!.id}, which the gazetteer already names so; recorded under its replaces`;
  } else {
    const id = addEntry(doc, candidate, options);
    message = `${candidateId} «${candidate.nameAr}» accepted as ${id} (${candidate.type})`;
  }
  const out = edited(doc);
  gazetteerOf(out, file);
  return { text: out, changed: true, message, sources: candidate.sources };
}

/**
 * `merge <keepId> <otherId>`: the other candidate's name becomes an alias of the kept entity's
 * gazetteer entry (made from the kept candidate if it has none), and its id goes under `replaces`.
 */
export function merge(
  text: string,
  file: string,
  keep: { id: string; found: GraphEntity | undefined },
  other: { id: string; found: GraphEntity | undefined },
  options: NewEntry = {},
): Decision {
  const g = gazetteerOf(text, file).value;
  if (keep.id === other.id) refuse(file, `cannot merge "${keep.id}" with itself`);
  const kept = entryFor(g, keep.id);
  const absorbed = entryFor(g, other.id);
  if (absorbed && kept && absorbed.index === kept.index) {
    return { text, changed: false, message: `${other.id} is already merged into ${kept.entry.id}`, sources: [] };
  }
  if (absorbed && !absorbed.replaced) {
    refuse(file, `"${other.id}" is a gazetteer entry; merging two curated entries (and the facts that name them) is done by hand`);
  }
  if (absorbed) refuse(file, `"${other.id}" is already ${absorbed.entry.id}; merge ${absorbed.entry.id} instead`);
  const candidate = candidateOrRefuse(file, other.id, other.found, "merged into another entity");
  const doc = parseDocument(text);
  let keptId: string;
  let index: number;
  let keptType: EntityType;
  if (kept) {
    ({ index } = kept);
    keptId = kept.entry.id;
    keptType = kept.entry.type;
  } else {
    if (keep.found?.status === "reference") {
      refuse(file, `"${keep.id}" is world data (src/lexicon/world); add «${candidate.nameAr}» to its aliases there`);
    }
    if (keep.found?.status === "curated") refuse(file, `"${keep.id}" is curated in another gazetteer than ${file}`);
    const base = candidateOrRefuse(file, keep.id, keep.found, "kept");
    keptId = addEntry(doc, base, options);
    index = g.entities.length;
    keptType = base.type;
  }
  if (keptType !== candidate.type) refuse(file, `"${keptId}" is a ${keptType} and "${other.id}" a ${candidate.type}: they cannot be one entity`);
  const entry = entitiesSeq(doc).items[index] as YAMLMap;
  const names = kept ? namesOf(kept.entry) : new Set([fold(keep.found!.nameAr)]);
  if (!names.has(fold(candidate.nameAr))) appendTo(doc, entry, "aliases", candidate.nameAr, "nameEn");
  appendTo(doc, entry, "replaces", other.id);
  const out = edited(doc);
  gazetteerOf(out, file);
  const sources = [...new Set([...(keep.found?.sources ?? []), ...candidate.sources])].sort();
  return { text: out, changed: true, message: `${other.id} «${candidate.nameAr}» merged into ${keptId}${kept ? "" : " (a new curated entry)"}`, sources };
}

/** A rejection list that does not exist yet starts from this, which says what it is. */
export const EMPTY_REJECTIONS = `# What the machine proposed and a reviewer refused (\`npm run review -- reject\`); the next ingest
# leaves it out, and git keeps who decided what and when. Schema: Rejections in src/model/seed-files.ts.
#   claims:   an extracted statement (predicate, subject, object ids) as read in \`sources\`, or
#             wherever it is read when \`sources\` is absent. A candidate id here still matches once
#             the candidate is accepted or merged (the gazetteer entry's \`replaces\`).
#   entities: a candidate that names nothing; the claims and quotes that rest on it go with it.
claims: []
entities: []
`;

function rejectionsOf(text: string, file: string, gazetteer: Gazetteer): Located<Rejections> {
  return valid(checkSeedFile(Rejections, text, file), (l) => checkRejections(l, gazetteer));
}

/** Appends a block-style item to the list at `key` (an empty `[]` becomes a block list); its `flow` field a flow list. */
function appendItem(doc: Document, key: string, item: object, flow?: string): void {
  const list = doc.get(key, true);
  const seq = isSeq(list) ? list : (doc.createNode([]) as YAMLSeq);
  if (seq !== list) doc.set(key, seq);
  seq.flow = false;
  const node = doc.createNode(item) as YAMLMap;
  const inner = flow === undefined ? undefined : node.get(flow, true);
  if (isSeq(inner)) inner.flow = true;
  seq.items.push(node);
}

export interface RejectOptions {
  reason?: string;
  /** Reject the statement wherever it is read, not only in the sources it was read in so far. */
  everywhere?: boolean;
}

/**
 * `reject <claimId | candidateId>`: an extracted claim (by its statement, in the sources of its
 * evidence unless `everywhere`) or a candidate goes on the rejection list. `text` is the list's
 * text, undefined when the file does not exist yet; `gazetteerText` is read to refuse curated ids.
 */
export function reject(
  text: string | undefined,
  file: string,
  gazetteerText: string,
  gazetteerFile: string,
  target: { id: string; claim?: GraphClaim | undefined; entity?: GraphEntity | undefined },
  options: RejectOptions = {},
): Decision {
  const g = gazetteerOf(gazetteerText, gazetteerFile).value;
  const before = text ?? EMPTY_REJECTIONS;
  const list = rejectionsOf(before, file, g).value;
  const doc = parseDocument(before);
  const reason = options.reason ? { reason: options.reason } : {};
  let message: string;
  let sources: string[];
  if (target.id.startsWith("claim-")) {
    if (list.claims.some((r) => r.claim === target.id)) return { text: before, changed: false, message: `${target.id} is already rejected`, sources: [] };
    const claim = target.claim;
    if (!claim) unknown(file, target.id);
    if (claim.origin === "curated") refuse(file, `${target.id} is curated (a facts file states it); remove the fact there instead`);
    const rejection: ClaimRejection = {
      claim: claim.id,
      predicate: claim.predicate,
      subject: claim.subjectId,
      ...(claim.objectId !== undefined && { object: claim.objectId }),
      ...(!options.everywhere && { sources: claim.sources }),
      ...reason,
    };
    appendItem(doc, "claims", rejection, "sources");
    sources = claim.sources;
    message = `${claim.id} (${claim.predicate} ${claim.subjectId} → ${claim.objectId ?? "a value"}) rejected ${options.everywhere ? "wherever it is read" : `as read in ${claim.sources.join(", ")}`}`;
  } else {
    if (list.entities.some((r) => r.entity === target.id)) return { text: before, changed: false, message: `${target.id} is already rejected`, sources: [] };
    const replaced = entryFor(g, target.id);
    if (replaced) refuse(file, `"${target.id}" is ${replaced.replaced ? `in the gazetteer as ${replaced.entry.id}` : "a gazetteer entity"}; remove that entry instead`);
    const candidate = candidateOrRefuse(file, target.id, target.entity, "rejected");
    appendItem(doc, "entities", { entity: candidate.id, type: candidate.type, name: candidate.nameAr, ...reason });
    sources = candidate.sources;
    message = `${candidate.id} «${candidate.nameAr}» (${candidate.type}) rejected, with the claims and quotes that rest on it`;
  }
  const out = edited(doc);
  rejectionsOf(out, file, g);
  return { text: out, changed: true, message, sources };
}
