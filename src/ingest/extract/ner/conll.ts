import type { TaggedSentence } from "./train.js";

/** Sentences of a CoNLL file: `word TAG` a line (the word is the first field, the tag the last), a blank line between sentences. */
export function parseConll(text: string): TaggedSentence[] {
  const sentences: TaggedSentence[] = [];
  let current: TaggedSentence = { words: [], tags: [] };
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) {
      if (current.words.length > 0) sentences.push(current);
      current = { words: [], tags: [] };
      continue;
    }
    current.words.push(fields[0]!);
    current.tags.push(fields[fields.length - 1]!);
  }
  if (current.words.length > 0) sentences.push(current);
  return sentences;
}
