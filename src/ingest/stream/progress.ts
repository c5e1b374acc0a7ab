import { MultiBar, Presets } from "cli-progress";

/**
 * Progress of an ingest run on standard error: a bar with rate and ETA on a terminal
 * (cli-progress), plain lines at most every PLAIN_EVERY_MS otherwise (a log, a CI job).
 * Problems printed meanwhile go through `log`, above the bar.
 */

export interface Progress {
  /** `done` articles handled of `total` (undefined when unknown: standard input). */
  update(done: number): void;
  log(line: string): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

/** "1,200 / 100,000 articles (1.2 %), 210 articles/s, ETA 7m 50s": the plain line, pure. */
export function progressLine(done: number, total: number | undefined, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const n = (x: number) => x.toLocaleString("en-US");
  if (total === undefined) return `${n(done)} articles, ${rate.toFixed(0)} articles/s`;
  const eta = rate > 0 ? duration((total - done) / rate) : "–";
  return `${n(done)} / ${n(total)} articles (${((100 * done) / Math.max(1, total)).toFixed(1)} %), ${rate.toFixed(0)} articles/s, ETA ${eta}`;
}

export function startProgress(total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (!stream.isTTY) {
    let last = performance.now();
    let shown = -1;
    const show = (done: number) => {
      shown = done;
      last = performance.now();
      stream.write(`ingest: ${progressLine(done, total, seconds())}\n`);
    };
    let latest = 0;
    return {
      update(done) {
        latest = done;
        if (performance.now() - last >= PLAIN_EVERY_MS) show(done);
      },
      log: (line) => stream.write(`${line}\n`),
      stop: () => {
        if (shown !== latest) show(latest);
      },
    };
  }
  const bars = new MultiBar(
    {
      stream,
      hideCursor: true,
      format: total === undefined ? "ingest | {value} articles | {rate} articles/s" : "ingest [{bar}] {percentage}% | {value}/{total} articles | {rate} articles/s | ETA {eta_formatted}",
    },
    Presets.shades_classic,
  );
  const bar = bars.create(total ?? 0, 0, { rate: "0" });
  return {
    update: (done) => bar.update(done, { rate: (done / Math.max(seconds(), 1e-3)).toFixed(0) }),
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
