import { describe, expect, it } from "vitest";
import { nameLookupKeys, searchPhrase } from "../../src/serve/api/name-lookup.js";

describe("nameLookupKeys", () => {
  it("folds first, so an exact match ranks first", () => {
    expect(nameLookupKeys("قَطَر")[0]).toBe("قطر");
    expect(nameLookupKeys("  Qatar ")[0]).toBe("qatar");
    expect(nameLookupKeys("مذكرة")[0]).toBe("مذكره");
  });

  it("tries leading clitics off", () => {
    expect(nameLookupKeys("لقطر")).toContain("قطر");
    expect(nameLookupKeys("وقطر")).toContain("قطر");
    expect(nameLookupKeys("بالتحالف الدولي")).toContain("التحالف الدولي");
    expect(nameLookupKeys("والولايات المتحدة")).toContain("الولايات المتحده"); // keys are folded: ة → ه
    expect(nameLookupKeys("فبالعراق")).toContain("العراق");
  });

  it("reads لل as ل + ال", () => {
    expect(nameLookupKeys("للتحالف الدولي")).toContain("التحالف الدولي");
  });

  it("keeps no one-letter remnant", () => {
    expect(nameLookupKeys("لب").every((k) => k.length >= 2)).toBe(true);
    expect(nameLookupKeys("")).toEqual([]);
  });
});

describe("searchPhrase", () => {
  it("escapes every Lucene operator character and lower-cases AND / OR / NOT into words", () => {
    expect(searchPhrase(' "قطر AND (title:[a TO b]) ')).toBe('\\"قطر and \\(title\\:\\[a to b\\]\\)');
    expect(searchPhrase("a\\b*?~^!+-&|{}/")).toBe("a\\\\b\\*\\?\\~\\^\\!\\+\\-\\&\\|\\{\\}\\/");
    expect(searchPhrase("   ")).toBe("");
  });
});
