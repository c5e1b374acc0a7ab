/* global document, fetch, location, URLSearchParams */
// Browser entry of the offline GraphiQL page, bundled by bundle.ts with esbuild from
// the installed npm packages, so the page needs no CDN. Plain JavaScript: the project's TypeScript
// setup has no DOM types, and this file is never run by Node.
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";

const config = JSON.parse(document.getElementById("sanad-graphiql").textContent);

async function fetcher(params) {
  const res = await fetch(config.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(params),
  });
  return res.json();
}

createRoot(document.getElementById("graphiql")).render(
  // ?query=… (the reading view's "open in GraphiQL" links) opens that query in a tab of its own.
  createElement(GraphiQL, { fetcher, defaultTabs: config.tabs, defaultEditorToolsVisibility: true, query: new URLSearchParams(location.search).get("query") ?? undefined }),
);
