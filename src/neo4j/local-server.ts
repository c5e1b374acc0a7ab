import { spawn, spawnSync } from "node:child_process";
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Env, Neo4jTarget } from "../config.js";
import { fromRoot } from "../paths.js";
import { openDriver } from "./driver-config.js";

/**
 * The project-managed Neo4j 5.26 Community server: jars assembled from Maven Central by
 * neo4j/pom.xml, started as the official launcher does (java -cp plugins:conf:lib
 * CommunityEntryPoint). One home folder holds the shared jars and one folder per instance
 * (conf, data, logs, run), so the tests' server never touches the one `npm start` serves.
 */

const pomFile = fromRoot("neo4j", "pom.xml");
const confTemplate = fromRoot("neo4j", "conf", "neo4j.conf");

export interface InstanceOptions {
  /** Shared folder for jars (lib/, plugins/) and instances; git-ignored. */
  home: string;
  /** Instance name: its own conf, data, logs and run folders under home/instances/<name>. */
  name: string;
  boltPort: number;
  httpPort: number;
  password: string;
  startTimeoutSeconds: number;
  /** Settings this instance adds to neo4j/conf/neo4j.conf (e.g. browser.post_connect_cmd). */
  settings?: Readonly<Record<string, string>>;
  /** JVM flags this instance adds, one server.jvm.additional line each (neo4j-admin gets them too). */
  jvm?: readonly string[];
  /** Where progress goes (Maven output, waiting dots). */
  log?: (line: string) => void;
}

export class Neo4jLocalError extends Error {
  override name = "Neo4jLocalError";
}

/** The "main" instance serves `npm start`; tests use their own ("test") on other ports. */
export function instanceFromEnv(env: Env, name = "main", ports?: { bolt: number; http: number }): InstanceOptions {
  return {
    home: env.SANAD_NEO4J_HOME ?? fromRoot(".neo4j"),
    name,
    boltPort: ports?.bolt ?? env.NEO4J_BOLT_PORT,
    httpPort: ports?.http ?? env.NEO4J_HTTP_PORT,
    password: env.NEO4J_PASSWORD,
    startTimeoutSeconds: env.NEO4J_START_TIMEOUT,
    log: (line) => console.error(line),
  };
}

function paths(o: InstanceOptions) {
  const instance = join(o.home, "instances", o.name);
  return {
    lib: join(o.home, "lib"),
    plugins: join(o.home, "plugins"),
    instance,
    conf: join(instance, "conf"),
    adminConf: join(instance, "conf-admin"),
    data: join(instance, "data"),
    logs: join(instance, "logs"),
    run: join(instance, "run"),
    pidFile: join(instance, "run", "neo4j.pid"),
    consoleLog: join(instance, "logs", "console.log"),
    neo4jLog: join(instance, "logs", "neo4j.log"),
  };
}

export function logFiles(o: InstanceOptions): { console: string; neo4j: string } {
  const p = paths(o);
  return { console: p.consoleLog, neo4j: p.neo4jLog };
}

export function target(o: InstanceOptions): Neo4jTarget {
  return { uri: `bolt://127.0.0.1:${o.boltPort}`, username: "neo4j", password: o.password };
}

function pomVersion(name: string): string {
  const m = readFileSync(pomFile, "utf8").match(new RegExp(`<${name}>([^<]+)</${name}>`));
  if (!m?.[1]) throw new Neo4jLocalError(`${pomFile} has no <${name}>`);
  return m[1];
}

function isInstalled(o: InstanceOptions): boolean {
  const p = paths(o);
  const neo4jVersion = pomVersion("neo4j.version");
  const apocVersion = pomVersion("apoc.version");
  return (
    existsSync(join(p.lib, `neo4j-server-${neo4jVersion}.jar`)) &&
    existsSync(join(p.plugins, `apoc-core-${apocVersion}.jar`))
  );
}

/** What each of neo4j/pom.xml's executions does, for the one progress line it gets. */
const MAVEN_PHASES: Record<string, string> = {
  "server-lib": "copying the server, Neo4j Browser and their libraries into lib/",
  "apoc-plugin": "copying APOC core into plugins/",
};

/**
 * First run: Maven resolves the server, Browser and APOC from Maven Central. The user sees one
 * line per phase; Maven's full output goes to <home>/maven.log, which a failure names.
 */
export async function install(o: InstanceOptions): Promise<void> {
  if (isInstalled(o)) return;
  const p = paths(o);
  // A different pinned version leaves stale jars behind: start from empty folders.
  rmSync(p.lib, { recursive: true, force: true });
  rmSync(p.plugins, { recursive: true, force: true });
  mkdirSync(o.home, { recursive: true });
  const logFile = join(o.home, "maven.log");
  const began = Date.now();
  o.log?.(`Assembling Neo4j ${pomVersion("neo4j.version")} into ${o.home} (first run only; Maven's log: ${logFile})`);
  o.log?.("  resolving the server, Neo4j Browser and APOC from Maven Central...");
  const log = createWriteStream(logFile);
  // -ntp: no line per downloaded file; the log keeps the rest.
  const mvn = spawn("mvn", ["-B", "-ntp", "-f", pomFile, "package", `-Dneo4j.home=${o.home}`], { stdio: ["ignore", "pipe", "pipe"] });
  mvn.stderr.pipe(log, { end: false });
  const lines = createInterface({ input: mvn.stdout });
  lines.on("line", (line) => {
    log.write(`${line}\n`);
    const phase = /^\[INFO\] --- .*\(([\w-]+)\) @/.exec(line)?.[1];
    if (phase && MAVEN_PHASES[phase]) o.log?.(`  ${MAVEN_PHASES[phase]}...`);
  });
  const exit = await new Promise<number | Error>((ok) => {
    mvn.once("error", ok);
    mvn.once("close", (code) => ok(code ?? 1));
  });
  await new Promise((ok) => log.end(ok));
  if (exit instanceof Error) throw new Neo4jLocalError(`Could not run Maven (mvn): ${exit.message}. Install Maven and a JDK 17 or 21.`);
  if (exit !== 0) {
    const errors = readFileSync(logFile, "utf8").split("\n").filter((l) => l.startsWith("[ERROR]")).slice(0, 5);
    throw new Neo4jLocalError(`Maven failed (exit ${exit}) assembling Neo4j from ${pomFile}; the full log is ${logFile}.\n${errors.join("\n")}`);
  }
  if (!isInstalled(o)) throw new Neo4jLocalError(`Maven finished but ${p.lib} lacks the server jars; see ${logFile}.`);
  const count = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".jar")).length;
  o.log?.(`  done in ${Math.round((Date.now() - began) / 1000)} s: ${count(p.lib)} jars in lib/, ${count(p.plugins)} in plugins/`);
}

function javaBin(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}

/** The instance's own settings and JVM flags, as neo4j.conf lines. */
function settingLines(o: InstanceOptions): string[] {
  return [...Object.entries(o.settings ?? {}).map(([key, value]) => `${key}=${value}`), ...(o.jvm ?? []).map((flag) => `server.jvm.additional=${flag}`)];
}

/** The instance's neo4j.conf: the repository's file plus this instance's ports and folders. */
export function writeConf(o: InstanceOptions): string[] {
  const p = paths(o);
  for (const dir of [p.conf, p.data, p.logs, p.run]) mkdirSync(dir, { recursive: true });
  const template = readFileSync(confTemplate, "utf8");
  const instanceLines = [
    "",
    `# Written by src/neo4j/local-server.ts for instance "${o.name}"; edit neo4j/conf/neo4j.conf instead.`,
    `server.bolt.listen_address=127.0.0.1:${o.boltPort}`,
    `server.http.listen_address=127.0.0.1:${o.httpPort}`,
    `server.directories.data=${p.data}`,
    `server.directories.logs=${p.logs}`,
    `server.directories.run=${p.run}`,
    `server.directories.plugins=${p.plugins}`,
    `server.directories.lib=${p.lib}`,
    ...settingLines(o),
    "",
  ];
  const conf = template + instanceLines.join("\n");
  writeFileSync(join(p.conf, "neo4j.conf"), conf);
  // neo4j-admin validates strictly but does not know the server's browser.* settings, so it
  // gets only the folders.
  mkdirSync(p.adminConf, { recursive: true });
  writeFileSync(join(p.adminConf, "neo4j.conf"), instanceLines.filter((l) => l.startsWith("server.directories.")).join("\n") + "\n");
  return jvmFlags(conf);
}

/** The JVM flags bin/neo4j derives from neo4j.conf: server.jvm.additional and the heap sizes. */
export function jvmFlags(conf: string): string[] {
  const flags: string[] = [];
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === "server.jvm.additional") flags.push(value);
    else if (key === "server.memory.heap.initial_size") flags.push(`-Xms${value}`);
    else if (key === "server.memory.heap.max_size") flags.push(`-Xmx${value}`);
  }
  return flags;
}

function classpath(o: InstanceOptions): string {
  const p = paths(o);
  return [`${p.plugins}/*`, `${p.conf}/*`, `${p.lib}/*`].join(":");
}

/**
 * Runs neo4j-admin (org.neo4j.cli.AdminTool) on this instance's folders, e.g.
 * `database import full ...`; commands that write a database need the server stopped.
 */
export async function admin(o: InstanceOptions, args: readonly string[]): Promise<string> {
  await install(o);
  writeConf(o);
  // The instance's own JVM flags, not the template's, whose heap and pre-touching suit a server.
  const flags = jvmFlags(settingLines(o).join("\n"));
  const r = spawnSync(javaBin(), ["-cp", classpath(o), ...flags, "org.neo4j.cli.AdminTool", ...args], {
    env: { ...process.env, NEO4J_HOME: o.home, NEO4J_CONF: paths(o).adminConf },
    encoding: "utf8",
  });
  if (r.error) throw new Neo4jLocalError(`Could not run ${javaBin()}: ${r.error.message}`);
  if (r.status !== 0) throw new Neo4jLocalError(`neo4j-admin ${args.slice(0, 2).join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

async function setInitialPassword(o: InstanceOptions): Promise<void> {
  const p = paths(o);
  if (existsSync(join(p.data, "dbms", "auth.ini")) || existsSync(join(p.data, "databases", "system"))) return;
  await admin(o, ["dbms", "set-initial-password", o.password]);
}

function readPid(o: InstanceOptions): number | undefined {
  const file = paths(o).pidFile;
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.once("error", () => ok(false));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
  });
}

export async function boltAnswers(t: Neo4jTarget): Promise<boolean> {
  const driver = openDriver(t, { quiet: true, config: { connectionTimeout: 2000 } });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export interface Status {
  running: boolean;
  pid?: number;
  bolt: string;
  http: string;
}

export async function status(o: InstanceOptions): Promise<Status> {
  const pid = readPid(o);
  const running = pid !== undefined && isAlive(pid);
  return {
    running,
    ...(running ? { pid } : {}),
    bolt: `bolt://127.0.0.1:${o.boltPort}`,
    http: `http://127.0.0.1:${o.httpPort}/browser/`,
  };
}

/**
 * Starts the instance and waits until Bolt answers. Returns false when it was already running
 * (the caller then must not stop it), true when this call started it.
 */
export async function start(o: InstanceOptions): Promise<boolean> {
  const p = paths(o);
  const pid = readPid(o);
  if (pid !== undefined && isAlive(pid)) {
    await waitForBolt(o, pid);
    return false;
  }
  for (const port of [o.boltPort, o.httpPort]) {
    if (!(await portIsFree(port))) {
      throw new Neo4jLocalError(
        `Port ${port} on 127.0.0.1 is taken by another program; stop it, or choose other ports with NEO4J_BOLT_PORT / NEO4J_HTTP_PORT.`,
      );
    }
  }
  await install(o);
  const flags = writeConf(o);
  await setInitialPassword(o);
  const out = openSync(p.consoleLog, "a");
  const child = spawn(
    javaBin(),
    [
      "-cp",
      classpath(o),
      ...flags,
      "org.neo4j.server.CommunityEntryPoint",
      `--home-dir=${o.home}`,
      `--config-dir=${p.conf}`,
      "--console-mode",
    ],
    { detached: true, stdio: ["ignore", out, out], env: { ...process.env, NEO4J_HOME: o.home, NEO4J_CONF: p.conf } },
  );
  closeSync(out);
  if (child.pid === undefined) throw new Neo4jLocalError(`Could not start ${javaBin()}: is a JDK 17 or 21 installed?`);
  writeFileSync(p.pidFile, String(child.pid));
  child.unref();
  o.log?.(`Neo4j starting (pid ${child.pid}), logs in ${p.logs}`);
  await waitForBolt(o, child.pid);
  return true;
}

async function waitForBolt(o: InstanceOptions, pid: number): Promise<void> {
  const p = paths(o);
  const deadline = Date.now() + o.startTimeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Neo4jLocalError(`Neo4j exited during start-up; see ${p.consoleLog} and ${p.neo4jLog}.\n${tail(p.consoleLog, 15)}`);
    }
    if (await boltAnswers(target(o))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Neo4jLocalError(
    `Neo4j did not answer on ${target(o).uri} within ${o.startTimeoutSeconds}s (NEO4J_START_TIMEOUT); see ${p.neo4jLog} and ${p.consoleLog}.`,
  );
}

/** Stops the instance cleanly (SIGTERM, Neo4j checkpoints and exits), SIGKILL after a grace period. */
export async function stop(o: InstanceOptions, graceSeconds = 60): Promise<boolean> {
  const p = paths(o);
  const pid = readPid(o);
  if (pid === undefined || !isAlive(pid)) {
    rmSync(p.pidFile, { force: true });
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceSeconds * 1000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  rmSync(p.pidFile, { force: true });
  return true;
}

export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(no ${file} yet)`;
  return readFileSync(file, "utf8").split("\n").slice(-lines - 1).join("\n");
}
