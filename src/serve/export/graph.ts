/**
 * The graph as the exports read it: plain rows, as one Cypher query returns them (src/export/read.ts),
 * and the pure preparation every format shares: stable keys, a stable order, property types.
 */

/** A property value: Neo4j integers as bigint (so they stay integers), floats as number. */
export type Value = string | number | bigint | boolean | Value[];
export type Props = Record<string, Value>;

export interface NodeRow {
  /** The database's element id: only links relationships to nodes within one export. */
  ref: string;
  labels: string[];
  props: Props;
}

export interface RelationshipRow {
  type: string;
  start: string;
  end: string;
  props: Props;
}

export interface GraphRows {
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

export interface ExportNode {
  /** "<kind>:<id>", unique over the graph and the same in every export, e.g. "Entity:qatar". */
  key: string;
  /** Source, Entity, Mention, Claim or Quote: the label the id is unique within. */
  kind: string;
  /** The kind first, then the others (an entity's type) in alphabetical order. */
  labels: string[];
  props: Props;
}

export interface ExportRelationship {
  type: string;
  start: string;
  end: string;
  props: Props;
}

export interface ExportGraph {
  nodes: ExportNode[];
  relationships: ExportRelationship[];
}

export class ExportError extends Error {
  override name = "ExportError";
}

/**
 * The kinds of node the graph has. Some carry a second label: an entity its type, an extracted
 * claim `Extracted`, a claim's evidence span `Evidence` (src/ingest/load/plan.ts).
 */
const KINDS = ["Entity", "Source", "Mention", "Claim", "Quote"] as const;

function kindOf(labels: readonly string[]): string | undefined {
  return KINDS.find((k) => labels.includes(k)) ?? (labels.length === 1 ? labels[0] : undefined);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys every node by kind and id and orders nodes and relationships, so two exports of one graph are identical. */
export function prepareGraph(rows: GraphRows): ExportGraph {
  const keyByRef = new Map<string, string>();
  const nodes: ExportNode[] = rows.nodes.map((n) => {
    const kind = kindOf(n.labels);
    const id = n.props.id;
    if (kind === undefined || typeof id !== "string") {
      throw new ExportError(`cannot key node ${n.ref} (labels ${n.labels.join(", ") || "none"}): expected one kind label (or Entity) and a string id`);
    }
    const key = `${kind}:${id}`;
    keyByRef.set(n.ref, key);
    return { key, kind, labels: [kind, ...n.labels.filter((l) => l !== kind).sort(compare)], props: n.props };
  });
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.key)) throw new ExportError(`two nodes share the key ${n.key}`);
    seen.add(n.key);
  }
  const relationships = rows.relationships.map((r) => {
    const start = keyByRef.get(r.start);
    const end = keyByRef.get(r.end);
    if (start === undefined || end === undefined) throw new ExportError(`relationship ${r.type} points at a node the export did not read`);
    return { type: r.type, start, end, props: r.props };
  });
  nodes.sort((a, b) => compare(a.key, b.key));
  const relKey = (r: ExportRelationship) => `${r.start}\u0000${r.type}\u0000${r.end}\u0000${JSON.stringify(r.props, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`;
  relationships.sort((a, b) => compare(relKey(a), relKey(b)));
  return { nodes, relationships };
}

export type ScalarType = "string" | "boolean" | "int" | "long" | "double";
export interface PropertyType {
  scalar: ScalarType;
  array: boolean;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

function scalarType(v: Exclude<Value, Value[]>): ScalarType {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return "double";
  return v >= INT_MIN && v <= INT_MAX ? "int" : "long";
}

/**
 * One type per property name over the given property maps, read from the values: the widest
 * integer type needed, arrays by their elements (an empty array alone counts as string[]).
 * Two incompatible types under one name (a string here, a number there) are an error: no
 * typed column could hold both.
 */
export function propertyTypes(all: readonly Props[]): Map<string, PropertyType> {
  const found = new Map<string, { scalars: Set<ScalarType>; array: Set<boolean> }>();
  for (const props of all) {
    for (const [name, value] of Object.entries(props)) {
      const entry = found.get(name) ?? { scalars: new Set(), array: new Set() };
      found.set(name, entry);
      if (Array.isArray(value)) {
        entry.array.add(true);
        for (const item of value) {
          if (Array.isArray(item)) throw new ExportError(`property ${name} holds nested lists`);
          entry.scalars.add(scalarType(item));
        }
      } else {
        entry.array.add(false);
        entry.scalars.add(scalarType(value));
      }
    }
  }
  const types = new Map<string, PropertyType>();
  for (const name of [...found.keys()].sort(compare)) {
    const { scalars, array } = found.get(name)!;
    if (array.size > 1) throw new ExportError(`property ${name} is a list on some elements and a single value on others`);
    if (scalars.has("long")) scalars.delete("int");
    if (scalars.size > 1) throw new ExportError(`property ${name} has values of types ${[...scalars].join(" and ")}`);
    types.set(name, { scalar: [...scalars][0] ?? "string", array: array.has(true) });
  }
  return types;
}

/** What a node is called in a viewer: the property the Browser style (neo4j/browser/style.grass) captions it with. */
export function caption(node: ExportNode): string {
  const field = { Entity: "nameAr", Claim: "predicate", Quote: "verb", Mention: "exact", Source: "title" }[node.kind] ?? "id";
  const value = node.props[field] ?? node.props.id;
  return typeof value === "string" ? value : String(value);
}
