import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Many small, distinct articles for load and crash tests: the seed article's kinds of sentences
 * (names from seed/gazetteer.yaml, quotes with and without a known speaker, counts, dates), each
 * carrying its index so that no two texts, and so no two source ids, are the same.
 */

const PLACES = ["الرقة", "الموصل", "الرمادي", "الفلوجة"];
const STRANGERS = ["خالد منصور", "يوسف حداد", "سامي حمدان", "مازن يعقوب", "نبيل داود"];
const MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

export function syntheticArticle(i: number): string {
  const place = PLACES[i % PLACES.length]!;
  const stranger = STRANGERS[i % STRANGERS.length]!;
  const month = MONTHS[i % MONTHS.length]!;
  return [
    `التحالف الدولي يواصل دعم الشركاء في ${place} (تقرير رقم ${i})`,
    `أكد مسؤول في التحالف الدولي لمكافحة تنظيم داعش أن قطر شريك أساسي، وأن التعاون مع الولايات المتحدة مستمر منذ ${month} ${2015 + (i % 6)}.`,
    `وقال الجنرال روبرت وايت إن قوات الأمن العراقية نفذت ${10 + (i % 90)} عملية في محيط ${place} خلال التقرير رقم ${i}، وإن قوات سوريا الديمقراطية تواصل الضغط على التنظيم.`,
    `وأضاف أن التحالف الدولي المكون من 82 عضوا سيستمر في العمل يدا واحدة.`,
    `وقال السفير ${stranger} إن الشراكة مع قطر تبقى ركيزة للأمن في المنطقة، وإن العراق وسوريا يحتاجان إلى دعم طويل (${i}).`,
    `وقال العقيد مايلز بي. كاجينز الثالث إن التحالف درب أكثر من ${1000 + i} مقاتل في العراق.`,
  ].join("\n") + "\n";
}

/** Writes articles 0..count-1 as article-<i>.txt (no meta file: ids come from their text) and returns the paths. */
export async function writeSyntheticArticles(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => join(dir, `article-${String(i).padStart(4, "0")}.txt`));
  await Promise.all(files.map((f, i) => writeFile(f, syntheticArticle(i))));
  return files;
}
