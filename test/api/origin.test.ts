import { describe, expect, it } from "vitest";
import { query, useTestApi } from "./support.js";

/** Where a claim comes from, over HTTP against a real Neo4j holding the seeded graph. */

const api = useTestApi();

interface ClaimRow {
  id: string;
  predicate: string;
  origin: string;
  extractor: string | null;
  confidence: number | null;
  subject: { id: string };
  object: { id: string } | null;
}
const FIELDS = "id predicate origin extractor confidence subject { id } object { id }";

describe("claim origin and confidence", () => {
  it("filters claims by origin, and keeps a curated fact that the frames also found curated, with their confidence", async () => {
    const extracted = await query<{ claims: ClaimRow[] }>(api.url, `{ claims(where: { origin: { eq: extracted } }, limit: 100) { ${FIELDS} } }`);
    expect(extracted.claims.length).toBeGreaterThan(0);
    for (const c of extracted.claims) {
      expect(c.extractor).toMatch(/^sanad-frames\//u);
      expect(c.confidence).toBeGreaterThan(0);
    }
    // The seed article names White's command after his name; nobody curated that.
    expect(extracted.claims.map((c) => `${c.predicate} ${c.subject.id} ${c.object?.id}`)).toContain("roleOf robert-white cjtf-oir");

    const both = await query<{ claims: ClaimRow[] }>(
      api.url,
      `{ claims(where: { origin: { eq: curated }, extractor: { eq: "sanad-frames/1" } }, limit: 100) { ${FIELDS} } }`,
    );
    // "قطر هي عضو مؤسس في التحالف الدولي": curated, and found again by the memberOf frame.
    expect(both.claims.map((c) => `${c.predicate} ${c.subject.id} ${c.object?.id}`)).toContain("memberOf qatar global-coalition");

    const confident = await query<{ claims: ClaimRow[] }>(api.url, `{ claims(where: { confidence: { gte: 0.7 } }, limit: 100) { ${FIELDS} } }`);
    for (const c of confident.claims) expect(c.confidence).toBeGreaterThanOrEqual(0.7);
    expect(confident.claims.length).toBeLessThan(extracted.claims.length + both.claims.length);
  });
});
