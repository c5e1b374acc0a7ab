import { type Folded, fold, isWordChar, normalizeForMatch, originalSpan } from "./arabic.js";
import { ARTICLE, CONJUNCTIONS, PREPOSITIONS } from "./clitics.js";

/**
 * Clitic-aware name matching. Arabic writes conjunctions, prepositions and the article onto the
 * word: قطر / لقطر / وقطر, الولايات المتحدة / والولايات المتحدة. A name form matches a whole word
 * preceded by optional proclitics: a conjunction (و ف), then a preposition (ب ك ل), then, for a
 * form without the article, optionally the article ال. Only the first word of a multi-word form
 * takes proclitics.
 *
 * Span rule (what Mention.exact reads):
 * - conjunctions and prepositions are left out of the span: "لقطر" → "قطر",
 *   "والولايات المتحدة" → "الولايات المتحدة"; the article is part of the name as written and stays in;
 * - ل before the article fuses with it and drops its alef (ل + التحالف → للتحالف). The name then
 *   cannot be cut out of the word without reading "لتحالف", so the span keeps the preposition:
 *   "للتحالف" → "للتحالف" (and "وللتحالف" → "للتحالف").
 *
 * Longest match wins; a shorter match overlapping it is dropped ("وزارة الدفاع الأمريكية" beats
 * "الأمريكية"). Between equally long matches of different entities the form listed first wins.
 */

export interface NameForm {
  entityId: string;
  form: string;
  /** A generic noun or role that refers to the entity only in context (GazetteerEntry.descriptions). */
  descriptive?: boolean;
}

export interface NameMatch {
  entityId: string;
  /** Span of the name in the original text, by the span rule above. */
  start: number;
  end: number;
  /** Matched through a descriptive form. */
  descriptive?: true;
  /** Inside a longer name of another entity (MatchOptions.nested). */
  nested?: true;
}

interface CompiledForm {
  entityId: string;
  descriptive: boolean;
  /** The folded form without a leading article. */
  core: string;
  hasArticle: boolean;
  order: number;
}

export interface NameMatcher {
  /** Compiled forms by the first word of their core. */
  readonly byFirstWord: ReadonlyMap<string, readonly CompiledForm[]>;
}

function wordAt(t: string, i: number): string {
  let j = i;
  while (j < t.length && isWordChar(t[j])) j++;
  return t.slice(i, j);
}

export function compileNames(forms: readonly NameForm[]): NameMatcher {
  const byFirstWord = new Map<string, CompiledForm[]>();
  const seen = new Set<string>();
  forms.forEach(({ entityId, form, descriptive = false }, order) => {
    const folded = fold(form);
    if (!isWordChar(folded[0])) return;
    const hasArticle = folded.startsWith(ARTICLE) && isWordChar(folded[2]);
    const core = hasArticle ? folded.slice(ARTICLE.length) : folded;
    const key = `${entityId}\u0000${folded}`;
    if (seen.has(key)) return;
    seen.add(key);
    const first = wordAt(core, 0);
    const list = byFirstWord.get(first) ?? [];
    list.push({ entityId, descriptive, core, hasArticle, order });
    byFirstWord.set(first, list);
  });
  return { byFirstWord };
}

interface Found {
  entityId: string;
  descriptive: boolean;
  fs: number;
  fe: number;
  order: number;
}

export interface MatchOptions {
  /** Which occurrences may be kept at all (a description only where the article names its entity). */
  accept?: (m: { entityId: string; descriptive: boolean }) => boolean;
  /**
   * Also keep names inside a kept name, of other entities ("العراقية" in "قوات الأمن العراقية",
   * "إيران" in "ميليشيات مدعومة من إيران"), one level deep; they come marked `nested`.
   */
  nested?: boolean;
}

/** Every non-overlapping name occurrence in the text (and, if asked, the names nested in them), in text order. */
export function matchNames(input: string | Folded, matcher: NameMatcher, options: MatchOptions = {}): NameMatch[] {
  const f = typeof input === "string" ? normalizeForMatch(input) : input;
  return selectNames(f, findForms(f, matcher), options);
}

/** Every occurrence of every form, before any is chosen: scan once, choose with selectNames as often as needed. */
export interface FormOccurrences {
  readonly found: readonly Found[];
}

export function findForms(f: Folded, matcher: NameMatcher): FormOccurrences {
  return { found: findAll(f.text, matcher) };
}

/** The names matchNames would return, chosen among occurrences found before. */
export function selectNames(f: Folded, occurrences: FormOccurrences, options: MatchOptions = {}): NameMatch[] {
  const accept = options.accept;
  const found = accept ? occurrences.found.filter((m) => accept(m)) : occurrences.found;
  const kept = greedy(found);
  const out = kept.map((m) => ({ m, nested: false }));
  if (options.nested) {
    for (const outer of kept) {
      const inside = found.filter((m) => m.fs >= outer.fs && m.fe <= outer.fe && m.entityId !== outer.entityId && m.fe - m.fs < outer.fe - outer.fs);
      for (const m of greedy(inside)) out.push({ m, nested: true });
    }
  }
  return out
    .sort((a, b) => a.m.fs - b.m.fs || b.m.fe - a.m.fe)
    .map(({ m, nested }) => ({
      entityId: m.entityId,
      ...originalSpan(f, m.fs, m.fe),
      ...(m.descriptive ? { descriptive: true as const } : {}),
      ...(nested ? { nested: true as const } : {}),
    }));
}

/** Longest first, then leftmost, then the form listed first; a match overlapping a kept one is dropped. */
function greedy(sorted: readonly Found[]): Found[] {
  let from = Infinity;
  let to = 0;
  for (const m of sorted) [from, to] = [Math.min(from, m.fs), Math.max(to, m.fe)];
  if (to <= from) return [];
  const taken = new Uint8Array(to - from);
  const kept: Found[] = [];
  for (const m of sorted) {
    let free = true;
    for (let i = m.fs; i < m.fe && free; i++) free = taken[i - from] === 0;
    if (!free) continue;
    taken.fill(1, m.fs - from, m.fe - from);
    kept.push(m);
  }
  return kept;
}

/** Every occurrence of every form, sorted for `greedy`. */
function findAll(t: string, matcher: NameMatcher): Found[] {
  const found: Found[] = [];
  for (let p = 0; p < t.length; p++) {
    if (!isWordChar(t[p]) || isWordChar(t[p - 1])) continue;
    for (const conj of CONJUNCTIONS) {
      for (const prep of PREPOSITIONS) {
        const pre = conj + prep;
        if (!t.startsWith(pre, p)) continue;
        const n = p + pre.length;
        const variants = [{ coreAt: n, spanStart: n, article: false }];
        if (t.startsWith(ARTICLE, n)) variants.push({ coreAt: n + 2, spanStart: n, article: true });
        if (prep === "ل" && t[n] === "ل") variants.push({ coreAt: n + 1, spanStart: n - 1, article: true });
        for (const v of variants) {
          for (const form of matcher.byFirstWord.get(wordAt(t, v.coreAt)) ?? []) {
            // ل + الل… (لجنة) drops both alef and lam of the article: للجنة.
            const lamAssimilated = !v.article && prep === "ل" && form.core.startsWith("ل");
            if (form.hasArticle && !v.article && !lamAssimilated) continue;
            const fe = v.coreAt + form.core.length;
            if (!t.startsWith(form.core, v.coreAt) || isWordChar(t[fe])) continue;
            const fs = form.hasArticle && lamAssimilated ? n - 1 : v.spanStart;
            found.push({ entityId: form.entityId, descriptive: form.descriptive, fs, fe, order: form.order });
          }
        }
      }
    }
  }
  return found.sort((a, b) => b.fe - b.fs - (a.fe - a.fs) || a.fs - b.fs || a.order - b.order);
}
