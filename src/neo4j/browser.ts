/**
 * Neo4j Browser's side of the project's style and guide (neo4j/browser/): where the API serves
 * them and the commands that apply them on connect. Here rather than in the API so that starting
 * the project-managed server does not load the API to configure it.
 */

/** Where the API mounts neo4j/browser/. */
export const BROWSER_ASSETS_PATH = "/browser-assets";

/**
 * The Browser commands that apply the style and open the guide on connect, for the server's
 * `browser.post_connect_cmd` (commands separated by ";", without their leading colon).
 * `assetsUrl` is where the API serves them to the user's browser, e.g.
 * http://127.0.0.1:4000/browser-assets.
 */
export function browserPostConnect(assetsUrl: string): string {
  const base = assetsUrl.replace(/\/+$/, "");
  return `style ${base}/style.grass; play ${base}/guide.html`;
}
