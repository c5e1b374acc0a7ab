import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";

/** Who can reach a listening port: the addresses it is bound to, and whether other interfaces get through. */

function ipv4(hex: string): string {
  // /proc/net/tcp writes the address as one little-endian 32-bit word.
  return (hex.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)).join(".");
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse());
  const groups = Array.from({ length: 8 }, (_, i) => parseInt(bytes[2 * i]! + bytes[2 * i + 1]!, 16).toString(16));
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") return `::ffff:${bytes.slice(12).map((b) => parseInt(b, 16)).join(".")}`;
  const full = groups.join(":");
  return full === "0:0:0:0:0:0:0:0" ? "::" : full === "0:0:0:0:0:0:0:1" ? "::1" : full;
}

/**
 * The local addresses of the sockets listening on `port`, from /proc/net/tcp and tcp6 (Linux);
 * undefined where there is no /proc/net.
 */
export function listeningAddresses(port: number): string[] | undefined {
  const files = ["/proc/net/tcp", "/proc/net/tcp6"].filter((f) => existsSync(f));
  if (files.length === 0) return undefined;
  const found: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [address, hexPort] = local.split(":");
      if (parseInt(hexPort!, 16) !== port) continue;
      found.push(file.endsWith("6") ? ipv6(address!) : ipv4(address!));
    }
  }
  return found;
}

export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}

/** This machine's addresses other than loopback. */
export function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && i.family === "IPv4")
    .map((i) => i.address);
}

/** Whether a TCP connection to address:port is accepted (refused or silent for 2 s: no). */
export function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      ok(false);
    });
    socket.once("error", () => ok(false));
  });
}
