/**
 * The one place for the graph's constraints and indexes. Created before every load
 * (IF NOT EXISTS makes that cheap), and by the API's tests through the same function.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (n:Mention) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
  "CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (n:Quote) REQUIRE n.id IS UNIQUE",
  // A source's contribution is found (and replaced) through these.
  "CREATE INDEX mention_source IF NOT EXISTS FOR (n:Mention) ON (n.sourceId)",
  "CREATE INDEX quote_source IF NOT EXISTS FOR (n:Quote) ON (n.sourceId)",
  // Analyst access paths: timeline, predicates, names.
  "CREATE INDEX claim_date IF NOT EXISTS FOR (n:Claim) ON (n.dateSort)",
  "CREATE INDEX claim_predicate IF NOT EXISTS FOR (n:Claim) ON (n.predicate)",
  "CREATE INDEX entity_name_en IF NOT EXISTS FOR (n:Entity) ON (n.nameEn)",
  "CREATE INDEX entity_name_ar IF NOT EXISTS FOR (n:Entity) ON (n.nameAr)",
  // Pages: equality on the owner, then the order the page is read in, so a page is an ordered
  // index seek of first + 1 entries however many the owner has (schema/graph.graphql, *Page fields).
  "CREATE INDEX quote_speaker_page IF NOT EXISTS FOR (n:Quote) ON (n.speakerId, n.id)",
  "CREATE INDEX claim_subject_page IF NOT EXISTS FOR (n:Claim) ON (n.subjectId, n.id)",
  "CREATE INDEX claim_object_page IF NOT EXISTS FOR (n:Claim) ON (n.objectId, n.id)",
  "CREATE INDEX claim_predicate_page IF NOT EXISTS FOR (n:Claim) ON (n.predicate, n.id)",
  // An entity page: the predicates of an entity's claims from the index alone, then a page of each.
  "CREATE INDEX claim_subject_predicate IF NOT EXISTS FOR (n:Claim) ON (n.subjectId, n.predicate, n.id)",
  "CREATE INDEX claim_object_predicate IF NOT EXISTS FOR (n:Claim) ON (n.objectId, n.predicate, n.id)",
  "CREATE INDEX claim_subject_date IF NOT EXISTS FOR (n:Claim) ON (n.subjectId, n.dateSort, n.id)",
  "CREATE INDEX claim_object_date IF NOT EXISTS FOR (n:Claim) ON (n.objectId, n.dateSort, n.id)",
  "CREATE INDEX mention_entity_page IF NOT EXISTS FOR (n:Mention) ON (n.entityId, n.id)",
  "CREATE INDEX mention_source_page IF NOT EXISTS FOR (n:Mention) ON (n.sourceId, n.id)",
  "CREATE INDEX evidence_claim_page IF NOT EXISTS FOR ()-[r:EVIDENCE]-() ON (r.claimId, r.mentionId)",
  // Name lookup: each folded name or alias is one term (keyword analyzer), so entitiesByName is
  // an index lookup of its keys, not a scan of every entity.
  "CREATE FULLTEXT INDEX entitySearchKeys IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchKeys] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
  // Claim search goes through the words of the evidence, so a claim's text can stay short. Only
  // evidence spans (label Evidence): among all mentions, names (short spans, which rank first)
  // crowd the claims' evidence out of a search's best hits.
  "DROP INDEX mentionText IF EXISTS",
  "CREATE FULLTEXT INDEX evidenceText IF NOT EXISTS FOR (n:Evidence) ON EACH [n.exact] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  // Claims were searched through their joined text, which grew with every source citing them.
  "DROP INDEX claimText IF EXISTS",
  "CREATE FULLTEXT INDEX quoteText IF NOT EXISTS FOR (n:Quote) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  "CREATE FULLTEXT INDEX entityNamesAr IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameAr] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  "CREATE FULLTEXT INDEX entityNamesEn IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameEn, n.glossEn] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
];
