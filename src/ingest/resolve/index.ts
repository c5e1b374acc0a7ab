export { locateEvidence, type EvidenceMatch, type EvidenceResult, type EvidenceWhere } from "./locate.js";
export { resolveFacts, type Locator, type ResolvedEvidence, type ResolvedFact } from "./facts.js";
// They live in src/model/; build.ts and the benchmarks import them from here.
export { claimId, mentionId, sha256Hex, spanOf } from "../../model/ids.js";
export { toCodePoint } from "../../model/offsets.js";
