import { nameLookupKeys } from "../src/serve/api/name-lookup.js";

/**
 * Five representative analyst queries, each twice: as a GraphQL request to the API, and as
 * hand-written Cypher returning the same JSON as the API's `data` (the benchmark checks that the
 * two answers are equal before it measures either). Nested lists are sorted and bounded on both
 * sides so that "the same answer" is well defined (the API bounds every list at 20 by default).
 */

export interface BenchQuery {
  name: string;
  /** What an analyst asks. */
  description: string;
  graphql: string;
  variables: Record<string, unknown>;
  /** Returns one row with column `data`. */
  cypher: string;
  /** The Cypher parameters for the GraphQL variables (the API derives some, e.g. the folded name keys). */
  cypherParams(variables: Record<string, unknown>): Record<string, unknown>;
  /** A lookup: its latency should not grow with the graph. */
  lookup: boolean;
}

const same = (v: Record<string, unknown>) => v;
const orNull = (v: string, fields: string) => `CASE WHEN ${v} IS NULL THEN null ELSE ${v} {${fields}} END`;

export const QUERIES: readonly BenchQuery[] = [
  {
    name: "entityById",
    description: "one entity by id, with what it belongs to",
    graphql: `query ($id: ID!) { entity(id: $id) { id type nameAr nameEn aliases wikidata partOf { id nameEn } } }`,
    variables: { id: "us-department-of-defense" },
    cypher: `MATCH (e:Entity {id: $id})
             OPTIONAL MATCH (e)-[:PART_OF]->(p:Entity)
             RETURN {entity: e {.id, .type, .nameAr, .nameEn, .aliases, .wikidata, partOf: ${orNull("p", ".id, .nameEn")}}} AS data`,
    cypherParams: same,
    lookup: true,
  },
  {
    name: "entitiesByName",
    description: "entities by any spelling of a name (clitics, folding)",
    graphql: `query ($name: String!) { entitiesByName(name: $name, limit: 5) { id type nameEn } }`,
    variables: { name: "لقطر" },
    // The API's own statement (schema/queries.graphql), with the keys the API computes.
    cypher: `MATCH (e:Entity)
             WHERE any(key IN e.searchKeys WHERE key IN $keys)
             WITH e, CASE WHEN $keys[0] IN e.searchKeys THEN 0 ELSE 1 END AS rank
             ORDER BY rank, e.id
             LIMIT 5
             RETURN {entitiesByName: collect(e {.id, .type, .nameEn})} AS data`,
    cypherParams: (v) => ({ keys: nameLookupKeys(v.name as string) }),
    lookup: true,
  },
  {
    name: "claimsAbout",
    description: "an entity's claims as subject, with object and evidence spans in their sources",
    graphql: `query ($id: ID!) {
      entity(id: $id) {
        id nameEn
        claimsAsSubject(limit: 20, sort: [{ id: ASC }]) {
          id predicate date
          object { id nameEn }
          evidence(limit: 20, sort: [{ id: ASC }]) { id exact start end source { id title } }
        }
      }
    }`,
    variables: { id: "qatar" },
    cypher: `MATCH (e:Entity {id: $id})
             CALL (e) {
               MATCH (c:Claim)-[:SUBJECT]->(e)
               WITH c ORDER BY c.id LIMIT 20
               OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
               CALL (c) {
                 MATCH (c)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
                 WITH m, s ORDER BY m.id LIMIT 20
                 RETURN collect(m {.id, .exact, .start, .end, source: s {.id, .title}}) AS evidence
               }
               WITH c, o, evidence ORDER BY c.id
               RETURN collect(c {.id, .predicate, .date, object: ${orNull("o", ".id, .nameEn")}, evidence: evidence}) AS claims
             }
             RETURN {entity: e {.id, .nameEn, claimsAsSubject: claims}} AS data`,
    cypherParams: same,
    lookup: false,
  },
  {
    name: "quotesBySpeaker",
    description: "what a speaker said: verb, setting, outlet, the words' span",
    graphql: `query ($id: ID!) {
      entity(id: $id) {
        id nameEn
        quotes(limit: 20, sort: [{ id: ASC }]) {
          id text verb implicitVerb
          setting { id }
          outlet { id }
          evidence(limit: 20, sort: [{ id: ASC }]) { start end source { id } }
        }
      }
    }`,
    variables: { id: "robert-white" },
    cypher: `MATCH (e:Entity {id: $id})
             CALL (e) {
               MATCH (e)-[:STATED]->(q:Quote)
               WITH q ORDER BY q.id LIMIT 20
               OPTIONAL MATCH (q)-[:SAID_AT]->(setting:Entity)
               OPTIONAL MATCH (q)-[:TOLD_TO]->(outlet:Entity)
               CALL (q) {
                 MATCH (q)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
                 WITH m, s ORDER BY m.id LIMIT 20
                 RETURN collect(m {.start, .end, source: s {.id}}) AS evidence
               }
               WITH q, setting, outlet, evidence ORDER BY q.id
               RETURN collect(q {.id, .text, .verb, .implicitVerb, setting: ${orNull("setting", ".id")}, outlet: ${orNull("outlet", ".id")}, evidence: evidence}) AS quotes
             }
             RETURN {entity: e {.id, .nameEn, quotes: quotes}} AS data`,
    cypherParams: same,
    lookup: false,
  },
  {
    name: "timeline",
    description: "dated claims about an entity within a period, in date order",
    graphql: `query ($entityId: ID!, $from: PartialDate!, $to: PartialDate!) {
      timeline(entityId: $entityId, from: $from, to: $to, limit: 20) {
        id date datePrecision predicate
        subject { id }
        object { id }
        valueQuantity valueUnit
      }
    }`,
    variables: { entityId: "qatar", from: "2016", to: "2018" },
    // The API's own statement (schema/queries.graphql), then the fields asked for.
    cypher: `MATCH (c:Claim)
             WHERE c.dateSort IS NOT NULL
               AND EXISTS { (c)-[:SUBJECT|OBJECT]->(:Entity {id: $entityId}) }
               AND c.dateSort >= $from
               AND left(c.dateSort, size($to)) <= $to
             WITH c ORDER BY c.dateSort, c.id LIMIT 20
             OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
             OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
             WITH c, s, o ORDER BY c.dateSort, c.id
             RETURN {timeline: collect(c {.id, .date, .datePrecision, .predicate, subject: ${orNull("s", ".id")}, object: ${orNull("o", ".id")}, .valueQuantity, .valueUnit})} AS data`,
    cypherParams: same,
    lookup: false,
  },
];
