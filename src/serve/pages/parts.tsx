import type { ComponentChildren } from "preact";
import { annotationUrl } from "../annotation/index.js";
import type { ClaimSummary, EntityRef, EvidenceLink, QuoteSummary } from "./read.js";

/**
 * What both pages are made of: the document around them, links between them, and the cards of an
 * entity, a claim and a quote. Components only: preact-render-to-string escapes every text and
 * attribute, so text from the graph is never markup.
 */

export const ASSETS_PATH = "/assets/pages";
export const FONT_PATH = "/assets/fonts/noto-naskh-arabic";

export const entityHref = (id: string) => `/entities/${encodeURIComponent(id)}`;
/** The reading view of a source, at words [start, end) in the RFC 5147 fragment form. */
export const sourceHref = (id: string, span?: { start: number; end: number }) =>
  `/sources/${encodeURIComponent(id)}${span ? `#char=${span.start},${span.end}` : ""}`;
/** GraphiQL (GET /) opened on this query. */
export const graphiqlHref = (query: string) => `/?query=${encodeURIComponent(query)}`;

// GraphQL string literals: JSON's escaping is GraphQL's for these ids.
export const claimQuery = (id: string) =>
  `{ claims(where: { id: { eq: ${JSON.stringify(id)} } }) { predicate origin confidence date subject { nameEn } object { nameEn } evidencePage(first: 20) { nodes { sourceId start end exact } } annotationUrl } }`;
export const quoteQuery = (id: string) =>
  `{ quotes(where: { id: { eq: ${JSON.stringify(id)} } }) { verb text speaker { nameAr } evidence { sourceId start end exact } annotationUrl } }`;
export const entityQuery = (id: string) =>
  `{ entity(id: ${JSON.stringify(id)}) { type nameAr nameEn status wikidata claimsAsSubjectPage(first: 20) { nodes { predicate object { nameEn } } pageInfo { hasNextPage endCursor } } quotesPage(first: 20) { nodes { verb text } pageInfo { hasNextPage endCursor } } } }`;

export function Document({ title, lang = "en", children }: { title: string; lang?: string; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`${FONT_PATH}/400.css`} />
        <link rel="stylesheet" href={`${FONT_PATH}/700.css`} />
        <link rel="stylesheet" href={`${ASSETS_PATH}/pages.css`} />
        <script defer src={`${ASSETS_PATH}/reading.js`} />
      </head>
      <body>{children}</body>
    </html>
  );
}

/** Arabic inside an English page, isolated so that its direction never reorders what surrounds it. */
export const Ar = ({ children }: { children: ComponentChildren }) => (
  <bdi lang="ar" dir="rtl">
    {children}
  </bdi>
);

export function EntityName({ entity }: { entity: EntityRef }) {
  return (
    <a href={entityHref(entity.id)} class={`entity-link t-${entity.type} s-${entity.status}`}>
      <bdi>{entity.nameEn}</bdi> · <Ar>{entity.nameAr}</Ar>
    </a>
  );
}

export function Status({ status }: { status: EntityRef["status"] }) {
  return <span class={`badge s-${status}`}>{status}</span>;
}

export function Origin({ claim }: { claim: Pick<ClaimSummary, "origin" | "confidence" | "extractor"> }) {
  const extra = [claim.confidence !== undefined ? `confidence ${claim.confidence.toFixed(2)}` : undefined, claim.extractor].filter(Boolean).join(" · ");
  return (
    <span class={`badge o-${claim.origin}`} title={extra || undefined}>
      {claim.origin}
      {extra ? ` · ${extra}` : ""}
    </span>
  );
}

/** The GraphQL query a card offers, opened in GraphiQL through a short link (GET /query/:kind/:id). */
export const QUERIES = { claims: claimQuery, quotes: quoteQuery, entities: entityQuery } as const;
export type QueryKind = keyof typeof QUERIES;
export const queryHref = (kind: QueryKind, id: string) => `/query/${kind}/${encodeURIComponent(id)}`;

export function QueryLink({ kind, id }: { kind: QueryKind; id: string }) {
  return (
    <a class="query" href={queryHref(kind, id)}>
      GraphQL
    </a>
  );
}

/** Type, status and the Wikidata link where confirmed. */
export function EntityFacts({ entity }: { entity: EntityRef }) {
  return (
    <>
      <span class={`badge type t-${entity.type}`}>{entity.type}</span> <Status status={entity.status} />
      {entity.wikidata ? (
        <>
          {" "}
          <a class="wikidata" rel="external noopener" href={`https://www.wikidata.org/wiki/${encodeURIComponent(entity.wikidata)}`}>
            Wikidata {entity.wikidata}
          </a>
        </>
      ) : null}
    </>
  );
}

export function EntityCard({ entity, id }: { entity: EntityRef; id?: string }) {
  return (
    <article class={`card entity t-${entity.type} s-${entity.status}`} id={id} data-entity={entity.id}>
      <h3>
        <EntityName entity={entity} />
      </h3>
      <p class="meta">
        <EntityFacts entity={entity} />
      </p>
      <QueryLink kind="entities" id={entity.id} />
    </article>
  );
}

/** What a claim says: subject, predicate, object or value, date and modality, entities linked. */
export function ClaimStatement({ claim }: { claim: ClaimSummary }) {
  const bound = claim.valueBound && claim.valueBound !== "exact" ? `${claim.valueBound} ` : "";
  const quantity = claim.valueQuantity !== undefined ? `${bound}${claim.valueQuantity} ${claim.valueUnit ?? ""}`.trim() : undefined;
  const value = claim.valueText ?? claim.valueDate ?? quantity;
  return (
    <span class="statement">
      <EntityName entity={claim.subject} /> <code class="predicate">{claim.predicate}</code>{" "}
      {claim.object ? <EntityName entity={claim.object} /> : null}
      {value !== undefined ? <bdi class="value">{value}</bdi> : null}
      {claim.date ? <span class="date"> ({claim.date})</span> : null}
      {claim.modality !== "asserted" ? <span class="badge modality"> {claim.modality}</span> : null}
    </span>
  );
}

/** At most `max` code points of `text`, an ellipsis marking the cut; the reading view has the whole text beside its cards. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}…`;
}

const CLIP_IN_SOURCE = 90;

export function EvidenceList({ evidence, inSource }: { evidence: readonly EvidenceLink[]; inSource?: string }) {
  return (
    <ul class="evidence">
      {evidence.map((e) => (
        <li key={`${e.sourceId}:${e.start}`}>
          <a href={e.sourceId === inSource ? `#char=${e.start},${e.end}` : sourceHref(e.sourceId, e)} class="snippet">
            <Ar>{e.sourceId === inSource ? clip(e.exact, CLIP_IN_SOURCE) : e.exact}</Ar>
          </a>
          {e.sourceId === inSource ? null : (
            <span class="source">
              {" "}
              — <Ar>{e.sourceTitle}</Ar>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ClaimCard({ claim, evidence, id, inSource }: { claim: ClaimSummary; evidence: readonly EvidenceLink[]; id?: string; inSource?: string }) {
  return (
    <article class={`card claim o-${claim.origin}`} id={id} data-claim={claim.id}>
      <p>
        <ClaimStatement claim={claim} />
      </p>
      <p class="meta">
        <Origin claim={claim} /> <a href={annotationUrl("", "claims", claim.id)}>Web Annotation</a>
      </p>
      <EvidenceList evidence={evidence} inSource={inSource} />
      <QueryLink kind="claims" id={claim.id} />
    </article>
  );
}

export function QuoteCard({ quote, evidence, id, inSource }: { quote: QuoteSummary; evidence: readonly EvidenceLink[]; id?: string; inSource?: string }) {
  return (
    <article class="card quote" id={id} data-quote={quote.id}>
      <p>
        <EntityName entity={quote.speaker} /> <Ar>{quote.verb}</Ar>
        {quote.implicitVerb ? <span class="badge"> verb implied</span> : null}
        {quote.setting ? (
          <>
            {" "}
            at <EntityName entity={quote.setting} />
          </>
        ) : null}
        {quote.outlet ? (
          <>
            {" "}
            to <EntityName entity={quote.outlet} />
          </>
        ) : null}
      </p>
      <blockquote lang="ar" dir="rtl">
        {inSource ? clip(quote.text, 2 * CLIP_IN_SOURCE) : quote.text}
      </blockquote>
      <p class="meta">
        <a href={annotationUrl("", "quotes", quote.id)}>Web Annotation</a>
      </p>
      <EvidenceList evidence={evidence} inSource={inSource} />
      <QueryLink kind="quotes" id={quote.id} />
    </article>
  );
}
