import { readFile, stat } from "node:fs/promises";
import { InputError, problemAt, type Position } from "../../model/problem.js";
import { sha256Hex } from "../../model/ids.js";

/**
 * Largest article accepted, in bytes on disk: 2 MiB is some 300 pages of Arabic news text, far above
 * any article, and keeps a mistaken input (a PDF, a dump) from being read and indexed whole.
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface ArticleText {
  file: string;
  /** The stored text: UTF-8 decoded, BOM removed, line endings as in the file (offsets point into it). */
  text: string;
  /** sha256 of `text` as UTF-8 (so without the BOM). */
  sha256: string;
  /** Whether the file began with a UTF-8 byte-order mark (it is not part of `text`). */
  bom: boolean;
  /** Size of the file in bytes. */
  bytes: number;
}

export interface ArticleOptions {
  maxBytes?: number;
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Byte offset of the first byte that is not well-formed UTF-8 (overlongs, surrogates and values
 * above U+10FFFF included), or -1. TextDecoder's fatal mode says only that there is one.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset, counting only the valid text before it. */
function positionOfByte(bytes: Uint8Array, offset: number, start: number): Position {
  const before = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(start, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: Array.from(lines[lines.length - 1]!).length + 1 };
}

function fail(file: string, reason: string, pos?: Position): never {
  throw new InputError([problemAt("read:article", file, pos, reason)]);
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
}

function tooBig(file: string, size: number, maxBytes: number): never {
  fail(file, `article is ${size} bytes (${mib(size)}), above the limit of ${maxBytes} bytes (${mib(maxBytes)})`);
}

/**
 * Decodes the bytes of an article; pure. Rejects empty, oversize, binary (NUL bytes) and non-UTF-8
 * input with an InputError that names the file (and line and column where a byte is to blame).
 * Accepts and strips a UTF-8 BOM; keeps "\r\n" as it is, because offsets index the stored text.
 */
export function decodeArticle(bytes: Uint8Array, file: string, options: ArticleOptions = {}): ArticleText {
  const maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
  if (bytes.length > maxBytes) tooBig(file, bytes.length, maxBytes);
  const bom = BOM.every((b, k) => bytes[k] === b);
  const start = bom ? BOM.length : 0;
  const nul = bytes.indexOf(0, start);
  if (nul !== -1) {
    fail(file, `binary file: NUL byte at byte offset ${nul}; an article must be UTF-8 text`, positionOfByte(bytes, nul, start));
  }
  const bad = firstInvalidUtf8(bytes.subarray(start));
  if (bad !== -1) {
    const at = start + bad;
    fail(
      file,
      `not UTF-8: invalid byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at byte offset ${at}; save the article as UTF-8`,
      positionOfByte(bytes, at, start),
    );
  }
  // Belt and braces: the scan above and the standard decoder must agree that this is UTF-8.
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    fail(file, "not UTF-8; save the article as UTF-8");
  }
  if (text.trim() === "") fail(file, bytes.length === 0 ? "article file is empty" : "article has no text (only whitespace)");
  return { file, text, sha256: sha256Hex(text), bom, bytes: bytes.length };
}

/** Reads and decodes an article file; the size is checked before reading so a huge file is never loaded. */
export async function readArticle(path: string, options: ArticleOptions = {}): Promise<ArticleText> {
  const maxBytes = options.maxBytes ?? MAX_ARTICLE_BYTES;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    fail(path, `cannot read article: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (size > maxBytes) tooBig(path, size, maxBytes);
  return decodeArticle(await readFile(path), path, { maxBytes });
}
