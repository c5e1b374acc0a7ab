import { EntityType } from "../../model/seed-files.js";
import { codePointLabel, nestMarks, splitBidiControls, type TextNode } from "./marks.js";
import { ClaimCard, Document, EntityCard, QuoteCard, sourceHref } from "./parts.js";
import type { ClaimSummary, EntityRef, EvidenceLink, MarkedSpan, QuoteSummary, Reading } from "./read.js";

/**
 * The reading view of a source (GET /sources/:id as HTML): the text right to left, every span a
 * <mark> (nested where spans nest) carrying its offsets and what it is for, and beside it the
 * entities, claims and quotes of the source as cards. Without JavaScript the page is the text and
 * every card; reading.js adds selection (a mark shows the cards it supports) and #char=a,b.
 */

interface Lookup {
  entities: Map<string, EntityRef>;
  claims: Map<string, ClaimSummary>;
  quotes: Map<string, QuoteSummary>;
}

/** The mark's classes: entity type and status, evidence of claims (by origin) or quotes. */
function markClass(span: MarkedSpan, lookup: Lookup): string {
  const entity = span.entityId ? lookup.entities.get(span.entityId) : undefined;
  const origins = new Set(span.claimIds.map((id) => lookup.claims.get(id)?.origin));
  return [
    entity ? `ent t-${entity.type} s-${entity.status}` : "",
    span.claimIds.length > 0 ? "ev-claim" : "",
    origins.has("extracted") ? "o-extracted" : origins.has("curated") ? "o-curated" : "",
    span.quoteIds.length > 0 ? "ev-quote" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function markTitle(span: MarkedSpan, lookup: Lookup): string {
  const entity = span.entityId ? lookup.entities.get(span.entityId) : undefined;
  const parts = [
    entity ? `${entity.nameEn} (${entity.type}, ${entity.status})` : "",
    span.claimIds.length > 0 ? `evidence of ${span.claimIds.length} claim${span.claimIds.length > 1 ? "s" : ""}` : "",
    span.quoteIds.length > 0 ? "a quote" : "",
  ];
  return parts.filter(Boolean).join("; ");
}

function Plain({ text }: { text: string }) {
  return (
    <>
      {splitBidiControls(text).map((part, i) =>
        part.control ? (
          <span key={i} class="bidi-control" data-cp={codePointLabel(part.text)}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function Marked({ nodes, lookup }: { nodes: readonly TextNode<MarkedSpan>[]; lookup: Lookup }) {
  return (
    <>
      {nodes.map((node, i) =>
        typeof node === "string" ? (
          <Plain key={i} text={node} />
        ) : (
          <mark
            key={i}
            class={markClass(node.span, lookup)}
            title={markTitle(node.span, lookup)}
            tabIndex={0}
            data-span={node.span.id}
            data-start={node.start}
            data-end={node.end}
            data-entity={node.span.entityId}
            data-claims={node.span.claimIds.join(" ") || undefined}
            data-quotes={node.span.quoteIds.join(" ") || undefined}
          >
            <Marked nodes={node.children} lookup={lookup} />
          </mark>
        ),
      )}
    </>
  );
}

function Legend() {
  return (
    <details class="legend" open>
      <summary>Legend</summary>
      <p>
        {EntityType.options.map((t) => (
          <span key={t} class={`swatch ent t-${t}`}>
            {t}
          </span>
        ))}
      </p>
      <p>
        <span class="swatch ent t-Country s-curated">curated entity</span> <span class="swatch ent t-Country s-reference">reference data</span>{" "}
        <span class="swatch ent t-Country s-candidate">candidate (unreviewed)</span>
      </p>
      <p>
        <span class="swatch ev-claim o-curated">curated claim evidence</span> <span class="swatch ev-claim o-extracted">extracted claim evidence</span>{" "}
        <span class="swatch ev-quote">quote</span>
      </p>
    </details>
  );
}

/** The spans of each claim or quote in this source, in text order. */
function evidenceIn(reading: Reading, key: "claimIds" | "quoteIds"): Map<string, EvidenceLink[]> {
  const chars = Array.from(reading.source.text);
  const byId = new Map<string, EvidenceLink[]>();
  for (const span of reading.spans) {
    for (const id of span[key]) {
      const list = byId.get(id) ?? [];
      list.push({ sourceId: reading.source.id, sourceTitle: reading.source.title, start: span.start, end: span.end, exact: chars.slice(span.start, span.end).join("") });
      byId.set(id, list);
    }
  }
  return byId;
}

const firstAt = (evidence: Map<string, EvidenceLink[]>) => (id: string) => evidence.get(id)?.[0]?.start ?? Number.MAX_SAFE_INTEGER;

export function SourcePage({ reading }: { reading: Reading }) {
  const { source } = reading;
  const lookup: Lookup = {
    entities: new Map(reading.entities.map((e) => [e.id, e])),
    claims: new Map(reading.claims.map((c) => [c.id, c])),
    quotes: new Map(reading.quotes.map((q) => [q.id, q])),
  };
  const claimEvidence = evidenceIn(reading, "claimIds");
  const quoteEvidence = evidenceIn(reading, "quoteIds");
  const claimAt = firstAt(claimEvidence);
  const quoteAt = firstAt(quoteEvidence);
  const claims = [...reading.claims].sort((a, b) => claimAt(a.id) - claimAt(b.id) || a.id.localeCompare(b.id));
  const quotes = [...reading.quotes].sort((a, b) => quoteAt(a.id) - quoteAt(b.id) || a.id.localeCompare(b.id));
  const entities = [...reading.entities].sort((a, b) => a.type.localeCompare(b.type) || a.nameEn.localeCompare(b.nameEn));
  return (
    <Document title={`${source.title} · sanad`}>
      <header class="page-header">
        <p class="crumbs">
          <a href="/">sanad</a> · source <code>{source.id}</code> · <a href={sourceHref(source.id) + "?format=text"}>plain text</a>
        </p>
        <h1 lang={source.language} dir="auto">
          {source.title}
        </h1>
        <p class="meta">
          {source.publisher}
          {source.published ? ` · ${source.published}` : ""}
          {source.url ? (
            <>
              {" · "}
              <a rel="external noopener" href={source.url}>
                original
              </a>
            </>
          ) : null}
          {` · ${reading.spans.length} spans, ${reading.claims.length} claims, ${reading.quotes.length} quotes`}
        </p>
      </header>
      <div class="reading">
        <article id="text" class="source-text" lang={source.language} dir={source.language === "ar" ? "rtl" : "auto"} data-source={source.id}>
          <Marked nodes={nestMarks(source.text, reading.spans)} lookup={lookup} />
        </article>
        <aside id="panel">
          <div id="selection" hidden>
            <p>
              <span id="selection-label">Selected</span> <button type="button" id="show-all">show everything</button>
            </p>
          </div>
          <Legend />
          <section id="claims">
            <h2>Claims ({claims.length})</h2>
            {claims.map((c) => (
              <ClaimCard key={c.id} claim={c} evidence={claimEvidence.get(c.id) ?? []} id={`claim:${c.id}`} inSource={source.id} />
            ))}
          </section>
          <section id="quotes">
            <h2>Quotes ({quotes.length})</h2>
            {quotes.map((q) => (
              <QuoteCard key={q.id} quote={q} evidence={quoteEvidence.get(q.id) ?? []} id={`quote:${q.id}`} inSource={source.id} />
            ))}
          </section>
          <section id="entities">
            <h2>Entities ({entities.length})</h2>
            {entities.map((e) => (
              <EntityCard key={e.id} entity={e} id={`entity:${e.id}`} />
            ))}
          </section>
        </aside>
      </div>
    </Document>
  );
}
