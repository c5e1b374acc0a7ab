import { describe, expect, it } from "vitest";
import { buildNameIndex, extract, type Extraction, type Target } from "../../src/ingest/extract/index.js";
import { resolveDate } from "../../src/ingest/extract/dates.js";
import { parse } from "../../src/ingest/parse/index.js";
import { buildSourceGraph } from "../../src/ingest/pipeline/stages.js";
import { sha256Hex } from "../../src/ingest/resolve/index.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";

/**
 * Relation frames on sentences written for these tests (no news text). Countries, capitals and
 * international organisations come from the world data; people are candidates the title rule or
 * the tagger finds.
 */

const CURATED: GazetteerEntry[] = [
  { id: "global-coalition", type: "Organization", nameAr: "التحالف الدولي", nameEn: "Global Coalition", aliases: [] },
];
const NAMES = buildNameIndex(CURATED);

function run(body: string, published?: string): { x: Extraction; text: string } {
  const text = `عنوان تجريبي\n${body}`;
  return { x: extract(parse(text, "t"), NAMES, published ? { published } : {}), text };
}

/** A claim as "predicate subject object", entities by id, candidates by name, agreements by their words. */
function readable(x: Extraction): string[] {
  const name = (t: Target): string =>
    "entityId" in t ? t.entityId : "candidate" in t ? t.candidate.name : `«${x.agreements[t.agreement]!.name}»`;
  return x.claims.map((c) => `${c.predicate} ${name(c.subject)} ${name(c.object)}`);
}

describe("relation frames: agreements", () => {
  it("reads a signer after the verb and a party after مع", () => {
    const { x, text } = run("وقعت ألمانيا مذكرة تفاهم مع البرازيل في مجال الطاقة.");
    expect(readable(x)).toEqual([
      "signed germany «مذكرة تفاهم»",
      "agreementBetween «مذكرة تفاهم» germany",
      "agreementBetween «مذكرة تفاهم» brazil",
    ]);
    expect(x.agreements.map((a) => text.slice(a.mentions[0]!.start, a.mentions[0]!.end))).toEqual(["مذكرة تفاهم"]);
  });

  it("reads coordinated signers before a dual verb", () => {
    const { x } = run("اليابان وكندا توقعان اتفاقية تعاون جديدة.");
    expect(readable(x).sort()).toEqual(
      [
        "signed japan «اتفاقية تعاون جديدة»",
        "signed canada «اتفاقية تعاون جديدة»",
        "agreementBetween «اتفاقية تعاون جديدة» japan",
        "agreementBetween «اتفاقية تعاون جديدة» canada",
      ].sort(),
    );
  });

  it("reads the parties after بين, and a signer of the same agreement later by ووقعها", () => {
    const { x } = run(
      "وجرى توقيع اتفاقية تجارية بين الأرجنتين وتشيلي.\nووقعها وزير الخارجية الأرجنتيني خوان بيريز.",
    );
    const claims = readable(x);
    expect(claims).toContain("agreementBetween «اتفاقية تجارية» argentina");
    expect(claims).toContain("agreementBetween «اتفاقية تجارية» chile");
    expect(claims).toContain("signed خوان بيريز «اتفاقية تجارية»");
    expect(claims).toContain("roleOf خوان بيريز argentina");
    expect(x.agreements).toHaveLength(1);
  });

  it("takes the office holder, not the country in the title, as the signer when the agreement comes first", () => {
    // No memorandum before it: "المذكرة" alone is no agreement.
    expect(run("ووقع المذكرة رئيس الوزراء الياباني كينجي ساتو مع كندا.").x.agreements).toEqual([]);
    const { x } = run("وقعت اليابان مذكرة تفاهم مع كندا.\nووقع المذكرة رئيس الوزراء الياباني كينجي ساتو.");
    expect(x.agreements).toHaveLength(1);
    expect(readable(x).filter((c) => c.startsWith("signed"))).toEqual(["signed japan «مذكرة تفاهم»", "signed كينجي ساتو «مذكرة تفاهم»"]);
  });

  it("marks a negated or hedged signing", () => {
    const { x } = run("لم توقع اليابان اتفاقية الشراكة.\nوقد توقع كندا اتفاقية أخرى.\nويتوقع المراقبون تحسنا.");
    // "توقع" signs only before an agreement; "يتوقع المراقبون" (expect) is no signing.
    expect(x.claims.filter((c) => c.predicate === "signed").map((c) => [c.subject, c.modality])).toEqual([
      [{ entityId: "japan" }, "negated"],
      [{ entityId: "canada" }, "possible"],
    ]);
  });
});

describe("relation frames: membership, roles, places, visits, meetings", () => {
  it("reads joined (انضم … إلى), the list after كل من through a generic الحلف, and memberOf", () => {
    const { x } = run(
      "انضمت السويد إلى حلف شمال الأطلسي عام 2024.\nوأعلنت الانضمام إلى الحلف كل من النرويج والدنمارك.\nوالبرتغال عضو في الاتحاد الأوروبي.",
    );
    expect(readable(x)).toEqual([
      "joined sweden nato",
      "joined norway nato",
      "joined denmark nato",
      "memberOf portugal european-union",
    ]);
    expect(x.claims[0]!.date).toEqual({ value: "2024", precision: "year" });
  });

  it("reads roleOf from an office before the name (with the nisba) or after it", () => {
    const { x } = run(
      "وقال وزير الخارجية البرتغالي جواو سيلفا إن المحادثات مثمرة.\nوقال السيد ماريو بيانكي المدير العام لمنظمة الصحة العالمية إن الوضع مستقر.\nوالتقى سيلفا المدير العام للمنظمة.",
    );
    // The office after a met person's name ("التقى سيلفا المدير العام …") is not his.
    expect(readable(x).filter((c) => c.startsWith("roleOf"))).toEqual(["roleOf جواو سيلفا portugal", "roleOf ماريو بيانكي who"]);
  });

  it("reads locatedIn from a place and its country, never from two coordinated places", () => {
    const { x } = run("وصل الوفد إلى نيروبي في كينيا. وزار الوفد أنقرة ونيروبي.");
    expect(readable(x).filter((c) => c.startsWith("locatedIn"))).toEqual(["locatedIn nairobi kenya"]);
  });

  it("reads البلاد as the country named last", () => {
    const { x } = run("شهدت مالي هجمات جديدة.\nووقع الهجوم في منطقة تمبكتو بشمال البلاد.");
    expect(readable(x).filter((c) => c.startsWith("locatedIn"))).toEqual(["locatedIn timbuktu mali"]);
  });

  it("reads visited and metWith, with the counterpart's office as a role", () => {
    const { x } = run("وزار وزير الخارجية البرتغالي جواو سيلفا أنقرة أمس.\nوالتقى سيلفا نظيره التركي أحمد يلماز.", "2024-03-14");
    const claims = readable(x);
    expect(claims).toContain("visited جواو سيلفا ankara");
    expect(claims).toContain("metWith جواو سيلفا أحمد يلماز");
    expect(claims).toContain("roleOf أحمد يلماز turkey");
    expect(x.claims.find((c) => c.predicate === "visited")!.date).toEqual({ value: "2024-03-13", precision: "day" });
  });

  it("reads ledBy after بقيادة", () => {
    const { x } = run("وشن التحالف الدولي بقيادة الولايات المتحدة غارات جديدة.");
    expect(readable(x)).toContain("ledBy global-coalition united-states");
  });

  it("puts every claim's evidence on words of its own sentence, with a frame name and a confidence", () => {
    const { x, text } = run("وقعت ألمانيا مذكرة تفاهم مع البرازيل.");
    for (const c of x.claims) {
      expect(text.slice(c.start, c.end)).toMatch(/^(?:وقعت|ألمانيا|مذكرة)/u);
      expect(c.frame).toMatch(/^[a-zA-Z]+:/u);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("dates of claims", () => {
  it("takes a bare year after a preposition of time, never a bare number elsewhere", () => {
    const { x } = run("وانضمت السويد إلى حلف شمال الأطلسي منذ 2011.\nوانضمت النرويج إلى حلف شمال الأطلسي ومعها 2011 جندي.");
    expect(x.claims.map((c) => c.date?.value ?? null)).toEqual(["2011", null]);
  });
});

describe("relative dates", () => {
  it("resolves today, yesterday, a named weekday and next week's day against the article's date", () => {
    // 2024-03-14 is a Thursday.
    expect(resolveDate(["اليوم"], "2024-03-14")).toBe("2024-03-14");
    expect(resolveDate(["يوم", "امس", "الاربعاء"], "2024-03-14")).toBe("2024-03-13");
    expect(resolveDate(["امس", "الجمعه"], "2024-03-14")).toBeUndefined();
    expect(resolveDate(["الثلاثاء", "الماضي"], "2024-03-14")).toBe("2024-03-12");
    expect(resolveDate(["الخميس", "الماضي"], "2024-03-14")).toBe("2024-03-07");
    expect(resolveDate(["الاحد", "المقبل"], "2024-03-14")).toBe("2024-03-17");
    expect(resolveDate(["الخبر"], "2024-03-14")).toBeUndefined();
  });
});

describe("agreements and candidates across articles", () => {
  const build = (id: string, body: string, published?: string) => {
    const text = `عنوان\n${body}`;
    return buildSourceGraph(
      { meta: { id, title: id, publisher: "p", language: "ar", ...(published && { published }) }, text, sha256: sha256Hex(text), file: `${id}.txt` },
      NAMES,
      [],
      { trusted: false },
    ).graph;
  };
  const agreementIds = (g: ReturnType<typeof build>) => g.entities.filter((e) => e.type === "Agreement").map((e) => e.id);

  it("keeps two undated memoranda of two articles apart, and merges one dated agreement reported twice", () => {
    const a = build("a", "وقعت ألمانيا مذكرة تفاهم مع البرازيل.");
    const b = build("b", "وقعت ألمانيا مذكرة تفاهم مع البرازيل.");
    expect(agreementIds(a)).toHaveLength(1);
    expect(agreementIds(a)).not.toEqual(agreementIds(b));
    const c = build("c", "وقعت ألمانيا في 3 مارس 2024 مذكرة تفاهم مع البرازيل.");
    const d = build("d", "وفي 3 مارس 2024 وقعت ألمانيا مذكرة تفاهم مع البرازيل.");
    expect(agreementIds(c)).toHaveLength(1);
    expect(agreementIds(c)).toEqual(agreementIds(d));
  });

  it("makes one claim of a relation the headline states without its date and the body with it", () => {
    const g = build("j", "السويد تنضم إلى حلف شمال الأطلسي\nوانضمت السويد إلى حلف شمال الأطلسي في 7 مارس 2024.");
    const joined = g.claims.filter((c) => c.predicate === "joined");
    expect(joined).toHaveLength(1);
    expect(joined[0]!.date).toEqual({ value: "2024-03-07", precision: "day" });
    expect(joined[0]!.evidence).toHaveLength(2);
  });

  it("marks extracted claims as such, with the extractor's version and the frame's confidence", () => {
    const g = build("e", "انضمت السويد إلى حلف شمال الأطلسي.");
    const joined = g.claims.find((c) => c.predicate === "joined")!;
    expect(joined).toMatchObject({ origin: "extracted", subjectId: "sweden", objectId: "nato", extractor: expect.stringMatching(/^sanad-frames\//u) });
    expect(joined.confidence).toBeGreaterThan(0.5);
    // Only the world entities the article reaches are written, and what they belong to.
    expect(g.entities.map((e) => e.id).sort()).toEqual(["global-coalition", "nato", "sweden"].sort());
  });

  it("gives a ministry with no country, and a bare surname, a node of their own article", () => {
    const a = build("f", "وقالت وزارة الخارجية إن الزيارة ناجحة.");
    const b = build("g", "وقالت وزارة الخارجية إن الزيارة ناجحة.");
    const ministry = (g: ReturnType<typeof build>) => g.entities.find((e) => e.nameAr === "وزارة الخارجية")?.id;
    expect(ministry(a)).toBeDefined();
    expect(ministry(a)).not.toBe(ministry(b));
    const c = build("h", "وقالت وزارة الخارجية الكينية إن الزيارة ناجحة.");
    const e = build("i", "وأكدت وزارة الخارجية الكينية أن الزيارة ناجحة.");
    const kenyan = (g: ReturnType<typeof build>) => g.entities.find((x) => x.nameAr === "وزارة الخارجية الكينية")?.id;
    expect(kenyan(c)).toBeDefined();
    expect(kenyan(c)).toBe(kenyan(e));
  });
});

describe("article metadata from the text", () => {
  it("reads the date line at the head of an article without a meta date, and resolves أمس against it", () => {
    const text = "عنوان تجريبي\nنيروبي - الخميس 14 مارس 2024 - انضمت السويد أمس إلى حلف شمال الأطلسي.";
    const x = extract(parse(text, "t"), NAMES);
    expect(x.datelineDate).toBe("2024-03-14");
    expect(x.claims.find((c) => c.predicate === "joined")!.date).toEqual({ value: "2024-03-13", precision: "day" });
  });
});

describe("agreements named together", () => {
  it("gives the parties of a plural phrase to each agreement of that kind named after it, and coordinates signers with their offices", () => {
    const { x } = run(
      "وجرى توقيع ثلاث مذكرات تفاهم بين اليابان وكندا.\nوتتعلق مذكرة التفاهم الأولى بالتعليم، ووقعها وزير التعليم الياباني هيرو تاناكا ووزيرة التعليم الكندية ماري تومسون.\nأما مذكرة التفاهم الثانية فتتعلق بالصحة.",
    );
    const claims = readable(x);
    for (const ordinal of ["الأولى", "الثانية"]) {
      expect(claims).toContain(`agreementBetween «مذكرة التفاهم ${ordinal}» japan`);
      expect(claims).toContain(`agreementBetween «مذكرة التفاهم ${ordinal}» canada`);
    }
    expect(claims).toContain("signed هيرو تاناكا «مذكرة التفاهم الأولى»");
    expect(claims).toContain("signed ماري تومسون «مذكرة التفاهم الأولى»");
  });
});

describe("roleOf with several offices", () => {
  it("takes the office nearest the name, and after a name only the office's own words", () => {
    const { x } = run(
      "وأكد نائب رئيس مجلس الوزراء وزير الخارجية الكيني ديفيد موانجي أن الزيارة ناجحة.\nوحضر اللواء سامي فريد المدير العام للأمن الوطني، ومن الجانب الياباني الوزير كينجي ساتو.",
    );
    const roles = readable(x).filter((c) => c.startsWith("roleOf"));
    expect(roles).toContain("roleOf ديفيد موانجي kenya");
    expect(roles.filter((c) => c.startsWith("roleOf سامي فريد"))).toEqual(["roleOf سامي فريد الأمن الوطني"]);
  });
});

describe("parties after بين and مع, and membership nouns", () => {
  it("pairs the parties after بين across a word or two, takes the office holder after مع, and reads إلى عضوية الحلف", () => {
    const { x } = run(
      "وجرى توقيع اتفاقية بين حكومتي اليابان، ومملكة كندا.\nووقعها وزير الخارجية الياباني هيرو تاناكا مع وزير الخارجية الكندي بول مارتن.\nوكان انضمام النرويج والدنمارك إلى عضوية حلف شمال الأطلسي في العام 1949.",
    );
    const claims = readable(x);
    expect(claims).toContain("agreementBetween «اتفاقية» japan");
    expect(claims).toContain("agreementBetween «اتفاقية» canada");
    expect(claims).toContain("signed بول مارتن «اتفاقية»");
    expect(claims).not.toContain("agreementBetween «اتفاقية» الخارجية الكندي");
    expect(claims).toContain("joined norway nato");
    expect(claims).toContain("joined denmark nato");
  });
});
