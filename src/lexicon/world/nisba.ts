/**
 * Nisba adjectives (قطري، سوري، إيطالي) from an Arabic country name, by the regular rule; the
 * irregular ones (أمريكي for الولايات المتحدة, نمساوي for النمسا …) come from the reviewed file.
 */

const ARTICLE = "ال";

/**
 * The masculine indefinite nisba of a one-word name, or undefined where the rule cannot tell
 * (several words, or a final و, whose nisba is irregular: توغولي، بيروفي).
 */
export function nisbaBase(name: string): string | undefined {
  const word = name.trim();
  if (word.length === 0 || /\s/.test(word)) return undefined;
  const stem = word.startsWith(ARTICLE) && word.length > ARTICLE.length + 1 ? word.slice(ARTICLE.length) : word;
  if (stem.endsWith("و")) return undefined;
  // كندا → كندي, السعودية → سعودي, إيطاليا → إيطالي (the ي of يا and ية is the nisba's own).
  const bare = /[اةى]$/.test(stem) ? stem.slice(0, -1) : stem;
  // Already nisba-shaped (مالي، جيبوتي، هايتي): the adjective is the name.
  return bare.endsWith("ي") ? bare : `${bare}ي`;
}

/**
 * The forms news writes of a nisba (given as its masculine indefinite ending in ي, or as two
 * words for compound names: كوري شمالي): masculine and feminine, with and without the article,
 * and the sound masculine plurals.
 */
export function nisbaForms(base: string): string[] {
  const words = base.trim().split(/\s+/);
  const inflect = (suffix: string, article: boolean): string =>
    words.map((w) => `${article ? ARTICLE : ""}${w}${suffix}`).join(" ");
  const forms: string[] = [];
  for (const suffix of ["", "ة", "ين", "ون"]) forms.push(inflect(suffix, false), inflect(suffix, true));
  return forms;
}
