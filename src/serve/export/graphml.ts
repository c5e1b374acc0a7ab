import { create } from "xmlbuilder2";
import { caption, ExportError, propertyTypes, type ExportGraph, type Props, type PropertyType, type Value } from "./graph.js";

/**
 * The graph as GraphML (http://graphml.graphdrawing.org/), which Gephi, yEd and Cytoscape open.
 * Every property becomes a typed attribute; lists, which GraphML cannot type, are joined with
 * LIST_SEPARATOR. Nodes also get `labels` (":Entity:Country", as APOC writes it) and `label`
 * (the caption the Browser style shows, which Gephi takes as the node label); edges get `label`,
 * their type.
 */

const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const LIST_SEPARATOR = "; ";

type Domain = "node" | "edge";
interface Key {
  id: string;
  name: string;
  type: PropertyType;
}

function keysFor(domain: Domain, extra: string[], all: readonly Props[]): Key[] {
  const string: PropertyType = { scalar: "string", array: false };
  const keys = extra.map((name) => ({ id: `${domain}_${name}`, name, type: string }));
  for (const [name, type] of propertyTypes(all)) {
    if (extra.includes(name)) throw new ExportError(`the ${domain} property "${name}" clashes with the GraphML attribute of that name`);
    keys.push({ id: `${domain}_${name}`, name, type });
  }
  return keys;
}

function text(value: Value): string {
  if (Array.isArray(value)) return value.map(text).join(LIST_SEPARATOR);
  return typeof value === "boolean" ? (value ? "true" : "false") : value.toString();
}

export function toGraphML(graph: ExportGraph): string {
  const nodeKeys = keysFor("node", ["labels", "label"], graph.nodes.map((n) => n.props));
  const edgeKeys = keysFor("edge", ["label"], graph.relationships.map((r) => r.props));
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(GRAPHML_NS, "graphml", {
    "xmlns:xsi": XSI_NS,
    "xsi:schemaLocation": `${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd`,
  });
  for (const [domain, keys] of [["node", nodeKeys], ["edge", edgeKeys]] as const) {
    for (const k of keys) {
      // GraphML has no list type: lists are written as text.
      root.ele("key", { id: k.id, for: domain, "attr.name": k.name, "attr.type": k.type.array ? "string" : k.type.scalar });
    }
  }
  const g = root.ele("graph", { id: "sanad", edgedefault: "directed" });
  const data = (el: ReturnType<typeof g.ele>, keys: Key[], values: Record<string, Value>) => {
    for (const k of keys) {
      const v = values[k.name];
      if (v !== undefined) el.ele("data", { key: k.id }).txt(text(v));
    }
  };
  for (const n of graph.nodes) {
    data(g.ele("node", { id: n.key }), nodeKeys, { labels: `:${n.labels.join(":")}`, label: caption(n), ...n.props });
  }
  graph.relationships.forEach((r, i) => {
    data(g.ele("edge", { id: `e${i}`, source: r.start, target: r.end }), edgeKeys, { label: r.type, ...r.props });
  });
  return root.end({ prettyPrint: true });
}
