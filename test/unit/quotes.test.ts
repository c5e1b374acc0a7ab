import { describe, expect, it } from "vitest";
import { buildNameIndex, extract } from "../../src/ingest/extract/index.js";
import type { ExtractedQuote } from "../../src/ingest/extract/types.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";
import { parse } from "../../src/ingest/parse/index.js";

/**
 * Quote forms on sentences written for these tests (no article's text): who speaks, to or through
 * whom, and where the words start. The name index is the world data plus two people.
 */
const PEOPLE: GazetteerEntry[] = [
  { id: "karim-haddad", type: "Person", nameAr: "كريم حداد", nameEn: "Karim Haddad", aliases: [] },
  { id: "nadia-saleh", type: "Person", nameAr: "نادية صالح", nameEn: "Nadia Saleh", aliases: [] },
];
const NAMES = buildNameIndex(PEOPLE);

interface Row {
  verb: string;
  speaker: string;
  type?: string;
  outlet?: string;
  words: string;
}

function quotes(...paragraphs: string[]): Row[] {
  const text = ["عنوان", ...paragraphs].join("\n");
  const rows = extract(parse(text, "t"), NAMES).quotes.map((q: ExtractedQuote) => ({
    verb: q.verb,
    speaker: q.speakerEntityId ?? q.unresolvedSpeakerName,
    ...(q.unresolvedSpeakerType && { type: q.unresolvedSpeakerType }),
    ...((q.outletEntityId ?? q.unresolvedOutletName) && { outlet: q.outletEntityId ?? q.unresolvedOutletName }),
    words: text.slice(q.start, q.end),
  }));
  return rows;
}

describe("quotes: verbs and quote marks", () => {
  it("reads feminine, plural and diacritised verbs, and participles that carry on the speaker's report", () => {
    expect(quotes("وقالت نادية صالح إن الطريق مفتوح.", "وأكدوا أن الموعد ثابت.", "وصَرَّح كريم حداد بأن المفاوضات انتهت.")).toEqual([
      { verb: "قال", speaker: "nadia-saleh", words: "الطريق مفتوح." },
      { verb: "أكد", speaker: "nadia-saleh", words: "الموعد ثابت." },
      { verb: "صرح", speaker: "karim-haddad", words: "المفاوضات انتهت." },
    ]);
  });

  it("starts the words at an opening quote mark, a colon or قوله, and takes a quote before its verb", () => {
    expect(quotes("وقال كريم حداد «نحن مستعدون لكل الاحتمالات».")[0]!.words).toBe("نحن مستعدون لكل الاحتمالات».");
    expect(quotes("وأضافت نادية صالح: الحوار هو الطريق.")[0]!.words).toBe("الحوار هو الطريق.");
    expect(quotes("«المرحلة المقبلة أصعب»، قال كريم حداد.")).toEqual([{ verb: "قال", speaker: "karim-haddad", words: "المرحلة المقبلة أصعب" }]);
  });

  it("opens a report at a participle when the sentence has no reporting verb", () => {
    expect(quotes("وزار كريم حداد المعرض، قائلا إن الصناعة المحلية تتقدم.")).toEqual([
      { verb: "قال", speaker: "karim-haddad", words: "الصناعة المحلية تتقدم." },
    ]);
  });

  it("reads verbs of informing and expecting as reports", () => {
    expect(quotes("ورجحت مصادر دبلوماسية أن تعقد القمة في الربيع.")[0]).toMatchObject({ verb: "رجح", speaker: "مصادر دبلوماسية" });
    expect(quotes("وتوقع صندوق النقد الدولي أن يتباطأ النمو.")[0]).toMatchObject({ verb: "توقع", speaker: "imf" });
  });

  it("reads a transitive verb's statement right after its speaker, with no أن", () => {
    expect(quotes("وأعلنت الكويت أمس إغلاق المعبر الحدودي مؤقتا.")).toEqual([
      { verb: "أعلن", speaker: "kuwait", words: "إغلاق المعبر الحدودي مؤقتا." },
    ]);
  });
});

describe("quotes: speakers", () => {
  it("takes an organisation named by its head noun, and the organisation a bare head noun or a statement points back to", () => {
    expect(quotes("وقالت هيئة الطيران المدني إن الرحلات ستستأنف.", "وأضافت الهيئة أن المطار جاهز.", "وأوضح البيان أن التذاكر صالحة.")).toEqual([
      { verb: "قال", speaker: "هيئة الطيران المدني", type: "Organization", words: "الرحلات ستستأنف." },
      { verb: "أضاف", speaker: "هيئة الطيران المدني", type: "Organization", words: "المطار جاهز." },
      { verb: "أوضح", speaker: "هيئة الطيران المدني", type: "Organization", words: "التذاكر صالحة." },
    ]);
  });

  it("takes a bare head noun with no such organisation named before as the organisation speaking last", () => {
    expect(quotes("وقالت هيئة الموانئ إن الرصيف مغلق.", "وأضافت المؤسسة في بيانها أن العمل سيستأنف.").map((q) => q.speaker)).toEqual(["هيئة الموانئ", "هيئة الموانئ"]);
    expect(quotes("وقال كريم حداد إن الرصيف مغلق.", "وأضافت المؤسسة أن العمل سيستأنف.").map((q) => q.speaker)).toEqual(["karim-haddad"]);
  });

  it("resolves a bare head noun to an organisation the article named with that head, and a title after a quote", () => {
    expect(quotes("ورحبت هيئة الموانئ بالقرار، وانتقده حزب العمال الديمقراطي.", "وقال الحزب في بيان إن القرار متسرع.").at(-1)!.speaker).toBe("حزب العمال الديمقراطي");
    expect(quotes("وقالت وزيرة المالية نادية صالح إن التمويل متوفر.", "«لن نسمح بالتأخير»، قالت الوزيرة في مؤتمر صحفي.").map((q) => q.speaker)).toEqual([
      "nadia-saleh",
      "nadia-saleh",
    ]);
  });

  it("reads the subject before the verb: a name right before it, a relative's antecedent, the first person of the sentence", () => {
    expect(quotes("لكن هيئة الموانئ الوطنية ذكرت أن السفن تنتظر.")[0]!.speaker).toBe("هيئة الموانئ الوطنية");
    expect(quotes("وصل الوفد بعد ساعات من بيان لجنة التنسيق العليا التي أكدت أن اللقاء سيعقد.").at(-1)!.speaker).toBe("لجنة التنسيق العليا");
    expect(quotes("لكن كريم حداد عضو مجلس الإدارة أوضح في رسالة أن الأرباح تراجعت.")[0]!.speaker).toBe("karim-haddad");
  });

  it("resolves a title used alone, a demonstrative and a bare verb across paragraphs to the person named earlier", () => {
    expect(
      quotes(
        "وقال وزير الزراعة العراقي كريم حداد إن الموسم جيد.",
        "وأشار الوزير إلى أن الأسعار ستنخفض.",
        "وأوضح هذا المسؤول أن الدعم مستمر.",
        "وأضاف أن التصدير سيبدأ قريبا.",
      ).map((q) => q.speaker),
    ).toEqual(["karim-haddad", "karim-haddad", "karim-haddad", "karim-haddad"]);
  });

  it("names an unnamed source by its descriptor, and gives a joint statement one record per speaker", () => {
    expect(quotes("وقال مصدر دبلوماسي رفيع إن الجولة تأجلت.")[0]!.speaker).toBe("مصدر دبلوماسي رفيع");
    expect(quotes("وأكد كريم حداد، ونادية صالح، أن الاتفاق نهائي.").map((q) => [q.speaker, q.words])).toEqual([
      ["karim-haddad", "الاتفاق نهائي."],
      ["nadia-saleh", "الاتفاق نهائي."],
    ]);
  });

  it("reads a surname between a verb and its preposition, unless a subject stands before the verb", () => {
    expect(quotes("وشدد غوتيريش على أهمية الهدنة.")[0]).toMatchObject({ speaker: "غوتيريش", words: "على أهمية الهدنة." });
    // The subject before the verb wins over the object after it.
    expect(quotes("وقالوا إن هيئة الإغاثة الدولية أعلنت نيتها التوسع.").at(-1)!.speaker).toBe("هيئة الإغاثة الدولية");
  });

  it("ends an organisation's name at its country's nisba, and a title phrase at a relative pronoun", () => {
    expect(quotes("وأدانت الخارجية الأردنية الهجوم، معربة عن تضامنها.")[0]).toMatchObject({ speaker: "الخارجية الأردنية", words: "الهجوم، معربة عن تضامنها." });
    expect(
      quotes("التقى اللواء سمير حمدي رئيس البعثة الطبية بالوفد.", "وفي ختام الزيارة، نوه رئيس البعثة بالجهد الذى تبذله الفرق الميدانية.").at(-1)!.speaker,
    ).toBe("سمير حمدي");
  });

  it("finds a name after a title phrase and a date, and a person named again by part of the full name", () => {
    expect(quotes("وأكد المتحدث الرسمي باسم الميناء ألكسندر بوبوف، اليوم الأحد (5 أيار 2021)، أن السفينة غادرت.")[0]!.speaker).toBe("ألكسندر بوبوف");
    expect(
      quotes("وقالت المفوضة ماريا فان دير بيرغ إن الخطة جاهزة.", "ونشرت فان دير بيرغ صورا من الاجتماع، قائلة إن العمل بدأ.").map((q) => [q.speaker, q.words]),
    ).toEqual([
      ["ماريا فان دير بيرغ", "الخطة جاهزة."],
      ["ماريا فان دير بيرغ", "العمل بدأ."],
    ]);
  });

  it("names an office given with its complement, and reads a newspaper's quoted name", () => {
    expect(quotes("وقال المتحدث باسم بلدية المدينة إن الطرق سالكة.")[0]!.speaker).toBe("المتحدث باسم بلدية المدينة");
    expect(quotes('وذكرت صحيفة "الفجر الجديد" أن الموسم بدأ.')[0]).toMatchObject({ speaker: "الفجر الجديد", type: "Organization" });
  });

  it("leaves out a report whose speaker names no one rather than invent one", () => {
    expect(quotes("وقال الحاضرون في القاعة إن الأجواء كانت هادئة.")).toEqual([]);
    expect(quotes("وأعرب المشاركون عن أملهم في نجاح الخطة.")).toEqual([]);
    // "الوزير الفرنسي" is not the Iraqi minister named before, and "مستدركا" is no name.
    expect(quotes("وقال وزير الزراعة العراقي كريم حداد إن الموسم جيد.", "وقال الوزير الفرنسي إن الحل قريب.", "وأضاف مستدركا أن الوقت ينفد.").map((q) => q.speaker)).toEqual([
      "karim-haddad",
      "karim-haddad",
    ]);
  });
});

describe("quotes: relays and attributions", () => {
  it("keeps the speaker and the outlet of a relay", () => {
    expect(quotes("ونقلت وكالة الأناضول عن مصدر أمني قوله إن الحدود مغلقة.")).toEqual([
      { verb: "نقل", speaker: "مصدر أمني", outlet: "anadolu", words: "الحدود مغلقة." },
    ]);
    expect(quotes("وقال كريم حداد لوكالة فرانس برس إن الوضع هادئ.")[0]).toMatchObject({ speaker: "karim-haddad", outlet: "afp" });
    expect(quotes("وقال مسؤول أوروبي لرويترز إن العقوبات باقية.")[0]).toMatchObject({ speaker: "مسؤول أوروبي", outlet: "reuters" });
    expect(quotes('وقالت نادية صالح في مقابلة مع "إذاعة الجنوب" إن الموسم ناجح.')[0]).toMatchObject({ speaker: "nadia-saleh", outlet: "إذاعة الجنوب" });
    expect(quotes("ونقلت صحيفة النهار المسائية عن مصادر أن الجلسة أرجئت.")[0]).toMatchObject({ speaker: "مصادر", outlet: "صحيفة النهار المسائية" });
  });

  it("reads a statement's issuer and the agency it came through", () => {
    expect(quotes("وجاء في بيان لوزارة النقل البحرية، حسب وكالة الأنباء الكويتية، أن الموانئ تعمل.")[0]).toMatchObject({
      speaker: "وزارة النقل البحرية",
      outlet: "kuna",
      words: "الموانئ تعمل.",
    });
  });

  it("takes the source named before the words, with a comma between", () => {
    expect(quotes("ووفقا لهيئة الأرصاد الجوية، فإن الأمطار ستستمر.")[0]).toMatchObject({ speaker: "هيئة الأرصاد الجوية", words: "فإن الأمطار ستستمر." });
  });

  it("reads حسب ما أفادت …, نقلا عن …, and a title alone before its verb", () => {
    expect(quotes("وتضررت عشرة منازل، حسب ما أفادت وكالة الأنباء الكويتية.")[0]).toMatchObject({ speaker: "kuna", words: "وتضررت عشرة منازل" });
    expect(quotes("وأغلقت المدارس، نقلا عن مصادر تربوية.")[0]).toMatchObject({ speaker: "مصادر تربوية", words: "وأغلقت المدارس" });
    expect(quotes("وقال السفير كريم حداد إن العلاقات جيدة.", "وكان السفير قد صرح للصحفيين بأن الزيارة ناجحة.").map((q) => q.speaker)).toEqual([
      "karim-haddad",
      "karim-haddad",
    ]);
  });

  it("takes the source named after the words", () => {
    expect(quotes("وتهدف الخطة إلى تحديث الشبكة، وفقا لما أوردته صفحة هيئة الكهرباء الوطنية على منصة إكس.")).toEqual([
      { verb: "وفقا", speaker: "هيئة الكهرباء الوطنية", type: "Organization", words: "وتهدف الخطة إلى تحديث الشبكة" },
    ]);
  });
});
