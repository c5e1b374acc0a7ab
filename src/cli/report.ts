import { join } from "node:path";
import { Command } from "commander";
import { buildArticles, buildSeedGraphs, configuredSeedDir } from "../ingest/pipeline/seed-project.js";
import { coverage, type Coverage } from "../tools/report/coverage.js";
import { merges } from "../tools/report/merges.js";
import { fail, warn } from "./output.js";

/** `npm run report [-- <file...>]`: coverage of the seed articles (or of the given ones); no database needed. */
function section(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return `${title} (${rows.reduce((n, [, c]) => n + c, 0)})\n${rows.map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`).join("\n")}`;
}

function print(c: Coverage): void {
  console.log(`\n# ${c.sourceId}\n`);
  console.log(section("Entities mentioned, by type", c.entitiesByType));
  if (c.candidates.length) console.log(`Candidates for review: ${c.candidates.join("، ")}`);
  console.log(section("Claims by predicate", c.claimsByPredicate));
  console.log(section("Quotes by speaker", c.quotesBySpeaker));
  console.log(`Body sentences: ${c.bodySentences}, without a claim or a quote: ${c.uncovered.length}`);
  for (const u of c.uncovered) console.log(`  [${u.start}-${u.end}] ${u.text}\n      reason: ${u.reason}`);
}

new Command("report")
  .description("Per source: entities by type, claims by predicate, quotes by speaker, sentences left without a claim or quote; candidates merged, and why")
  .argument("[files...]", "article texts or *.meta.yaml (default: every article under seed/)")
  .option("--gazetteer <file>", "gazetteer (default: gazetteer.yaml of SANAD_SEED_DIR, else of seed/)")
  .action(async (files: string[], opts: { gazetteer?: string }) => {
    const seedDir = configuredSeedDir();
    const built = files.length
      ? await buildArticles(files.map((f) => (f.endsWith(".meta.yaml") ? { metaPath: f } : { articlePath: f })), opts.gazetteer ?? join(seedDir, "gazetteer.yaml"), undefined, warn)
      : await buildSeedGraphs(seedDir, warn);
    for (const b of built) print(coverage(b.graph, b.parsed));
    const merged = merges(built.map((b) => b.graph));
    if (merged.length) console.log(`\n# Candidates standing for more than one mention, and why\n`);
    for (const m of merged) {
      console.log(`- ${m.nodeId} (${m.type}) «${m.name}»: ${m.reason}`);
      for (const [source, words] of Object.entries(m.sources)) console.log(`    ${source}: ${words.map((w) => `«${w}»`).join("، ")}`);
    }
  })
  .parseAsync()
  .catch(fail);
