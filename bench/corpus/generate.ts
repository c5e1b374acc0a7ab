import type { CuratedFact, GazetteerEntry } from "../../src/model/seed-files.js";
import { articleSeed, Rng } from "./random.js";
import type { SyntheticArticle, TruthSpeaker } from "./truth.js";
import { ArticleWriter, type Clitic } from "./writer.js";

/**
 * A deterministic synthetic corpus in the style of the seed article (a Qatari daily reporting a
 * coalition briefing): a headline, quotes introduced by "وقال <rank> <person> … إن", carried on
 * by "وأضاف أن", dropped-verb reports ("إلى ذلك <person> … إن"), narration with counted
 * quantities and dates, section headings, page chrome. Names come from the gazetteer (every form
 * used is checked against it), people outside it from a list of invented names after a title
 * word. Each article records its ground truth as it is written, and carries curated facts (with
 * evidence words that occur once in it) so that loading it also writes claims.
 */

export const DEFAULT_CORPUS_SEED = 20_260_601;

const MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
/** The Levantine and Iraqi names, as Syrian and Iraqi papers write them. */
const LEVANTINE_MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"];
/** Number words as written before a plural noun ("أربع جلسات"), by value. */
const COUNT_WORDS: ReadonlyArray<readonly [number, string]> = [
  [3, "ثلاث"], [4, "أربع"], [5, "خمس"], [6, "ست"], [7, "سبع"], [9, "تسع"],
];
/** With the article, as in "تتخطى الأربعة مليارات دولار". */
const DEFINITE_COUNT_WORDS: ReadonlyArray<readonly [number, string]> = [
  [3, "الثلاثة"], [4, "الأربعة"], [5, "الخمسة"], [6, "الستة"], [7, "السبعة"], [9, "التسعة"],
];

const TITLES = ["السفير", "اللواء", "العميد", "الدكتور", "المستشار"];
const FEMALE_TITLES = ["السفيرة", "الدكتورة"];
const FEMALE_FIRST_NAMES = ["هند", "رنا", "ريم", "دانة", "لمى", "نور"];
const FIRST_NAMES = ["خالد", "يوسف", "سامي", "مازن", "نبيل", "كريم", "عمر", "فيصل", "ماجد", "طارق", "هشام", "جمال", "زياد", "باسل", "رامي", "ناصر", "سليم"];
const LAST_NAMES = ["منصور", "حداد", "حمدان", "يعقوب", "داود", "سليمان", "الكعبي", "الهاجري", "المري", "النعيمي", "الأنصاري", "الشمري", "عيسى", "قاسم", "عثمان"];

const HEADINGS = ["تحديات كبيرة", "دعم مستمر", "شراكة إستراتيجية", "عمليات مستقلة", "تعاون أمني", "مكافحة الإرهاب", "الحملة مستمرة"];
/** Sentences that continue a quote's paragraph: no reporting verb, no name, no number. */
const QUOTE_TAILS = [
  "ونحن ملتزمون بمواصلة العمل مع شركائنا حتى تمام المهمة.",
  "وسنواصل تقديم الدعم والمشورة بشكل مشروط.",
  "وهذا يمثل تحديا كبيرا لنا جميعا، ولا شك أن الطريق ما زال طويلا.",
  "كان اللقاء إيجابيا وبناء، وجدد الجانبان التزامهما المشترك تجاه الشراكة الحالية.",
  "والمنطقة التي نعمل فيها ما زالت معقدة إلى حد مذهل.",
];
const PUBLISHERS = ["Lusail", "Synthetic Daily", "Gulf Wire"];

/** The gazetteer forms the templates write; each is checked to be the entity's name or an alias. */
function castFrom(gazetteer: readonly GazetteerEntry[]) {
  const byId = new Map(gazetteer.map((e) => [e.id, e]));
  const forms = (id: string, ...wanted: string[]): string[] => {
    const e = byId.get(id);
    if (!e) throw new Error(`the corpus generator needs gazetteer entity "${id}"`);
    const known = new Set([e.nameAr, ...e.aliases, ...(e.descriptions ?? [])]);
    for (const f of wanted) if (!known.has(f)) throw new Error(`gazetteer entity "${id}" has no form "${f}"`);
    return wanted.length > 0 ? wanted : [e.nameAr];
  };
  const person = (id: string, intro: string, short: string, role?: string) => ({
    id,
    intro: forms(id, intro)[0]!,
    short: forms(id, short)[0]!,
    /** A role phrase that is itself an alias of the person ("الناطق باسم التحالف الدولي"). */
    role: role === undefined ? undefined : forms(id, role)[0]!,
  });
  return {
    countries: ["qatar", "united-states", "iraq", "syria"].map((id) => ({ id, forms: forms(id) })),
    coalition: { id: "global-coalition", forms: forms("global-coalition", "التحالف الدولي", "التحالف", "التحالف الدولي لمكافحة تنظيم داعش") },
    isis: { id: "isis", forms: forms("isis", "تنظيم داعش", "داعش", "تنظيم الدولة الإسلامية") },
    partners: [
      { id: "isf", forms: forms("isf") },
      { id: "sdf", forms: forms("sdf") },
      { id: "partner-forces", forms: forms("partner-forces") },
    ],
    places: ["raqqa", "mosul", "ramadi", "fallujah"].map((id) => ({ id, forms: forms(id) })),
    militias: { id: "iran-backed-militias", forms: forms("iran-backed-militias", "مجموعات ميليشياوية ومارقة مدعومة من إيران", "ميليشيات مدعومة من إيران") },
    oir: { id: "operation-inherent-resolve", forms: forms("operation-inherent-resolve", "عملية العزم الصلب") },
    oirHeading: { id: "operation-inherent-resolve", forms: forms("operation-inherent-resolve", "العزم الصلب") },
    mou: { id: "qatar-us-ct-mou", forms: forms("qatar-us-ct-mou", "مذكرة تفاهم ثنائية لمكافحة الإرهاب", "مذكرة التفاهم") },
    dialogue: { id: "us-qatar-ct-dialogue", forms: forms("us-qatar-ct-dialogue", "الحوار الأخير") },
    worldCup: { id: "fifa-world-cup-2022", forms: forms("fifa-world-cup-2022", "كأس العالم لكرة القدم", "كأس العالم") },
    covid: { id: "covid-19", forms: forms("covid-19", "كوفيد-19", "فيروس كورونا", "وباء كوفيد-19") },
    covidHeading: { id: "covid-19", forms: forms("covid-19", "فيروس كورونا") },
    killing: { id: "killing-of-al-baghdadi", forms: forms("killing-of-al-baghdadi", "مقتل أبو بكر البغدادي", "مقتل البغدادي") },
    briefing: { id: "pentagon-briefing", forms: forms("pentagon-briefing", "الإيجاز الصحفي لوزارة الدفاع الأمريكية", "الإيجاز الصحفي") },
    lusail: { id: "lusail", forms: forms("lusail") },
    cjtf: { id: "cjtf-oir", forms: forms("cjtf-oir") },
    dod: { id: "us-department-of-defense", forms: forms("us-department-of-defense") },
    iraqiGovernment: { id: "iraqi-government", forms: forms("iraqi-government") },
    nato: { id: "nato", forms: forms("nato", "حلف شمال الأطلسي", "الناتو") },
    usForces: { id: "us-forces", forms: forms("us-forces") },
    agencies: ["usaid", "icrc", "undp", "north-east-syria-forum"].map((id) => ({ id, forms: forms(id) })),
    /** Organisations that speak in their own name; feminine ones take أكدت. */
    speakingOrgs: [
      { id: "us-department-of-defense", forms: forms("us-department-of-defense"), feminine: true },
      { id: "iraqi-government", forms: forms("iraqi-government"), feminine: true },
      { id: "qatari-government", forms: forms("qatari-government"), feminine: true },
      { id: "nato", forms: forms("nato"), feminine: false },
      { id: "global-coalition", forms: forms("global-coalition", "التحالف الدولي"), feminine: false },
    ],
    people: [
      person("myles-caggins", "العقيد مايلز بي. كاجينز الثالث", "العقيد كاجينز", "الناطق باسم التحالف الدولي"),
      person("robert-white", "الجنرال روبرت وايت", "الجنرال وايت"),
    ],
  };
}
type Cast = ReturnType<typeof castFrom>;
type Named = { id: string; forms: string[] };

interface Ctx {
  rng: Rng;
  w: ArticleWriter;
  cast: Cast;
}

const name = (c: Ctx, who: Named, clitic: Clitic = "") => c.w.entity(who.id, c.rng.pick(who.forms), clitic);
const year = (c: Ctx) => c.rng.int(2014, 2024);
/** A number as printed: Western digits mostly, Arabic-Indic (٠١٢…) in some papers. */
const num = (c: Ctx, n: number) => (c.rng.chance(0.2) ? String(n).replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))) : String(n));
const month = (c: Ctx, m: number) => (c.rng.chance(0.3) ? LEVANTINE_MONTHS : MONTHS)[m - 1]!;
const pad2 = (n: number) => String(n).padStart(2, "0");

function monthYear(c: Ctx, y: number, m: number): void {
  c.w.date(`${month(c, m)} ${num(c, y)}`, `${y}-${pad2(m)}`, "month");
}

function dayMonthYear(c: Ctx, y: number, m: number, d: number): void {
  c.w.date(`${num(c, d)} ${month(c, m)} ${num(c, y)}`, `${y}-${pad2(m)}-${pad2(d)}`, "day");
}

/** "أكثر من", "ما يزيد على", "نحو", …: the words that make a figure a bound. */
const LOWER = ["أكثر من", "ما يزيد على", "لا يقل عن"];
const APPROXIMATE = ["حوالي", "نحو", "قرابة"];

/** One sentence; `facts` get the sentence (without its final period) as evidence. */
function sentence(c: Ctx, write: () => void, facts: Array<Omit<CuratedFact, "evidence">> = []): void {
  const start = c.w.position;
  write();
  const end = c.w.position;
  c.w.put(".");
  for (const fact of facts) c.w.fact({ ...fact, evidence: [{ start, end }] });
}

const asserted = { modality: "asserted" as const };

/** What speakers say: one sentence each, used at most once per article (evidence must be unique). */
const CONTENTS: ReadonlyArray<(c: Ctx) => void> = [
  (c) => {
    const country = c.rng.pick(c.cast.countries.slice(0, 2));
    sentence(
      c,
      () => {
        name(c, country);
        c.w.put(" عضو مؤسس في ");
        name(c, c.cast.coalition);
        c.w.put("، وشريك أساسي في جهودنا لهزيمة ");
        name(c, c.cast.isis);
        c.w.put(" باستمرار");
      },
      [{ predicate: "foundingMemberOf", subject: country.id, object: c.cast.coalition.id, ...asserted }],
    );
  },
  (c) => {
    const [a, b] = c.rng.sample(c.cast.partners, 2);
    const n = c.rng.int(20, 80);
    sentence(c, () => {
      c.w.put("هناك جنودا من ");
      c.w.quantity(`${c.rng.pick(LOWER)} ${num(c, n)} دولة`, { value: n, unit: "country", bound: "lower" });
      c.w.put(" يعملون ضمن شراكة مع ");
      name(c, a!);
      c.w.put(" ");
      name(c, b!, "و");
      c.w.put(" لتحقيق هدفنا المشترك");
    });
  },
  (c) => {
    const n = c.rng.int(30, 150);
    const y = year(c);
    sentence(
      c,
      () => {
        name(c, c.cast.isis);
        c.w.put(" كان يسيطر على ");
        c.w.quantity(`${c.rng.pick(APPROXIMATE)} ${num(c, n)} آلاف كيلو متر مربع`, { value: n * 1000, unit: "km2", bound: "approximate" });
        c.w.put(" قبل تشكيل ");
        name(c, c.cast.coalition);
        c.w.put(" في ");
        c.w.date(`العام ${num(c, y)}`, String(y), "year");
      },
      [{ predicate: "controlledArea", subject: "isis", value: { quantity: n * 1000, unit: "km2", bound: "approximate" }, date: { value: String(y), precision: "year" }, ...asserted }],
    );
  },
  (c) => {
    const n = c.rng.int(10, 60);
    sentence(c, () => {
      name(c, c.cast.isis);
      c.w.put(" كان يضم في تلك المناطق ");
      c.w.quantity(`${c.rng.pick(APPROXIMATE)} ${num(c, n)} ألف مقاتل`, { value: n * 1000, unit: "fighter", bound: "approximate" });
      c.w.put(" إرهابي");
    });
  },
  (c) => {
    const country = c.rng.pick(c.cast.countries.slice(0, 2));
    sentence(
      c,
      () => {
        name(c, country);
        c.w.put(" قدمت دعما كبيرا ");
        c.w.entity(c.cast.coalition.id, c.rng.pick(["التحالف", "التحالف الدولي"]), "ل");
        c.w.put(" في الماضي، وستقدم المزيد في المستقبل");
      },
      [{ predicate: "supported", subject: country.id, object: c.cast.coalition.id, ...asserted }],
    );
  },
  (c) => {
    const [n, word] = c.rng.pick(COUNT_WORDS.map(([k, w]) => [k, `${w}ة`] as const));
    sentence(c, () => {
      name(c, c.cast.militias);
      c.w.put(" هددت قواتنا في ");
      name(c, c.cast.countries[2]!);
      c.w.put(" بعد قتلهم ل");
      c.w.quantity(`${word} من أعضاء`, { value: n, unit: "member", bound: "exact" });
      c.w.put(" ");
      name(c, c.cast.coalition);
    });
  },
  (c) =>
    sentence(c, () => {
      name(c, c.cast.nato);
      c.w.put(" قد يتولى دورا بارزا في تطوير ");
      name(c, c.cast.partners[2]!);
    }),
  (c) =>
    sentence(c, () => {
      name(c, c.cast.usForces);
      c.w.put(" اتخذت قرار الإغلاق الكامل لحماية جنودها بسبب ");
      name(c, c.cast.covid);
    }),
  (c) => {
    const n = c.rng.int(2, 9);
    sentence(c, () => {
      c.w.put("تمكن شركاؤنا من تحرير ");
      c.w.quantity(`${c.rng.pick(APPROXIMATE)} ${num(c, n)} ملايين شخص`, { value: n * 1e6, unit: "person", bound: "approximate" });
      c.w.put(" من حكم ");
      name(c, c.cast.isis);
    });
  },
  (c) => {
    const [n, word] = c.rng.chance(0.5) ? c.rng.pick(DEFINITE_COUNT_WORDS) : ((k) => [k, String(k)] as const)(c.rng.int(2, 9));
    const partner = c.rng.pick(c.cast.partners);
    sentence(
      c,
      () => {
        name(c, c.cast.coalition);
        c.w.put(" خصص تمويلا بقيمة ");
        c.w.quantity(`تتخطى ${word} مليارات دولار`, { value: n * 1e9, unit: "USD", bound: "lower" });
        c.w.put(" لمساعدة ");
        name(c, partner);
      },
      [{ predicate: "fundedAmount", subject: "global-coalition", value: { quantity: n * 1e9, unit: "USD", bound: "lower" }, ...asserted }],
    );
  },
  (c) =>
    sentence(c, () => {
      name(c, c.cast.covid);
      c.w.put(" قد أثر على الجميع في مختلف أنحاء العالم");
    }),
  (c) => {
    const [a, b] = c.rng.sample(c.cast.countries.slice(0, 2), 2);
    sentence(c, () => {
      name(c, c.cast.mou);
      c.w.put(" التي وقعتها ");
      name(c, a!);
      c.w.put(" مع ");
      name(c, b!);
      c.w.put(" أدت لتعزيز تبادل المعلومات");
    });
  },
  (c) => {
    const y = c.rng.int(2015, 2024);
    const m = c.rng.int(1, 12);
    const d = c.rng.int(1, 28);
    const [k, word] = c.rng.pick(COUNT_WORDS);
    sentence(
      c,
      () => {
        name(c, c.cast.dialogue);
        c.w.put(" عقد بتاريخ ");
        dayMonthYear(c, y, m, d);
        c.w.put(" وتألف من ");
        c.w.quantity(`${word} جلسات`, { value: k, unit: "session", bound: "exact" });
      },
      [{ predicate: "heldOn", subject: c.cast.dialogue.id, value: { date: `${y}-${pad2(m)}-${pad2(d)}`, precision: "day" }, ...asserted }],
    );
  },
];

/** Narration: no reporting verb, and no person opening a sentence, so nothing here reads as a quote. */
const NARRATIONS: ReadonlyArray<(c: Ctx) => void> = [
  (c) => {
    const [a, b] = c.rng.sample(c.cast.countries.slice(0, 2), 2);
    const y = c.rng.int(2015, 2023);
    const m = c.rng.int(1, 12);
    const date = { value: `${y}-${String(m).padStart(2, "0")}`, precision: "month" as const };
    const signed = (who: string) => ({ predicate: "signed", subject: who, object: c.cast.mou.id, date, relationship: "SIGNED", ...asserted });
    sentence(
      c,
      () => {
        c.w.put("ووقعت ");
        name(c, a!);
        c.w.put(" ");
        name(c, b!, "و");
        c.w.put(" على ");
        name(c, c.cast.mou);
        c.w.put(" في ");
        monthYear(c, y, m);
        c.w.put(" لتعميق التعاون في مكافحة الإرهاب");
      },
      [signed(a!.id), signed(b!.id)],
    );
  },
  (c) => {
    const org = c.rng.pick(c.cast.partners.slice(0, 2));
    const n = c.rng.int(100, 2000);
    sentence(
      c,
      () => {
        c.w.put("وأجرت ");
        name(c, org);
        c.w.put(" منذ بداية العام ");
        c.w.quantity(`${c.rng.pick(LOWER)} ${num(c, n)} عملية`, { value: n, unit: "operation", bound: "lower" });
        c.w.put(" أرضية مستقلة ضد ");
        name(c, c.cast.isis);
      },
      [{ predicate: "operationsConducted", subject: org.id, value: { quantity: n, unit: "operation", bound: "lower" }, ...asserted }],
    );
  },
  (c) => {
    const partner = c.rng.pick(c.cast.partners);
    const y = c.rng.int(2014, 2019);
    sentence(
      c,
      () => {
        c.w.put("ويعمل ");
        name(c, c.cast.coalition);
        c.w.put(" بالشراكة مع ");
        name(c, partner);
        c.w.put(" في ");
        name(c, c.rng.pick(c.cast.countries.slice(2)));
        c.w.put(" منذ ");
        c.w.date(`العام ${num(c, y)}`, String(y), "year");
      },
      [{ predicate: "partnerOf", subject: c.cast.coalition.id, object: partner.id, relationship: "PARTNERS_WITH", ...asserted }],
    );
  },
  (c) =>
    sentence(c, () => {
      const y = year(c);
      c.w.put("ومن المقرر إقامة ");
      name(c, c.cast.worldCup);
      c.w.put(" في ");
      name(c, c.cast.countries[0]!);
      c.w.put(" ");
      c.w.date(`عام ${num(c, y)}`, String(y), "year");
    }),
  (c) =>
    sentence(c, () => {
      const [a, b, d] = c.rng.sample(c.cast.places, 3);
      c.w.put("وكانت مناطق سيطرته تشمل ");
      name(c, a!);
      c.w.put(" ");
      name(c, b!, "و");
      c.w.put(" ");
      name(c, d!, "و");
    }),
  (c) =>
    sentence(c, () => {
      c.w.put("وتعرضت ");
      name(c, c.cast.oir);
      c.w.put(" في ");
      name(c, c.cast.countries[2]!);
      c.w.put(" إلى التهديد من ");
      name(c, c.cast.militias);
    }),
  (c) => {
    const y = c.rng.int(2015, 2023);
    const m = c.rng.int(1, 12);
    sentence(c, () => {
      c.w.put("وشهدت الحملة نجاحات ملحوظة ضد ");
      name(c, c.cast.isis);
      c.w.put(" في ");
      monthYear(c, y, m);
      c.w.put("، بما في ذلك ");
      name(c, c.cast.killing);
    });
  },
  (c) => {
    const n = c.rng.int(120, 900);
    const partner = c.rng.pick(c.cast.partners);
    sentence(
      c,
      () => {
        c.w.put("وخصص ");
        name(c, c.cast.coalition);
        c.w.put(" من خلال تمويل التدريب والتجهيز ما قيمته ");
        c.w.quantity(`${c.rng.pick(LOWER)} ${num(c, n)} مليون دولار`, { value: n * 1e6, unit: "USD", bound: "lower" });
        c.w.put(" لدعم ");
        name(c, partner);
      },
      [{ predicate: "fundedAmount", subject: c.cast.coalition.id, value: { quantity: n * 1e6, unit: "USD", bound: "lower" }, ...asserted }],
    );
  },
  (c) => {
    const y = c.rng.int(2015, 2019);
    const m = c.rng.int(1, 12);
    sentence(c, () => {
      c.w.put("وتمكنت ");
      name(c, c.rng.pick(c.cast.partners.slice(0, 2)));
      c.w.put(" من تحرير ");
      name(c, c.rng.pick(c.cast.places));
      c.w.put(" في ");
      monthYear(c, y, m);
      c.w.put(" بدعم من ");
      name(c, c.cast.coalition);
    });
  },
  (c) => {
    const n = c.rng.int(100, 3000);
    const y = c.rng.int(2015, 2023);
    const m = c.rng.int(1, 12);
    sentence(c, () => {
      c.w.put("وأعلنت ");
      name(c, c.cast.dod);
      c.w.put(" في ");
      monthYear(c, y, m);
      c.w.put(" عن إرسال ");
      c.w.quantity(`${num(c, n)} جندي`, { value: n, unit: "soldier", bound: "exact" });
      c.w.put(" إضافي إلى ");
      name(c, c.cast.countries[2]!);
    });
  },
  (c) =>
    sentence(c, () => {
      const [a, b, d] = c.rng.sample(c.cast.agencies, 3);
      c.w.put("ويعمل ");
      name(c, c.cast.coalition);
      c.w.put(" مع منظمات دولية عدة مثل ");
      name(c, a!);
      c.w.put(" ");
      name(c, b!, "و");
      c.w.put(" ");
      name(c, d!, "و");
      c.w.put(" للمساعدة في إرساء الاستقرار");
    }),
  (c) => {
    const y = c.rng.int(2015, 2024);
    const m = c.rng.int(1, 12);
    const d = c.rng.int(1, 28);
    sentence(c, () => {
      c.w.put("واستضافت ");
      name(c, c.cast.countries[0]!);
      c.w.put(" اجتماعا لممثلي ");
      name(c, c.cast.coalition);
      c.w.put(" بتاريخ ");
      dayMonthYear(c, y, m, d);
    });
  },
  (c) =>
    sentence(c, () => {
      c.w.put("وفرضت ");
      name(c, c.cast.iraqiGovernment);
      c.w.put(" قيودا بسبب ");
      name(c, c.cast.covid);
      c.w.put(" أدت إلى توقف أعمال التدريب بشكل مؤقت");
    }),
];

type Speaker =
  | { kind: "person"; person: Cast["people"][number]; introduced: boolean }
  | { kind: "candidate"; title: string; name: string; feminine: boolean }
  | { kind: "org"; org: Cast["speakingOrgs"][number] };

function speakerTruth(s: Speaker): TruthSpeaker {
  if (s.kind === "person") return { entityId: s.person.id };
  if (s.kind === "candidate") return { candidate: s.name };
  return { entityId: s.org.id };
}

/** The quote being carried on by "وأضاف أن": its speaker, setting and outlet. */
interface Said {
  speaker: Speaker;
  settingId?: string;
  outletId?: string;
}

/** Writes the words that introduce a speaker's quote and opens it; returns what a following "وأضاف" carries on. */
function introduce(c: Ctx, s: Speaker, previous: Said | undefined): Said {
  const { w, rng, cast } = c;
  const truth = speakerTruth(s);
  let verb: string;
  if (s.kind === "person" && !s.introduced) {
    s.introduced = true;
    const form = rng.int(0, 2);
    if (form === 0) {
      w.put("وقال ");
      w.entity(s.person.id, s.person.intro);
      w.put(' في تصريح خاص لـ"');
      name(c, cast.lusail);
      w.put('" على هامش ');
      name(c, cast.briefing);
      w.put("، إن ");
      w.quote(truth, "قال", { settingId: cast.briefing.id, outletId: cast.lusail.id });
      return { speaker: s, settingId: cast.briefing.id, outletId: cast.lusail.id };
    }
    if (form === 1) {
      // The paper dropped the verb: "إلى ذلك الجنرال … إن".
      w.put("إلى ذلك ");
      w.entity(s.person.id, s.person.intro);
      w.put("، من ");
      name(c, cast.dod);
      w.put(" خلال ");
      name(c, cast.briefing);
      w.put(" إن ");
      w.quote(truth, "قال", { implicitVerb: true, settingId: cast.briefing.id });
      return { speaker: s, settingId: cast.briefing.id };
    }
    w.put("وأكد ");
    w.entity(s.person.id, s.person.intro);
    w.put("، ");
    if (s.person.role) w.entity(s.person.id, s.person.role);
    else {
      w.put("قائد ");
      name(c, cast.cjtf);
    }
    w.put("، أن ");
    verb = "أكد";
  } else if (s.kind === "person") {
    w.put("وأضاف ");
    w.entity(s.person.id, s.person.short);
    w.put(" أن ");
    verb = "أضاف";
  } else if (s.kind === "candidate") {
    w.put(s.feminine ? "وقالت " : "وقال ");
    w.candidate(s.title, s.name);
    if (rng.chance(0.5)) {
      w.put(' في حديث لـ"');
      name(c, cast.lusail);
      w.put('" إن ');
      w.quote(truth, "قال", { outletId: cast.lusail.id });
      return { speaker: s, outletId: cast.lusail.id };
    }
    w.put(" إن ");
    verb = "قال";
  } else {
    w.put(s.org.feminine ? "وأكدت " : "وأكد ");
    name(c, s.org);
    w.put(" في بيان أن ");
    verb = "أكد";
  }
  // A quote that names no setting or outlet, right after the same speaker's, is the same statement.
  const carried = previous !== undefined && sameSpeaker(previous.speaker, s) ? { settingId: previous.settingId, outletId: previous.outletId } : {};
  w.quote(truth, verb, carried);
  return { speaker: s, ...carried };
}

/** "وأضاف أن …": the previous speaker goes on, in the same setting. */
function carryOn(c: Ctx, said: Said, contents: Array<(c: Ctx) => void>): void {
  const [words, verb] = c.rng.pick(CARRY_ON);
  c.w.put(words);
  c.w.quote(speakerTruth(said.speaker), verb, { settingId: said.settingId, outletId: said.outletId });
  quoteParagraph(c, contents);
}

function sameSpeaker(a: Speaker, b: Speaker): boolean {
  const x = speakerTruth(a);
  const y = speakerTruth(b);
  return "entityId" in x ? "entityId" in y && x.entityId === y.entityId : "candidate" in y && x.candidate === y.candidate;
}

const CARRY_ON: ReadonlyArray<readonly [string, string]> = [
  ["وأضاف أن ", "أضاف"],
  ["وأشار إلى أن ", "أشار"],
  ["وتابع: ", "تابع"],
  ["وشدد على أن ", "شدد"],
  ["ونوه إلى أن ", "نوه"],
  ["وأوضح أن ", "أوضح"],
];

/** One or two things said, and perhaps a closing remark; a spent pool of contents leaves the remark alone. */
function quoteParagraph(c: Ctx, contents: Array<(c: Ctx) => void>): void {
  const said = contents.splice(0, c.rng.int(1, 2));
  said.forEach((write, i) => {
    if (i > 0) c.w.put(" ");
    write(c);
  });
  if (said.length === 0 || c.rng.chance(0.4)) c.w.put(`${said.length > 0 ? " " : ""}${c.rng.pick(QUOTE_TAILS)}`);
  c.w.paragraph();
}

function narrationParagraph(c: Ctx, narrations: Array<(c: Ctx) => void>, sentences: number): void {
  for (let i = 0; i < sentences && narrations.length > 0; i++) {
    if (i > 0) c.w.put(" ");
    narrations.splice(0, 1)[0]!(c);
  }
  c.w.paragraph();
}

function heading(c: Ctx): void {
  const roll = c.rng.int(0, 5);
  if (roll === 0) name(c, c.cast.oirHeading);
  else if (roll === 1) name(c, c.cast.covidHeading);
  else c.w.put(c.rng.pick(HEADINGS));
  c.w.paragraph();
}

function headline(c: Ctx): string {
  const start = c.w.position;
  const roll = c.rng.int(0, 2);
  if (roll === 0) {
    name(c, c.rng.pick(c.cast.countries.slice(0, 2)));
    c.w.put(" شريك أساسي في جهود ");
    name(c, c.cast.coalition);
  } else if (roll === 1) {
    name(c, c.rng.pick(c.cast.partners.slice(0, 2)));
    c.w.put(" تواصل عملياتها ضد ");
    name(c, c.cast.isis);
    c.w.put(" في ");
    name(c, c.rng.pick(c.cast.countries.slice(2)));
  } else {
    name(c, c.cast.coalition);
    c.w.put(" يجدد التزامه بهزيمة ");
    name(c, c.cast.isis);
  }
  const title = c.w.textFrom(start);
  c.w.paragraph();
  return title;
}

/** Three speakers of the article, in the order they first speak: the two coalition officers, an invented person, an organisation. */
function pickSpeakers(c: Ctx): Speaker[] {
  const feminine = c.rng.chance(0.3);
  const candidate: Speaker = {
    kind: "candidate",
    title: c.rng.pick(feminine ? FEMALE_TITLES : TITLES),
    name: `${c.rng.pick(feminine ? FEMALE_FIRST_NAMES : FIRST_NAMES)} ${c.rng.pick(LAST_NAMES)}`,
    feminine,
  };
  const pool: Speaker[] = [
    ...c.cast.people.map((person): Speaker => ({ kind: "person", person, introduced: false })),
    candidate,
    { kind: "org", org: c.rng.pick(c.cast.speakingOrgs) },
  ];
  return c.rng.sample(pool, 3);
}

export function generateArticle(index: number, gazetteer: readonly GazetteerEntry[], corpusSeed = DEFAULT_CORPUS_SEED): SyntheticArticle {
  const rng = new Rng(articleSeed(corpusSeed, index));
  const w = new ArticleWriter();
  const c: Ctx = { rng, w, cast: castFrom(gazetteer) };
  const contents = rng.sample(CONTENTS, CONTENTS.length);
  const narrations = rng.sample(NARRATIONS, NARRATIONS.length);
  const speakers = pickSpeakers(c);

  const title = headline(c);
  let said: Said | undefined;
  // Each speaker has a turn: introduced, then carried on by "وأضاف أن"; a named officer may come back later.
  const turns = [...speakers, ...speakers.filter((s) => s.kind === "person" && rng.chance(0.5))];
  turns.forEach((speaker, turn) => {
    if (turn > 0 && rng.chance(0.5)) heading(c);
    said = introduce(c, speaker, said);
    quoteParagraph(c, contents);
    for (let k = rng.int(0, 2); k > 0; k--) carryOn(c, said, contents);
    narrationParagraph(c, narrations, rng.int(1, 3));
  });
  if (rng.chance(0.3)) w.put("\nليست هناك تعليقات");

  const id = `synthetic-${String(index + 1).padStart(6, "0")}`;
  const { text, truth, facts } = w.finish();
  const y = rng.int(2015, 2024);
  const published = `${y}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  return {
    meta: { id, title, publisher: rng.pick(PUBLISHERS), language: "ar", published },
    text,
    facts: { source: id, facts },
    truth,
  };
}

/** Articles [first, first + count) of the corpus with this seed. */
export function generateCorpus(
  gazetteer: readonly GazetteerEntry[],
  { count, first = 0, seed = DEFAULT_CORPUS_SEED }: { count: number; first?: number; seed?: number },
): SyntheticArticle[] {
  return Array.from({ length: count }, (_, i) => generateArticle(first + i, gazetteer, seed));
}
