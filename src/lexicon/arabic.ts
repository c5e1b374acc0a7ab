/**
 * Arabic folding for matching. Matching runs on the folded text; every folded character keeps
 * the offset of the original character it came from, so a match maps back to the exact,
 * untouched span of the source.
 */

export interface Folded {
  text: string;
  /**
   * map[i] is the offset in the original of folded character i; map[text.length] is the
   * original length. A folded span [fs, fe) is the original span [map[fs], map[fe]): the end
   * then takes in the harakat and tatweel that follow the last matched letter, which belong to it.
   */
  map: number[];
}

/** Harakat and Quranic marks, superscript alef, tatweel, and invisible format characters (ZWNJ, RLM, BOM, …). */
/** Letters (Arabic and Latin), combining marks and digits make words. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const DROPPED = /[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/;

/** As Lucene's ArabicNormalizer: alef forms → bare alef, alef maqsura → ya, ta marbuta → ha. Persian ya and kaf, which some sites emit, → Arabic ones. */
const LETTER_FOLD: Readonly<Record<string, string>> = {
  "\u0623": "\u0627", // أ
  "\u0625": "\u0627", // إ
  "\u0622": "\u0627", // آ
  "\u0671": "\u0627", // ٱ
  "\u0649": "\u064A", // ى → ي
  "\u0629": "\u0647", // ة → ه
  "\u06CC": "\u064A", // ی → ي
  "\u06A9": "\u0643", // ک → ك
};

/**
 * What the rules here decide for each character of the Latin and Arabic blocks, computed once
 * from those rules: the matcher and the tokenizer ask about every character of every article.
 */
const TABLE_SIZE = 0x0700;
const TABLE_CODES = Array.from({ length: TABLE_SIZE }, (_, code) => String.fromCharCode(code));
const DROPPED_CODE = Uint8Array.from(TABLE_CODES, (c) => (DROPPED.test(c) ? 1 : 0));
const SPACE_CODE = Uint8Array.from(TABLE_CODES, (c) => (/\s/.test(c) ? 1 : 0));
const WORD_CODE = Uint8Array.from(TABLE_CODES, (c) => (WORD_CHAR.test(c) ? 1 : 0));

/** True for characters folding drops (harakat, tatweel, invisible marks): they belong to the letter before them. */
export function isDropped(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < TABLE_SIZE ? DROPPED_CODE[code] === 1 : DROPPED.test(c);
}

function foldCharByRules(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 0x30);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 0x30);
  const letter = LETTER_FOLD[c];
  if (letter !== undefined) return letter;
  const lower = c.toLowerCase();
  // A few letters lower-case to two code units (İ); keeping them one-to-one keeps the map simple.
  return lower.length === 1 ? lower : c;
}

const FOLDED_CODE = TABLE_CODES.map(foldCharByRules);

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  return code < TABLE_SIZE ? FOLDED_CODE[code]! : foldCharByRules(c);
}

export function normalizeForMatch(s: string): Folded {
  const out: string[] = [];
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (isDropped(c)) continue;
    const code = c.charCodeAt(0);
    if (code < TABLE_SIZE ? SPACE_CODE[code] === 1 : /\s/.test(c)) {
      if (!inSpace) {
        out.push(" ");
        map.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    out.push(foldChar(c));
    map.push(i);
  }
  map.push(s.length);
  return { text: out.join(""), map };
}

/** The folded form of a phrase, for comparing against folded text. */
export function fold(s: string): string {
  return normalizeForMatch(s).text.trim();
}

/** The original span of folded span [fs, fe). */
export function originalSpan(f: Folded, fs: number, fe: number): { start: number; end: number } {
  return { start: f.map[fs]!, end: f.map[fe]! };
}

/** Letters (Arabic and Latin), combining marks and digits make words; everything else separates them. */
export function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code < TABLE_SIZE ? WORD_CODE[code] === 1 : WORD_CHAR.test(c);
}
