import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildNameIndex } from "../../src/ingest/extract/index.js";
import {
  ARTICLE_STAGES,
  buildSourceGraph,
  runArticles,
  runStages,
  runStagesNow,
  sharedPerRun,
  TEXT_STAGES,
  warningsOrThrow,
  type Stage,
  type StageContext,
} from "../../src/ingest/pipeline/stages.js";
import { sha256Hex } from "../../src/model/ids.js";
import { formatProblem, InputError, problemAt, type Problem } from "../../src/model/problem.js";

const seed = (name: string) => fileURLToPath(new URL(`../../seed/${name}`, import.meta.url));
const bad = (name: string) => fileURLToPath(new URL(`../fixtures/bad-input/${name}`, import.meta.url));

/** A toy work record and stages that log their runs, for the runner's rules. */
interface Toy {
  start: true;
  a?: number;
  b?: number;
  c?: number;
}

function toy(name: string, reads: (keyof Toy)[], produces: (keyof Toy)[], options: { afterErrors?: boolean; report?: Problem["severity"] } = {}) {
  return (log: string[]): Stage<Toy> => ({
    name,
    reads,
    produces,
    afterErrors: options.afterErrors ?? false,
    run(_work, context) {
      log.push(name);
      if (options.report) context.report(problemAt(`${name}:rule`, "f.txt", { line: 2, column: 3 }, `${name} says so`, { severity: options.report }));
      return Object.fromEntries(produces.map((field) => [field, 1]));
    },
  });
}

async function runToy(stages: ((log: string[]) => Stage<Toy>)[]) {
  const log: string[] = [];
  const problems: Problem[] = [];
  const context: StageContext = { report: (p) => problems.push(p), shared: sharedPerRun() };
  const { work, failed } = await runStages<Toy>({ start: true }, stages.map((s) => s(log)), context);
  return { log, problems, work, failed };
}

describe("the article stages, declared as data", () => {
  it("are listed in pipeline order", () => {
    expect(ARTICLE_STAGES.map((s) => s.name)).toEqual(["read", "check", "index", "resolve", "parse", "extract", "graph", "review", "validate"]);
  });

  it("read only what an earlier stage produces", () => {
    const available = new Set<string>(["sources"]);
    for (const stage of ARTICLE_STAGES) {
      for (const field of stage.reads) expect(available.has(field), `${stage.name} reads ${field}`).toBe(true);
      stage.produces.forEach((field) => available.add(field));
    }
  });

  it("run on the seed article to its graph, with no problem", async () => {
    const run = await runArticles([{ metaPath: seed("article-ar.meta.yaml"), gazetteerPath: seed("gazetteer.yaml") }]);
    expect(run.problems).toEqual([]);
    expect(run.articles[0]!.built?.graph.source.id).toBe("lusail-qatar-coalition-2020");
  });
});

describe("the stage runner", () => {
  it("runs the stages in the declared order, each when what it reads is there", async () => {
    const { log, work } = await runToy([toy("one", ["start"], ["a"]), toy("two", ["a"], ["b"]), toy("three", ["b"], ["c"])]);
    expect(log).toEqual(["one", "two", "three"]);
    expect(work).toEqual({ start: true, a: 1, b: 1, c: 1 });
  });

  it("skips a stage while a field it reads is missing", async () => {
    const { log } = await runToy([toy("needs-c", ["c"], ["a"]), toy("two", ["start"], ["b"])]);
    expect(log).toEqual(["two"]);
  });

  it("warnings do not stop the run", async () => {
    const { log, problems, failed } = await runToy([toy("one", ["start"], ["a"], { report: "warning" }), toy("two", ["a"], ["b"])]);
    expect(log).toEqual(["one", "two"]);
    expect(failed).toBe(false);
    expect(problems.map((p) => p.severity)).toEqual(["warning"]);
  });

  it("an error stops the run, except for the stages that run after errors", async () => {
    const { log, failed } = await runToy([
      toy("one", ["start"], ["a"], { report: "error" }),
      toy("checks-on", ["a"], ["b"], { afterErrors: true }),
      toy("builds", ["b"], ["c"]),
      toy("later", ["start"], []),
    ]);
    expect(log).toEqual(["one", "checks-on"]);
    expect(failed).toBe(true);
  });

  it("refuses a stage that produces what it does not declare", async () => {
    await expect(runToy([toy("sly", ["start"], ["a"]), (log) => ({ ...toy("liar", ["start"], [])(log), run: () => ({ b: 2 }) })])).rejects.toThrow(
      'stage "liar" produced b, which it does not declare',
    );
  });

  it("runs stages without I/O synchronously by the same rules, and refuses one that returns a promise", () => {
    const log: string[] = [];
    const context: StageContext = { report: () => undefined, shared: sharedPerRun() };
    const stages = [toy("one", ["start"], ["a"], { report: "error" }), toy("checks-on", ["a"], ["b"], { afterErrors: true }), toy("builds", ["b"], ["c"])];
    const { work, failed } = runStagesNow<Toy>({ start: true }, stages.map((s) => s(log)), context);
    expect(log).toEqual(["one", "checks-on"]);
    expect(work).toEqual({ start: true, a: 1, b: 1 });
    expect(failed).toBe(true);
    const io: Stage<Toy> = { ...toy("reads-a-file", ["start"], ["a"])([]), run: () => Promise.resolve({ a: 1 }) };
    expect(() => runStagesNow<Toy>({ start: true }, [io], context)).toThrow('stage "reads-a-file" does I/O; run it with runStages');
  });
});

describe("a text in memory through the text stages", () => {
  const names = buildNameIndex([]);
  const input = (id: string, text: string) => ({ meta: { id, title: "t", publisher: "p", language: "ar" }, text, sha256: sha256Hex(text), file: "memo.txt" });

  it("are the stages from parse to validate", () => {
    expect(TEXT_STAGES.map((s) => s.name)).toEqual(["parse", "extract", "graph", "review", "validate"]);
  });

  it("give the graph of the text", () => {
    const { graph, parsed, extraction } = buildSourceGraph(input("memo-1", "وصل وزير الخارجية إلى قطر أمس."), names, [], { trusted: false });
    expect(graph.source.id).toBe("memo-1");
    expect(parsed.text).toBe(graph.source.text);
    expect(graph.entities.map((e) => e.id)).toContain("qatar");
    expect(extraction.entityMentions.some((m) => m.entityId === "qatar")).toBe(true);
  });

  it("throw the validate stage's problems, naming the file, when the graph breaks the schema", () => {
    let thrown: unknown;
    try {
      buildSourceGraph(input("Not An Id!", "قطر"), names, [], { trusted: false });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const problems = (thrown as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ file: "memo.txt", origin: "validate:schema", severity: "error" });
  });
});

describe("the problem channel", () => {
  it("a problem carries its reason, place, origin and severity", async () => {
    const { problems } = await runArticles([
      { metaPath: bad("missing-article.meta.yaml"), gazetteerPath: bad("small.gazetteer.yaml") },
    ]);
    expect(problems).toEqual([
      {
        file: bad("missing-article.meta.yaml"),
        line: 2,
        column: 7,
        field: "file",
        reason: expect.stringMatching(/^article file "no-such-article.txt" does not exist/) as string,
        origin: "read:meta",
        severity: "error",
      },
    ]);
  });

  it("each stage reports under its own name", async () => {
    const { problems } = await runArticles([
      { articlePath: bad("evidence-article.txt"), gazetteerPath: bad("small.gazetteer.yaml"), factsPath: bad("unknown-entity.facts.yaml") },
    ]);
    expect([...new Set(problems.map((p) => p.origin))].sort()).toEqual([
      "check:date-precision",
      "check:facts-source",
      "check:same-claim",
      "check:unknown-entity",
      "resolve:evidence",
    ]);
  });

  it("a problem of a file every article shares is reported once", async () => {
    const article = { articlePath: bad("evidence-article.txt"), gazetteerPath: bad("duplicate-id.gazetteer.yaml") };
    const { problems } = await runArticles([article, article]);
    expect(problems.map((p) => p.field)).toEqual(["entities[2].id", "entities[2].partOf"]);
  });

  it("prints errors as file:line:column (field): reason, and marks warnings", () => {
    const place = { line: 4, column: 13 };
    expect(formatProblem(problemAt("check:x", "g.yaml", place, "bad", { field: "entities[0]" }))).toBe("g.yaml:4:13 (entities[0]): bad");
    expect(formatProblem(problemAt("check:x", "g.yaml", place, "odd", { severity: "warning" }))).toBe("g.yaml:4:13: warning: odd");
    expect(formatProblem(problemAt("read:article", "a.txt", undefined, "empty"))).toBe("a.txt: empty");
  });

  it("the edge throws every problem when one is an error, and passes warnings on otherwise", () => {
    const warning = problemAt("x:y", "a.txt", undefined, "odd", { severity: "warning" });
    const error = problemAt("x:z", "a.txt", undefined, "wrong");
    expect(warningsOrThrow([warning])).toEqual([warning]);
    expect(() => warningsOrThrow([warning, error])).toThrow(InputError);
    expect(() => warningsOrThrow([warning, error])).toThrow("a.txt: warning: odd\na.txt: wrong");
  });
});
