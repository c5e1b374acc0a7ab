import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { Claim, Entity, type SourceGraph } from "../../src/model/graph.js";
import { DatePrecision, EntityType, Modality, ValueBound } from "../../src/model/seed-files.js";
import { planClaimUpkeep, planLoad } from "../../src/ingest/load/plan.js";
import { fromRoot } from "../../src/paths.js";

/**
 * The GraphQL schema (schema/*.graphql) reads what the loader writes, with enums the seed-file
 * and graph schemas (zod) define: a name that differs between them comes back null from the API,
 * silently. These checks make that a failing test instead.
 */

const SCHEMA_DIR = fromRoot("schema");
const documents: DocumentNode[] = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith(".graphql"))
  .map((f) => parse(readFileSync(join(SCHEMA_DIR, f), "utf8")));
const definitions = documents.flatMap((d) => d.definitions);

function enumValues(name: string): string[] {
  const def = definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name);
  if (def?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`schema has no enum ${name}`);
  return (def.values ?? []).map((v) => v.name.value);
}

const objectTypes = definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
const hasDirective = (node: ObjectTypeDefinitionNode | FieldDefinitionNode, name: string) => (node.directives ?? []).some((d) => d.name.value === name);

/** Stored properties of a @node type or @relationshipProperties type: fields that are neither relationships nor computed. */
function storedFields(type: ObjectTypeDefinitionNode): Set<string> {
  return new Set((type.fields ?? []).filter((f) => !hasDirective(f, "relationship") && !hasDirective(f, "cypher")).map((f) => f.name.value));
}

const nodeProperties = new Map(objectTypes.filter((t) => hasDirective(t, "node")).map((t) => [t.name.value, storedFields(t)]));

/** Relationship type → its declared properties, from @relationship(type: …, properties: …). */
const relationshipProperties = new Map<string, Set<string>>();
for (const type of objectTypes) {
  for (const field of type.fields ?? []) {
    const rel = field.directives?.find((d) => d.name.value === "relationship");
    const arg = (name: string) => {
      const value = rel?.arguments?.find((a) => a.name.value === name)?.value;
      return value?.kind === Kind.STRING ? value.value : undefined;
    };
    const relType = arg("type");
    if (!relType) continue;
    const propsType = arg("properties");
    const declared = propsType ? storedFields(objectTypes.find((t) => t.name.value === propsType)!) : new Set<string>();
    relationshipProperties.set(relType, new Set([...(relationshipProperties.get(relType) ?? []), ...declared]));
  }
}

/** Every @cypher statement, for properties the API reads without exposing them as fields. */
const cypherText = objectTypes
  .flatMap((t) => t.fields ?? [])
  .flatMap((f) => f.directives ?? [])
  .filter((d) => d.name.value === "cypher")
  .map((d) => d.arguments?.find((a) => a.name.value === "statement")?.value)
  .map((v) => (v?.kind === Kind.STRING ? v.value : ""))
  .join("\n");

/** A source graph with every optional field set, so every property the loader can write shows. */
const GRAPH: SourceGraph = {
  source: { id: "s", title: "t", publisher: "p", language: "ar", sha256: "0".repeat(64), text: "قطر والولايات المتحدة", url: "https://example.org/a", published: "2020-01-01" },
  entities: [
    { id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar", aliases: ["دولة قطر"], role: "r", rank: "k", wikidata: "Q846", glossEn: "g", partOf: "gcc", status: "curated" },
    { id: "gcc", type: "Organization", nameAr: "مجلس التعاون", nameEn: "GCC", aliases: [], status: "candidate" },
  ],
  mentions: [{ id: "m1", sourceId: "s", start: 0, end: 3, exact: "قطر", prefix: "", suffix: " و", entityId: "qatar" }],
  claims: [
    { id: "c1", predicate: "partnerOf", subjectId: "qatar", objectId: "gcc", date: { value: "2017-07", precision: "month" }, modality: "asserted", evidence: ["m1"], relationship: "PARTNERS_WITH", origin: "curated" },
    { id: "c2", predicate: "spent", subjectId: "qatar", value: { quantity: 3, unit: "USD", bound: "lower" }, modality: "possible", evidence: ["m1"], origin: "extracted" },
  ],
  quotes: [{ id: "q1", text: "قطر", verb: "قال", implicitVerb: false, speakerId: "qatar", settingId: "gcc", outletId: "gcc", evidence: ["m1"] }],
};

/** Label (or relationship type) → properties the statements write: `SET v += row.props`, `SET v.p = …`, and `{p: …}` in a MERGE. */
function writtenProperties(): Map<string, Set<string>> {
  const written = new Map<string, Set<string>>();
  const add = (owner: string, prop: string) => written.set(owner, new Set([...(written.get(owner) ?? []), prop]));
  for (const { cypher, params } of [...planLoad([GRAPH], (s) => s), ...planClaimUpkeep(["c1"])]) {
    if (!/\b(SET|MERGE)\b/.test(cypher)) continue;
    const owners = new Map<string, string>();
    for (const m of cypher.matchAll(/\((\w+):(\w+)/g)) if (!owners.has(m[1]!)) owners.set(m[1]!, m[2]!);
    for (const m of cypher.matchAll(/\[(\w+):(\w+)/g)) owners.set(m[1]!, m[2]!);
    const owner = (v: string) => owners.get(v) ?? expect.fail(`cannot tell what "${v}" is in:\n${cypher}`);
    for (const m of cypher.matchAll(/MERGE [^\n]*?\[(\w+):\w+ \{(\w+):/g)) add(owner(m[1]!), m[2]!);
    for (const m of cypher.matchAll(/(\w+)\.(\w+) =/g)) add(owner(m[1]!), m[2]!);
    for (const m of cypher.matchAll(/(\w+) \+= row\.props/g)) {
      const rows = (params.rows ?? []) as { props: Record<string, unknown> }[];
      for (const row of rows) for (const key of Object.keys(row.props)) add(owner(m[1]!), key);
    }
  }
  return written;
}

describe("the GraphQL schema and the zod schemas", () => {
  it("define the same enums", () => {
    expect(enumValues("EntityType")).toEqual(EntityType.options);
    expect(enumValues("Modality")).toEqual(Modality.options);
    expect(enumValues("DatePrecision")).toEqual(DatePrecision.options);
    expect(enumValues("ValueBound")).toEqual(ValueBound.options);
    expect(enumValues("EntityStatus")).toEqual(Entity.shape.status.options);
    expect(enumValues("ClaimOrigin")).toEqual(Claim.shape.origin.options);
  });
});

describe("what the loader writes", () => {
  const written = writtenProperties();

  it("covers every node label and the claim relationships", () => {
    expect([...written.keys()].sort()).toEqual(["Claim", "EVIDENCE", "Entity", "Mention", "PARTNERS_WITH", "Quote", "Source"]);
  });

  it("is declared in the schema, or read by one of its Cypher statements", () => {
    const undeclared: string[] = [];
    for (const [owner, props] of written) {
      const declared = nodeProperties.get(owner) ?? relationshipProperties.get(owner);
      expect(declared, `schema has no type or relationship ${owner}`).toBeDefined();
      for (const prop of props) {
        // Lookup keys such as Entity.searchKeys are for the API's own queries, not for clients.
        if (!declared!.has(prop) && !new RegExp(`\\.${prop}\\b`).test(cypherText)) undeclared.push(`${owner}.${prop}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
