export { cpLength, hasAstral, lineAt, sliceCp, toCodePoint, toUtf16 } from "./offsets.js";
export { locateEvidence, type EvidenceMatch, type EvidenceResult, type EvidenceWhere } from "./locate.js";
export { canonicalJson, claimId, CONTEXT_CHARS, mentionId, sha256Hex, spanOf, type ClaimKey, type SpanText } from "./ids.js";
export { resolveFacts, type Locator, type ResolvedEvidence, type ResolvedFact } from "./facts.js";
