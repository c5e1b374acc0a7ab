import { stringify } from "csv-stringify/sync";
import { ExportError, propertyTypes, type ExportGraph, type Props, type PropertyType, type Value } from "./graph.js";

/**
 * The graph as the two CSV files `neo4j-admin database import full` reads
 * (https://neo4j.com/docs/operations-manual/5/tools/neo4j-admin/neo4j-admin-import/): nodes with
 * `:ID` (the export key, not stored), `:LABEL` and typed property columns (`start:int`,
 * `aliases:string[]`); relationships with `:START_ID`, `:END_ID`, `:TYPE`. An absent property is an
 * empty unquoted field, an empty string a quoted "", which the importer keeps apart. The importer
 * cannot store an empty list (https://github.com/neo4j/neo4j/issues/13566), so those are left out
 * of the CSV and restored by POST_IMPORT_FILE, Cypher to run once after the import. Source texts
 * span lines, hence ADMIN_IMPORT_OPTIONS.
 */

export const NODES_FILE = "nodes.csv";
export const RELATIONSHIPS_FILE = "relationships.csv";
export const POST_IMPORT_FILE = "post-import.cypher";
/** Options the import needs besides the files; the defaults do the rest (`,` between fields, `;` in lists). */
export const ADMIN_IMPORT_OPTIONS: readonly string[] = ["--multiline-fields=true"];
const ARRAY_DELIMITER = ";";

export interface OutputFile {
  name: string;
  text: string;
}

function header(name: string, type: PropertyType): string {
  return `${name}:${type.scalar}${type.array ? "[]" : ""}`;
}

function cell(value: Value | undefined, name: string): string | bigint | number | boolean | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return value;
  // Left absent; restored by the post-import statements.
  if (value.length === 0) return undefined;
  const items = value.map((item) => String(item));
  const clash = items.find((item) => item.includes(ARRAY_DELIMITER));
  if (clash !== undefined) throw new ExportError(`a value of the list property ${name} contains "${ARRAY_DELIMITER}", the importer's list delimiter: ${clash}`);
  return items.join(ARRAY_DELIMITER);
}

function table(fixed: string[], fixedCells: (i: number) => string[], rows: readonly Props[]): string {
  const types = propertyTypes(rows);
  const names = [...types.keys()];
  const head = stringify([[...fixed, ...names.map((n) => header(n, types.get(n)!))]]);
  // quoted_string quotes every string, so an empty string stays "" while an absent property
  // (undefined) stays an empty field.
  const body = stringify(
    rows.map((props, i) => [...fixedCells(i), ...names.map((n) => cell(props[n], n))]),
    { quoted_string: true, cast: { boolean: (b) => (b ? "true" : "false"), bigint: (n) => n.toString() } },
  );
  return head + body;
}

/** Cypher that sets the empty lists the importer could not: one statement per label and property. */
function emptyListStatements(graph: ExportGraph): string {
  const ids = new Map<string, { kind: string; property: string; ids: string[] }>();
  for (const n of graph.nodes) {
    for (const [property, value] of Object.entries(n.props)) {
      if (!Array.isArray(value) || value.length > 0) continue;
      const group = ids.get(`${n.kind}.${property}`) ?? { kind: n.kind, property, ids: [] };
      group.ids.push(n.props.id as string);
      ids.set(`${n.kind}.${property}`, group);
    }
  }
  for (const r of graph.relationships) {
    const empty = Object.entries(r.props).find(([, v]) => Array.isArray(v) && v.length === 0);
    if (empty) throw new ExportError(`relationship ${r.start}-[:${r.type}]->${r.end} has an empty list in ${empty[0]}, which neo4j-admin import cannot store`);
  }
  const quote = (name: string) => `\`${name.replaceAll("`", "``")}\``;
  return [...ids.values()]
    .map((g) => `MATCH (n:${quote(g.kind)}) WHERE n.id IN ${JSON.stringify(g.ids)} SET n.${quote(g.property)} = [];\n`)
    .join("");
}

/** nodes.csv, relationships.csv and, when the graph holds empty lists, post-import.cypher. */
export function toAdminImportCsv(graph: ExportGraph): OutputFile[] {
  const { nodes, relationships } = graph;
  const postImport = emptyListStatements(graph);
  return [
    { name: NODES_FILE, text: table([":ID", ":LABEL"], (i) => [nodes[i]!.key, nodes[i]!.labels.join(ARRAY_DELIMITER)], nodes.map((n) => n.props)) },
    {
      name: RELATIONSHIPS_FILE,
      text: table([":START_ID", ":END_ID", ":TYPE"], (i) => [relationships[i]!.start, relationships[i]!.end, relationships[i]!.type], relationships.map((r) => r.props)),
    },
    ...(postImport ? [{ name: POST_IMPORT_FILE, text: postImport }] : []),
  ];
}
