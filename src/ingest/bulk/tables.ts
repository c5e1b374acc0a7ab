import { stringify } from "csv-stringify/sync";

/**
 * Pure: the files of a bulk backfill in neo4j-admin's CSV import format. One table per kind of
 * node and per relationship type and endpoint kinds; its header file is written once, its data
 * files (no header) once per shard, so shards can be written on different machines and imported
 * together. Columns carry the property types the transactional loader gives (plan.ts): offsets and
 * lengths are integers (toInteger), other numbers floats (the driver sends JavaScript numbers as
 * floats), lists are string arrays.
 */

/** Between array elements (and labels): a control character no name or alias contains. */
export const ARRAY_DELIMITER = "\u001f";
/** How neo4j-admin is told the delimiter. */
export const ARRAY_DELIMITER_ARG = "U+001F";

type ColumnType = "string" | "int" | "double" | "boolean" | "string[]";

interface Column {
  /** The property (or, for :ID/:START_ID/:END_ID/:LABEL/:TYPE, the row field) the value comes from. */
  field: string;
  header: string;
  type: ColumnType;
}

export interface Table {
  /** File stem: unique per table. */
  name: string;
  kind: "nodes" | "relationships";
  /** The label (nodes) or relationship type given on neo4j-admin's command line; absent when a :TYPE column names it. */
  labelOrType?: string;
  columns: Column[];
}

export type Value = string | number | boolean | readonly string[] | null | undefined;
export type Row = Record<string, Value>;

const prop = (field: string, type: ColumnType = "string"): Column => ({ field, header: type === "string" ? field : `${field}:${type}`, type });
const id = (space: string): Column => ({ field: "id", header: `id:ID(${space})`, type: "string" });
const labels: Column = { field: "labels", header: ":LABEL", type: "string[]" };
const start = (space: string): Column => ({ field: "start", header: `:START_ID(${space})`, type: "string" });
const end = (space: string): Column => ({ field: "end", header: `:END_ID(${space})`, type: "string" });

const nodes = (name: string, columns: Column[], label?: string): Table => ({ name, kind: "nodes", ...(label ? { labelOrType: label } : {}), columns });
const rels = (name: string, type: string | undefined, from: string, to: string, more: Column[] = []): Table => ({
  name,
  kind: "relationships",
  ...(type ? { labelOrType: type } : {}),
  columns: [start(from), end(to), ...more],
});

const CLAIM_PROPS = [
  "subjectId", "objectId", "predicate", "modality", "relationship", "date", "datePrecision", "dateSort",
  "valueText", "valueUnit", "valueBound", "valueDate", "valueDatePrecision", "origin", "extractor", "text",
];

/** Written by every shard: each source's own nodes and relationships, which no other source shares. */
export const SOURCE_TABLES = {
  source: nodes("Source", [
    id("Source"), prop("title"), prop("publisher"), prop("language"), prop("sha256"), prop("text"), prop("url"), prop("published"), prop("length", "int"),
  ], "Source"),
  mention: nodes("Mention", [
    id("Mention"), labels, prop("sourceId"), prop("start", "int"), prop("end", "int"), prop("exact"), prop("prefix"), prop("suffix"), prop("entityId"),
  ]),
  quote: nodes("Quote", [id("Quote"), prop("sourceId"), prop("speakerId"), prop("text"), prop("verb"), prop("implicitVerb", "boolean")], "Quote"),
  in: rels("IN", "IN", "Mention", "Source"),
  refersTo: rels("REFERS_TO", "REFERS_TO", "Mention", "Entity"),
  stated: rels("STATED", "STATED", "Entity", "Quote"),
  saidAt: rels("SAID_AT", "SAID_AT", "Quote", "Entity"),
  toldTo: rels("TOLD_TO", "TOLD_TO", "Quote", "Entity"),
  quoteEvidence: rels("QUOTE_EVIDENCE", "EVIDENCE", "Quote", "Mention"),
  claimEvidence: rels("CLAIM_EVIDENCE", "EVIDENCE", "Claim", "Mention", [prop("claimId"), prop("mentionId")]),
} as const satisfies Record<string, Table>;

/** Written once, after the shards' shared contributions are merged: what sources share. */
export const SHARED_TABLES = {
  entity: nodes("Entity", [
    id("Entity"), labels, prop("type"), prop("nameAr"), prop("nameEn"), prop("aliases", "string[]"), prop("searchKeys", "string[]"),
    prop("role"), prop("rank"), prop("wikidata"), prop("glossEn"), prop("status"),
  ]),
  claim: nodes("Claim", [id("Claim"), labels, ...CLAIM_PROPS.map((p) => prop(p)), prop("valueQuantity", "double"), prop("confidence", "double")]),
  subject: rels("SUBJECT", "SUBJECT", "Claim", "Entity"),
  object: rels("OBJECT", "OBJECT", "Claim", "Entity"),
  partOf: rels("PART_OF", "PART_OF", "Entity", "Entity"),
  // The browsing relationships drawn from claims (SIGNED, PARTNERS_WITH, …): the type is a column.
  drawn: rels("DRAWN", undefined, "Entity", "Entity", [{ field: "type", header: ":TYPE", type: "string" }, prop("claimId"), prop("predicate")]),
} as const satisfies Record<string, Table>;

export const ALL_TABLES: readonly Table[] = [...Object.values(SOURCE_TABLES), ...Object.values(SHARED_TABLES)];

/**
 * Lists neo4j-admin cannot write empty (an empty field is no property), though the loader stores
 * `[]`: set after the import, before anything reads the graph.
 */
export const EMPTY_LIST_REPAIRS: readonly string[] = ALL_TABLES.filter((t) => t.kind === "nodes").flatMap((t) =>
  t.columns.filter((c) => c.type === "string[]" && c.header !== ":LABEL").map((c) => `MATCH (n:${t.name}) WHERE n.${c.field} IS NULL SET n.${c.field} = []`),
);

export class BulkRowError extends Error {
  override name = "BulkRowError";
}

export function headerLine(table: Table): string {
  return stringify([table.columns.map((c) => c.header)]);
}

function cell(table: Table, column: Column, value: Value): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.type === "string[]") {
    if (!Array.isArray(value)) throw new BulkRowError(`${table.name}.${column.field}: expected a list, got ${typeof value}`);
    const list = value as readonly string[];
    const bad = list.find((v) => v.includes(ARRAY_DELIMITER));
    if (bad !== undefined) throw new BulkRowError(`${table.name}.${column.field}: "${bad}" contains the array delimiter U+001F`);
    return list.length === 0 ? null : list.join(ARRAY_DELIMITER);
  }
  if (column.type === "boolean") return String(value);
  if (column.type === "int" || column.type === "double") {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new BulkRowError(`${table.name}.${column.field}: not a finite number: ${String(value)}`);
    return value;
  }
  return String(value);
}

/**
 * Rows as CSV lines of the table's columns. Every string is quoted, so an empty string stays one
 * while an absent value (null) is an empty field, which neo4j-admin writes as no property. A row
 * field the table has no column for is an error: what the loader writes and the import files say
 * must not drift apart silently.
 */
export function csvLines(table: Table, rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  const fields = new Set(table.columns.map((c) => c.field));
  const records = rows.map((row) => {
    for (const key of Object.keys(row)) if (!fields.has(key)) throw new BulkRowError(`${table.name}: no column for property "${key}"`);
    return table.columns.map((c) => cell(table, c, row[c.field]));
  });
  return stringify(records, { quoted_string: true });
}
