/**
 * A source's spans as properly nested marks over its text, for the reading view. Spans may nest (a
 * country inside an organisation's name, a name inside a claim's evidence) and may cross; the text
 * is cut at every span boundary and each piece is wrapped in the spans that cover it, outermost
 * first (the longer span outside). A span that crosses another is split into pieces, each a mark of
 * its own with its own offsets. Offsets are code points, end exclusive, as in Source.text.
 */

export interface Span {
  start: number;
  end: number;
}

/** A mark over code points [start, end) of the text, for span `span`; its children in text order. */
export interface MarkNode<S extends Span> {
  span: S;
  start: number;
  end: number;
  children: TextNode<S>[];
}

export type TextNode<S extends Span> = string | MarkNode<S>;

/** Longer first, so that a span encloses the spans it contains; ties in input order. */
function outerFirst<S extends Span>(a: { span: S; index: number }, b: { span: S; index: number }): number {
  return b.span.end - a.span.end || a.span.start - b.span.start || a.index - b.index;
}

/** The text as a tree of marks; spans outside the text or empty are left out. */
export function nestMarks<S extends Span>(text: string, spans: readonly S[]): TextNode<S>[] {
  const chars = Array.from(text);
  const valid = spans.map((span, index) => ({ span, index })).filter(({ span }) => span.start >= 0 && span.end <= chars.length && span.start < span.end);
  const cuts = [...new Set([0, chars.length, ...valid.flatMap(({ span }) => [span.start, span.end])])].sort((a, b) => a - b);

  const root: TextNode<S>[] = [];
  // The open marks, outermost first, with the span entry each belongs to.
  const open: { entry: (typeof valid)[number]; node: MarkNode<S> }[] = [];
  const childrenOfTop = () => open.at(-1)?.node.children ?? root;

  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const covering = valid.filter(({ span }) => span.start <= from && span.end >= to);
    const covered = new Set(covering);
    // Close from the innermost down to the first open mark that no longer covers this piece;
    // those above it that still cover it are reopened below as new pieces.
    const firstGone = open.findIndex(({ entry }) => !covered.has(entry));
    if (firstGone >= 0) open.splice(firstGone);
    const stillOpen = new Set(open.map(({ entry }) => entry));
    for (const entry of covering.filter((e) => !stillOpen.has(e)).sort(outerFirst)) {
      const node: MarkNode<S> = { span: entry.span, start: from, end: from, children: [] };
      childrenOfTop().push(node);
      open.push({ entry, node });
    }
    childrenOfTop().push(chars.slice(from, to).join(""));
    for (const { node } of open) node.end = to;
  }
  return root;
}

/** The text under a node, as the page shows it. */
export function textOf<S extends Span>(nodes: readonly TextNode<S>[]): string {
  return nodes.map((n) => (typeof n === "string" ? n : textOf(n.children))).join("");
}

/**
 * Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): invisible, and
 * able to reorder what follows them. The page shows each one as a visible, isolated mark, where it
 * reorders nothing. Marks (LRM, RLM, ALM) are left alone: Arabic text uses them and they have no scope.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** A string cut into plain runs and single bidi controls, in order. */
export function splitBidiControls(text: string): { text: string; control: boolean }[] {
  return text
    .split(/([\u202A-\u202E\u2066-\u2069])/u)
    .filter((part) => part !== "")
    .map((part) => ({ text: part, control: BIDI_CONTROL.test(part) }));
}

/** "U+202E". */
export const codePointLabel = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
