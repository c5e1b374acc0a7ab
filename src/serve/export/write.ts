import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { toAdminImportCsv, type OutputFile } from "./csv.js";
import { prepareGraph, type ExportGraph } from "./graph.js";
import { toGraphML } from "./graphml.js";
import { toJsonLd } from "./jsonld.js";
import { readGraph } from "./read.js";

/** The I/O edge of `npm run export`: read the graph, format it, write the files. */

export const FORMATS = ["graphml", "jsonld", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export const GRAPHML_FILE = "sanad.graphml";
export const JSONLD_FILE = "sanad.jsonld";

export interface ExportOptions {
  format: Format;
  outDir: string;
  /** Where the API serves annotations and sources (JSON-LD ids). */
  baseUrl: string;
  database?: string;
}

export interface ExportResult {
  files: string[];
  nodes: number;
  relationships: number;
}

function format(graph: ExportGraph, { format, baseUrl }: ExportOptions): OutputFile[] {
  switch (format) {
    case "graphml":
      return [{ name: GRAPHML_FILE, text: toGraphML(graph) }];
    case "jsonld":
      return [{ name: JSONLD_FILE, text: `${JSON.stringify(toJsonLd(graph, { baseUrl }), null, 2)}\n` }];
    case "csv":
      return toAdminImportCsv(graph);
  }
}

export async function exportGraph(driver: Driver, options: ExportOptions): Promise<ExportResult> {
  const graph = prepareGraph(await readGraph(driver, options.database));
  const outputs = format(graph, options);
  await mkdir(options.outDir, { recursive: true });
  const files = outputs.map((o) => join(options.outDir, o.name));
  await Promise.all(outputs.map((o, i) => writeFile(files[i]!, o.text, "utf8")));
  return { files, nodes: graph.nodes.length, relationships: graph.relationships.length };
}
