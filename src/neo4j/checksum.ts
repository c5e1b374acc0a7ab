import { createHash } from "node:crypto";
import neo4j, { type Driver } from "neo4j-driver";

/**
 * A checksum of a whole graph by content, independent of internal ids and of the order Neo4j
 * returns things in: every node's labels and properties, every relationship's type, properties
 * and endpoints (by their labels and id). Integers and floats stay apart (5 is not 5.0), as do
 * an empty string and no property. Each line is hashed and the hashes are added up (modulo
 * 2^256), so a graph of millions of elements is read as a stream in constant memory.
 */

function canon(value: unknown): string {
  return JSON.stringify(value, (_k, x: unknown) => {
    if (neo4j.isInt(x)) return `int:${(x as { toString(): string }).toString()}`;
    if (typeof x === "number") return `float:${x}`;
    if (x && typeof x === "object" && !Array.isArray(x)) {
      return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
    }
    return x;
  });
}

const MODULUS = 1n << 256n;

export interface GraphChecksum {
  nodes: number;
  relationships: number;
  checksum: string;
}

export async function graphChecksum(driver: Driver, database?: string): Promise<GraphChecksum> {
  let sum = 0n;
  const add = (line: string) => {
    sum = (sum + BigInt(`0x${createHash("sha256").update(line).digest("hex")}`)) % MODULUS;
  };
  const session = driver.session({ database, defaultAccessMode: "READ" });
  // Reading a large graph outlasts the server's default transaction timeout (neo4j/conf/neo4j.conf).
  const config = { timeout: 3_600_000 };
  let nodes = 0;
  let relationships = 0;
  try {
    for await (const r of session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", {}, config)) {
      add(canon(["node", [...(r.get("labels") as string[])].sort(), r.get("props")]));
      nodes++;
    }
    const endpoint = (n: string) => `[${n}.id, CASE WHEN ${n}.id IS NULL THEN properties(${n}) END, labels(${n})]`;
    for await (const r of session.run(`MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, ${endpoint("a")} AS a, ${endpoint("b")} AS b`, {}, config)) {
      const key = (e: [unknown, unknown, string[]]) => [e[0], e[1], [...e[2]].sort()];
      add(canon(["relationship", r.get("type"), r.get("props"), key(r.get("a") as never), key(r.get("b") as never)]));
      relationships++;
    }
  } finally {
    await session.close();
  }
  return { nodes, relationships, checksum: sum.toString(16).padStart(64, "0") };
}
