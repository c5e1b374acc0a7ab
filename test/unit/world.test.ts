import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fold } from "../../src/lexicon/arabic.js";
import { WORLD, WorldEntity, nisbaBase, nisbaForms, surfaceForms, withWorld } from "../../src/lexicon/world/index.js";
import { GeneratedCountries } from "../../src/lexicon/world/schema.js";
import { Gazetteer } from "../../src/model/seed-files.js";
import { GENERATED_PATH, generateWorld } from "../../src/tools/world/generate.js";

const seed = Gazetteer.parse(parse(readFileSync(new URL("../../seed/gazetteer.yaml", import.meta.url), "utf8"))).entities;
const byId = new Map(WORLD.map((e) => [e.id, e]));

describe("world data", () => {
  it("is what the generator writes from the packages, byte for byte", () => {
    const text = readFileSync(GENERATED_PATH, "utf8");
    expect(GeneratedCountries.safeParse(JSON.parse(text)).success).toBe(true);
    expect(generateWorld()).toBe(text);
  });

  it("gives every entity its own id, and keeps the seed's ids and Wikidata ids for its countries", () => {
    expect(new Set(WORLD.map((e) => e.id)).size).toBe(WORLD.length);
    for (const c of seed.filter((e) => e.type === "Country")) {
      expect(byId.get(c.id), c.id).toMatchObject({ type: "Country", nameAr: c.nameAr, wikidata: c.wikidata });
    }
    expect(WORLD.filter((e) => e.iso2).length).toBeGreaterThanOrEqual(249);
  });

  it("lets no folded form name two entities unless it is flagged ambiguous", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of WORLD) {
      for (const f of new Set(surfaceForms(e, { adjectives: true }).map(fold))) {
        const other = owner.get(f);
        if (other !== undefined && other !== e.id) clashes.push(`${f}: ${other} / ${e.id}`);
        owner.set(f, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("has the nisbas, capitals and flags news needs", () => {
    const forms = (id: string) => byId.get(id)!.adjectives;
    expect(forms("united-states").map((a) => a.form)).toEqual(expect.arrayContaining(["الأمريكي", "الأميركية", "الأمريكيين"]));
    expect(forms("qatar").map((a) => a.form)).toEqual(expect.arrayContaining(["قطري", "القطري", "القطرية", "قطرية"]));
    expect(forms("united-kingdom").map((a) => a.form)).toContain("البريطاني");
    expect(forms("mali")).toContainEqual({ form: "المالية", ambiguous: true });
    expect(byId.get("doha")).toMatchObject({ type: "Place", nameAr: "الدوحة", capitalOf: "qatar" });
    expect(byId.get("united-arab-emirates")?.aliases).toContain("الإمارات العربية المتحدة");
  });
});

describe("nisba rule", () => {
  it("strips the article and a final ا ة ى or يا, and adds ي unless the name ends in one", () => {
    expect(nisbaBase("قطر")).toBe("قطري");
    expect(nisbaBase("العراق")).toBe("عراقي");
    expect(nisbaBase("إيطاليا")).toBe("إيطالي");
    expect(nisbaBase("ماليزيا")).toBe("ماليزي");
    expect(nisbaBase("سوريا")).toBe("سوري");
    expect(nisbaBase("سورية")).toBe("سوري");
    expect(nisbaBase("كندا")).toBe("كندي");
    expect(nisbaBase("السعودية")).toBe("سعودي");
    expect(nisbaBase("تونس")).toBe("تونسي");
    expect(nisbaBase("مالي")).toBe("مالي");
    // Made-up names: the rule, not a list.
    expect(nisbaBase("زمبرستان")).toBe("زمبرستاني");
    expect(nisbaBase("الفلانيا")).toBe("فلاني");
    expect(nisbaBase("دلمونة")).toBe("دلموني");
  });

  it("leaves compound names and a final و to the reviewed file", () => {
    expect(nisbaBase("غينيا بيساو")).toBeUndefined();
    expect(nisbaBase("توغو")).toBeUndefined();
  });

  it("inflects for gender, number and the article, word by word", () => {
    expect(nisbaForms("قطري")).toEqual(["قطري", "القطري", "قطرية", "القطرية", "قطريين", "القطريين", "قطريون", "القطريون"]);
    expect(nisbaForms("كوري شمالي")).toContain("الكورية الشمالية");
  });
});

describe("withWorld", () => {
  const world = [
    WorldEntity.parse({ id: "zembra", type: "Country", nameAr: "زمبرا", nameEn: "Zembra", aliases: ["جمهورية زمبرا", "Zembra Republic"], adjectives: [{ form: "الزمبري" }, { form: "المالية", ambiguous: true }], wikidata: "Q1" }),
    WorldEntity.parse({ id: "zembra-city", type: "Place", nameAr: "مدينة زمبرا", nameEn: "Zembra City", capitalOf: "zembra" }),
    WorldEntity.parse({ id: "dalmun", type: "Country", nameAr: "دلمون", nameEn: "Dalmun" }),
    WorldEntity.parse({ id: "dalmun-league", type: "Organization", nameAr: "رابطة دلمون", nameEn: "Dalmun League", aliases: ["الرابطة"], ambiguousAliases: ["الحلف"] }),
  ];
  const curated = Gazetteer.parse({
    entities: [
      { id: "dalmun", type: "Country", nameAr: "دلمون", nameEn: "Dalmun", aliases: ["مملكة دلمون"] },
      { id: "zembra-republic", type: "Organization", nameAr: "حكومة زمبرا", nameEn: "Zembra government", aliases: ["جمهوريه زمبرا"] },
      { id: "league", type: "Organization", nameAr: "الرابطة الكبرى", nameEn: "Great League", aliases: ["رابطه دلمون"] },
    ],
  }).entities;

  it("puts the curated entries first and lets them win on id, on name and on any alias (folded)", () => {
    const out = withWorld(curated, { world });
    expect(out.slice(0, 3)).toEqual(curated);
    expect(out.map((e) => e.id)).toEqual(["dalmun", "zembra-republic", "league", "zembra", "zembra-city"]);
    const zembra = out.find((e) => e.id === "zembra")!;
    // جمهورية زمبرا folds to the curated جمهوريه زمبرا: the curated entry keeps it.
    expect(zembra.aliases).toEqual(["Zembra Republic"]);
    expect(zembra.wikidata).toBe("Q1");
    expect(out.find((e) => e.id === "zembra-city")?.partOf).toBe("zembra");
  });

  it("adds unflagged nisbas only when asked, and never an ambiguous form", () => {
    const plain = withWorld([], { world });
    const withAdjectives = withWorld([], { world, adjectives: true });
    expect(plain.find((e) => e.id === "zembra")?.aliases).not.toContain("الزمبري");
    expect(withAdjectives.find((e) => e.id === "zembra")?.aliases).toContain("الزمبري");
    expect(withAdjectives.flatMap((e) => e.aliases)).not.toContain("المالية");
    expect(withAdjectives.flatMap((e) => e.aliases)).not.toContain("الحلف");
  });

  it("keeps the real seed gazetteer whole and adds the world after it", () => {
    const out = withWorld(seed);
    expect(out.slice(0, seed.length)).toEqual(seed);
    expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
    expect(out.find((e) => e.id === "saudi-arabia")?.nameAr).toBe("السعودية");
  });
});
