/**
 * Query latency against graph size as a hand-written SVG (no plotting dependency for one chart):
 * x is the number of articles, y the median p50 latency in ms, both on log scales (lookups take a
 * few ms, the heaviest queries hundreds); a solid line per query through GraphQL, a dashed one
 * through hand-written Cypher, whiskers from min to max.
 */

export interface PlotSeries {
  query: string;
  side: "GraphQL" | "Cypher";
  points: Array<{ articles: number; median: number; min: number; max: number }>;
}

const COLORS = ["#1b6ca8", "#d1495b", "#2a9d8f", "#e9a03b", "#6a4c93", "#4d908e", "#8f2d56"];
const W = 860;
const H = 520;
const M = { left: 70, right: 250, top: 40, bottom: 60 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function latencyPlot(series: readonly PlotSeries[], title: string): string {
  const all = series.flatMap((s) => s.points);
  const xs = [...new Set(all.map((p) => p.articles))].sort((a, b) => a - b);
  const logX = (n: number) => Math.log10(Math.max(1, n));
  const [x0, x1] = [logX(xs[0] ?? 1), Math.max(logX(xs.at(-1) ?? 10), logX(xs[0] ?? 1) + 1)];
  const ticks = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
  const lo = Math.min(...all.map((p) => p.min));
  const hi = Math.max(...all.map((p) => p.max));
  const yTicks = ticks.filter((t, i) => (ticks[i + 1] ?? Infinity) > lo && (ticks[i - 1] ?? 0) < hi);
  const [y0, y1] = [Math.log10(yTicks[0] ?? 1), Math.log10(yTicks.at(-1) ?? 10)];
  const px = (n: number) => M.left + ((logX(n) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (ms: number) => H - M.bottom - ((Math.log10(Math.max(ms, 1e-3)) - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${M.left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (const v of yTicks) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${py(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const n of xs) {
    out.push(`<line x1="${px(n)}" x2="${px(n)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${px(n)}" y="${H - M.bottom + 18}" text-anchor="middle">${n.toLocaleString("en-US")}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 18}" text-anchor="middle">articles in the graph (log scale)</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">p50 latency under load (ms, log scale)</text>`);

  const queries = [...new Set(series.map((s) => s.query))];
  series.forEach((s) => {
    const color = COLORS[queries.indexOf(s.query) % COLORS.length]!;
    const dash = s.side === "Cypher" ? ` stroke-dasharray="6 4"` : "";
    const pts = [...s.points].sort((a, b) => a.articles - b.articles);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map((p) => `${px(p.articles)},${py(p.median)}`).join(" ")}"/>`);
    for (const p of pts) {
      out.push(`<line x1="${px(p.articles)}" x2="${px(p.articles)}" y1="${py(p.min)}" y2="${py(p.max)}" stroke="${color}" stroke-width="1"/>`);
      out.push(`<circle cx="${px(p.articles)}" cy="${py(p.median)}" r="3" fill="${s.side === "Cypher" ? "white" : color}" stroke="${color}"/>`);
    }
  });
  queries.forEach((q, i) => {
    const y = M.top + 10 + i * 20;
    const x = W - M.right + 20;
    const color = COLORS[i % COLORS.length]!;
    out.push(`<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${x + 30}" y="${y + 4}">${esc(q)}</text>`);
  });
  const ly = M.top + 20 + queries.length * 20;
  out.push(`<line x1="${W - M.right + 20}" x2="${W - M.right + 44}" y1="${ly}" y2="${ly}" stroke="#333" stroke-width="2"/>`);
  out.push(`<text x="${W - M.right + 50}" y="${ly + 4}">GraphQL API</text>`);
  out.push(`<line x1="${W - M.right + 20}" x2="${W - M.right + 44}" y1="${ly + 20}" y2="${ly + 20}" stroke="#333" stroke-width="2" stroke-dasharray="6 4"/>`);
  out.push(`<text x="${W - M.right + 50}" y="${ly + 24}">hand-written Cypher</text>`);
  out.push(`<text x="${W - M.right + 20}" y="${ly + 48}" fill="#555">whiskers: min–max of runs</text>`);
  out.push("</svg>");
  return out.join("\n") + "\n";
}
