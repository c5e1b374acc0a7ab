/** Segmentation of one source text. All offsets index ParsedSource.text, end exclusive. */

export type BlockKind = "headline" | "heading" | "paragraph" | "boilerplate";

/** A headline, section heading, paragraph or piece of page chrome; trimmed of surrounding whitespace. */
export interface Block {
  index: number;
  kind: BlockKind;
  start: number;
  end: number;
}

export type SentenceKind = "headline" | "heading" | "body";

/** A sentence of a non-boilerplate block; text === ParsedSource.text.slice(start, end). */
export interface Sentence {
  index: number;
  blockIndex: number;
  kind: SentenceKind;
  start: number;
  end: number;
  text: string;
}

export interface ParsedSource {
  sourceId: string;
  text: string;
  blocks: Block[];
  sentences: Sentence[];
}
