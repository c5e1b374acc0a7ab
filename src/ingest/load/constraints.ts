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
  "CREATE FULLTEXT INDEX quoteText IF NOT EXISTS FOR (n:Quote) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  "CREATE FULLTEXT INDEX claimText IF NOT EXISTS FOR (n:Claim) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  "CREATE FULLTEXT INDEX entityNamesAr IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameAr] OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
  "CREATE FULLTEXT INDEX entityNamesEn IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameEn, n.glossEn] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
];
