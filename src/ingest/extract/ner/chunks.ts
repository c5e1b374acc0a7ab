/** A chunk of a BIO tag sequence: words [first, end) of one type. */
export interface Chunk {
  first: number;
  end: number;
  type: string;
}

/**
 * Chunks by conlleval's rules: B-X starts a chunk; I-X continues a chunk of type X and starts
 * one after O or after another type; O ends a chunk.
 */
export function conllChunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let open: Chunk | undefined;
  tags.forEach((tag, i) => {
    if (tag === "O" || tag.length < 3) {
      open = undefined;
      return;
    }
    const type = tag.slice(2);
    if (tag.startsWith("I-") && open?.type === type) {
      open.end = i + 1;
      return;
    }
    open = { first: i, end: i + 1, type };
    out.push(open);
  });
  return out;
}
