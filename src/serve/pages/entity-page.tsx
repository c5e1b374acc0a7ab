import { Ar, ClaimCard, Document, EntityFacts, EntityName, entityHref, QueryLink, QuoteCard, sourceHref } from "./parts.js";
import type { EntityPageData, PredicateGroup, PredicatePage } from "./read.js";

/**
 * An entity's page (GET /entities/:id): its names in both languages, Wikidata link, its claims
 * grouped by predicate (a page of each, with a link to the next), its quotes and a timeline of its
 * dated claims, each with the words it rests on, linked to the reading view at those words.
 */

const ROLE_HEADING = { subject: "as subject", object: "as object" } as const;

const moreHref = (id: string, group: PredicateGroup) =>
  `${entityHref(id)}?role=${group.role}&predicate=${encodeURIComponent(group.predicate)}&after=${encodeURIComponent(group.claims.at(-1)?.id ?? "")}`;

function Group({ entityId, group }: { entityId: string; group: PredicateGroup }) {
  return (
    <section class="predicate" data-role={group.role} data-predicate={group.predicate}>
      <h3>
        <code>{group.predicate}</code> <small>{ROLE_HEADING[group.role]}</small>
      </h3>
      {group.claims.map((c) => (
        <ClaimCard key={c.id} claim={c} evidence={c.evidence} />
      ))}
      {group.more ? (
        <p class="more">
          <a href={moreHref(entityId, group)}>more {group.predicate} claims</a>
        </p>
      ) : null}
    </section>
  );
}

export function EntityPage({ data, page }: { data: EntityPageData; page?: PredicatePage }) {
  const { entity } = data;
  return (
    <Document title={`${entity.nameEn} · sanad`}>
      <header class="page-header">
        <p class="crumbs">
          <a href="/">sanad</a> · entity <code>{entity.id}</code>
          {page ? (
            <>
              {" · "}
              <a href={entityHref(entity.id)}>whole page</a>
            </>
          ) : null}
        </p>
        <h1 class={`t-${entity.type}`}>
          <bdi>{entity.nameEn}</bdi>
          {" · "}
          <Ar>{entity.nameAr}</Ar>
        </h1>
        <p class="meta">
          <EntityFacts entity={entity} />
          {` · ${data.claimCount} claims, ${data.quoteCount} quotes`}
        </p>
        <dl class="facts">
          {entity.aliases.length > 0 ? (
            <>
              <dt>Also written</dt>
              <dd>
                {entity.aliases.map((a, i) => (
                  <span key={a}>
                    {i > 0 ? " · " : ""}
                    <bdi>{a}</bdi>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
          {entity.role || entity.rank ? (
            <>
              <dt>Role</dt>
              <dd>{[entity.rank, entity.role].filter(Boolean).join(", ")}</dd>
            </>
          ) : null}
          {entity.glossEn ? (
            <>
              <dt>Gloss</dt>
              <dd>{entity.glossEn}</dd>
            </>
          ) : null}
          {data.partOf ? (
            <>
              <dt>Part of</dt>
              <dd>
                <EntityName entity={data.partOf} />
              </dd>
            </>
          ) : null}
        </dl>
        <QueryLink kind="entities" id={entity.id} />
      </header>
      <div class="entity-page">
        <section id="claims">
          <h2>Claims{page ? ` (${page.predicate}, ${ROLE_HEADING[page.role]})` : ""}</h2>
          {data.groups.length === 0 ? <p>No claims{page ? " after this one" : ""}.</p> : null}
          {data.groups.map((g) => (
            <Group key={`${g.role}:${g.predicate}`} entityId={entity.id} group={g} />
          ))}
        </section>
        {page ? null : (
          <aside>
            <section id="timeline">
              <h2>Timeline</h2>
              {data.timeline.length === 0 ? <p>No dated claims.</p> : null}
              <ol class="timeline">
                {data.timeline.map((c) => {
                  const first = c.evidence[0];
                  return (
                    <li key={c.id} data-date={c.dateSort}>
                      <time>{c.date}</time> <code class="predicate">{c.predicate}</code>{" "}
                      <EntityName entity={c.subject.id === entity.id ? (c.object ?? c.subject) : c.subject} />
                      {first ? (
                        <>
                          {" "}
                          <a class="snippet" href={sourceHref(first.sourceId, first)}>
                            read
                          </a>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </section>
            <section id="quotes">
              <h2>Quotes ({data.quoteCount})</h2>
              {data.quotes.map((q) => (
                <QuoteCard key={q.id} quote={q} evidence={q.evidence} />
              ))}
              {data.moreQuotes ? (
                <p class="more">More in GraphQL: quotesPage(first: 20, after: "{data.quotes.at(-1)?.id}")</p>
              ) : null}
            </section>
          </aside>
        )}
      </div>
    </Document>
  );
}
