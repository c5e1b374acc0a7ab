import neo4j, { type Driver } from "neo4j-driver";
import { ExportError, type GraphRows, type Props, type Value } from "./graph.js";

/** The I/O edge of the exports: the whole graph as plain rows, read in one query. */

const READ_GRAPH = `
CALL () { MATCH (n) RETURN collect({ref: elementId(n), labels: labels(n), props: properties(n)}) AS nodes }
CALL () { MATCH (a)-[r]->(b) RETURN collect({type: type(r), start: elementId(a), end: elementId(b), props: properties(r)}) AS relationships }
RETURN nodes, relationships`;

function toValue(v: unknown, where: string): Value {
  if (neo4j.isInt(v)) return v.toBigInt();
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((item) => toValue(item, where));
  throw new ExportError(`${where} holds a value the exports do not support (${Object.prototype.toString.call(v)})`);
}

function toProps(raw: Record<string, unknown>, owner: string): Props {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toValue(v, `${owner}.${k}`)]));
}

export async function readGraph(driver: Driver, database?: string): Promise<GraphRows> {
  const { records } = await driver.executeQuery(READ_GRAPH, {}, { database, routing: neo4j.routing.READ });
  const row = records[0];
  if (!row) throw new ExportError("the graph query returned no row");
  const nodes = row.get("nodes") as { ref: string; labels: string[]; props: Record<string, unknown> }[];
  const relationships = row.get("relationships") as { type: string; start: string; end: string; props: Record<string, unknown> }[];
  return {
    nodes: nodes.map((n) => ({ ref: n.ref, labels: n.labels, props: toProps(n.props, `(${n.labels.join(":")})`) })),
    relationships: relationships.map((r) => ({ ...r, props: toProps(r.props, `[${r.type}]`) })),
  };
}
