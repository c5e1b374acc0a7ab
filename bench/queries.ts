import { nameLookupKeys, nameLookupQuery, searchPhrase } from "../src/serve/api/name-lookup.js";

/**
 * The representative analyst queries, each twice: as a GraphQL request to the API, and as
 * hand-written Cypher returning the same JSON as the API's `data` (the benchmark checks that the
 * two answers are equal before it measures either). Both sides read pages in index order, as the
 * schema's *Page fields do. Page sizes are ones the 1-article graph already fills (Qatar has 8
 * claims as subject there, Robert White 7 quotes, the timeline 2 claims), so that comparing 1 with
 * 10,000 articles compares pages of the same size: what grows is the graph, not the answer.
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
  /**
   * Variables that depend on the graph in the database (a cursor), asked of the API before the
   * run; the query then runs with them on both sides.
   */
  prepare?(ask: (graphql: string, variables: Record<string, unknown>) => Promise<unknown>): Promise<Record<string, unknown>>;
}

const same = (v: Record<string, unknown>) => v;
const orNull = (v: string, fields: string) => `CASE WHEN ${v} IS NULL THEN null ELSE ${v} {${fields}} END`;

/** A page as the schema's *Page fields read it: `rows` holds first + 1 items in index order. */
const pageOf = (rows: string, first: number, fields: string) =>
  `{nodes: [n IN ${rows}[0..${first}] | n], pageInfo: {${fields}}}`;

const QUOTE_FIELDS = "id text verb implicitVerb setting { id } outlet { id } evidence { start end source { id } }";
const quotePage = (first: number, after: string) => `MATCH (e:Entity {id: $id})
             CALL (e) {
               MATCH (q:Quote) WHERE q.speakerId = e.id AND q.id > ${after}
               WITH q ORDER BY q.speakerId, q.id LIMIT ${first + 1}
               RETURN collect(q) AS rows
             }
             CALL (rows) {
               UNWIND rows[0..${first}] AS q
               OPTIONAL MATCH (q)-[:SAID_AT]->(setting:Entity)
               OPTIONAL MATCH (q)-[:TOLD_TO]->(outlet:Entity)
               CALL (q) {
                 MATCH (q)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
                 RETURN collect(m {.start, .end, source: s {.id}}) AS evidence
               }
               RETURN collect(q {.id, .text, .verb, .implicitVerb, setting: ${orNull("setting", ".id")}, outlet: ${orNull("outlet", ".id")}, evidence: evidence}) AS nodes
             }
             RETURN {entity: e {.id, .nameEn, quotesPage: {nodes: nodes, pageInfo: {hasNextPage: size(rows) > ${first}, endCursor: last(rows[0..${first}]).id}}}} AS data`;

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
    cypher: `CALL db.index.fulltext.queryNodes('entitySearchKeys', $query) YIELD node AS e
             WITH e, CASE WHEN $keys[0] IN e.searchKeys THEN 0 ELSE 1 END AS rank
             ORDER BY rank, e.id
             LIMIT 5
             RETURN {entitiesByName: collect(e {.id, .type, .nameEn})} AS data`,
    cypherParams: (v) => {
      const keys = nameLookupKeys(v.name as string);
      return { keys, query: nameLookupQuery(keys) };
    },
    lookup: true,
  },
  {
    name: "claimsAbout",
    description: "a page of an entity's claims as subject, with object and a page of evidence spans in their sources",
    graphql: `query ($id: ID!) {
      entity(id: $id) {
        id nameEn
        claimsAsSubjectPage(first: 8) {
          nodes {
            id predicate date
            object { id nameEn }
            evidencePage(first: 2) { nodes { id exact start end source { id title } } pageInfo { hasNextPage } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`,
    variables: { id: "qatar" },
    cypher: `MATCH (e:Entity {id: $id})
             CALL (e) {
               MATCH (c:Claim) WHERE c.subjectId = e.id AND c.id > ''
               WITH c ORDER BY c.subjectId, c.id LIMIT 9
               RETURN collect(c) AS rows
             }
             CALL (rows) {
               UNWIND rows[0..8] AS c
               OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
               CALL (c) {
                 MATCH ()-[r:EVIDENCE]->(m:Mention) WHERE r.claimId = c.id AND r.mentionId > ''
                 WITH m ORDER BY r.claimId, r.mentionId LIMIT 3
                 MATCH (m)-[:IN]->(s:Source)
                 RETURN collect(m {.id, .exact, .start, .end, source: s {.id, .title}}) AS spans
               }
               RETURN collect(c {.id, .predicate, .date, object: ${orNull("o", ".id, .nameEn")}, evidencePage: ${pageOf("spans", 2, "hasNextPage: size(spans) > 2")}}) AS nodes
             }
             RETURN {entity: e {.id, .nameEn, claimsAsSubjectPage: {nodes: nodes, pageInfo: {hasNextPage: size(rows) > 8, endCursor: last(rows[0..8]).id}}}} AS data`,
    cypherParams: same,
    lookup: false,
  },
  {
    name: "quotesBySpeaker",
    description: "a page of what a speaker said: verb, setting, outlet, the words' span",
    graphql: `query ($id: ID!) { entity(id: $id) { id nameEn quotesPage(first: 5) { nodes { ${QUOTE_FIELDS} } pageInfo { hasNextPage endCursor } } } }`,
    variables: { id: "robert-white" },
    cypher: quotePage(5, "''"),
    cypherParams: same,
    lookup: false,
  },
  {
    name: "quotesNextPage",
    description: "the next page of the same (after the first page's endCursor)",
    graphql: `query ($id: ID!, $after: String) { entity(id: $id) { id nameEn quotesPage(first: 2, after: $after) { nodes { ${QUOTE_FIELDS} } pageInfo { hasNextPage endCursor } } } }`,
    // `after` is replaced by prepare with the first page's endCursor; as is where nothing is measured (plans).
    variables: { id: "robert-white", after: "quote-8" },
    cypher: quotePage(2, "$after"),
    cypherParams: same,
    lookup: false,
    async prepare(ask) {
      const data = (await ask(`query ($id: ID!) { entity(id: $id) { quotesPage(first: 5) { pageInfo { endCursor } } } }`, { id: "robert-white" })) as {
        entity: { quotesPage: { pageInfo: { endCursor: string } } };
      };
      return { id: "robert-white", after: data.entity.quotesPage.pageInfo.endCursor };
    },
  },
  {
    name: "timeline",
    description: "dated claims about an entity within a period, in date order",
    graphql: `query ($entityId: ID!, $from: PartialDate!, $to: PartialDate!) {
      timeline(entityId: $entityId, from: $from, to: $to, limit: 2) {
        id date datePrecision predicate
        subject { id }
        object { id }
        valueQuantity valueUnit
      }
    }`,
    variables: { entityId: "qatar", from: "2010", to: "2020" },
    // The API's statement for an entity (schema/queries.graphql), then the fields asked for.
    cypher: `CALL () {
               MATCH (c:Claim) USING INDEX c:Claim(subjectId, dateSort, id)
               WHERE c.subjectId = $entityId AND c.dateSort >= $from AND c.dateSort < $to + '~' AND c.id IS NOT NULL
               WITH c ORDER BY c.subjectId, c.dateSort, c.id LIMIT 2
               RETURN c
               UNION
               MATCH (c:Claim) USING INDEX c:Claim(objectId, dateSort, id)
               WHERE c.objectId = $entityId AND c.dateSort >= $from AND c.dateSort < $to + '~' AND c.id IS NOT NULL
               WITH c ORDER BY c.objectId, c.dateSort, c.id LIMIT 2
               RETURN c
             }
             WITH c ORDER BY c.dateSort, c.id LIMIT 2
             OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
             OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
             WITH c, s, o ORDER BY c.dateSort, c.id
             RETURN {timeline: collect(c {.id, .date, .datePrecision, .predicate, subject: ${orNull("s", ".id")}, object: ${orNull("o", ".id")}, .valueQuantity, .valueUnit})} AS data`,
    cypherParams: same,
    lookup: false,
  },
  {
    name: "searchClaims",
    description: "claims whose evidence words match a phrase, best first",
    graphql: `query ($phrase: String!) { searchClaims(phrase: $phrase, limit: 4) { id predicate subject { id } object { id } } }`,
    variables: { phrase: "مذكرة تفاهم" },
    cypher: `CALL db.index.fulltext.queryNodes('evidenceText', $phrase, {limit: 1000}) YIELD node, score
             MATCH (c:Claim)-[:EVIDENCE]->(node)
             WITH c, max(score) AS score
             ORDER BY score DESC, c.id
             LIMIT 4
             OPTIONAL MATCH (c)-[:SUBJECT]->(s:Entity)
             OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
             WITH c, s, o, score ORDER BY score DESC, c.id
             RETURN {searchClaims: collect(c {.id, .predicate, subject: ${orNull("s", ".id")}, object: ${orNull("o", ".id")}})} AS data`,
    cypherParams: (v) => ({ phrase: searchPhrase(v.phrase as string) }),
    lookup: false,
  },
];
