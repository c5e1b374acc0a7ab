/* global document, window, location, CSS, Highlight */
// The pages' one script (src/serve/pages), plain JavaScript for the browser; the pages read fine
// without it. It adds: selecting a mark shows the cards of what it is evidence of (the innermost
// mark first, then the marks around it), and a URL fragment #char=a,b (RFC 5147, code points)
// highlights and scrolls to those words of the text.

const text = document.getElementById("text");
const panel = document.getElementById("panel");

/** The text's DOM position at code point `offset`: the start of the character there, or the very end. */
function position(offset) {
  const walker = document.createTreeWalker(text, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  let end;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let unit = 0;
    for (const ch of node.data) {
      if (seen === offset) return { node, unit };
      seen += 1;
      unit += ch.length;
    }
    if (seen === offset) end = { node, unit };
  }
  return end;
}

/** A DOM range over code points [start, end) of the text. */
function rangeOf(start, end) {
  const from = position(start);
  const to = position(end);
  if (!from || !to) return undefined;
  const range = document.createRange();
  range.setStart(from.node, from.unit);
  range.setEnd(to.node, to.unit);
  return range;
}

function highlightFragment() {
  const match = /^#char=(\d+)(?:,(\d+))?(?:;.*)?$/.exec(location.hash);
  if (!match || !text) return;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  const range = end >= start ? rangeOf(start, end) : undefined;
  if (!range) return;
  if (typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function") {
    CSS.highlights.set("sanad-char", new Highlight(range));
  } else {
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  const at = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
  at.scrollIntoView({ block: "center" });
  text.dataset.fragment = `${start},${end}`;
}

function cards() {
  return panel ? Array.from(panel.querySelectorAll(".card")) : [];
}

function showAll() {
  for (const card of cards()) {
    card.hidden = false;
    card.classList.remove("current");
  }
  for (const m of text.querySelectorAll("mark.selected, mark.related")) m.classList.remove("selected", "related");
  document.getElementById("selection").hidden = true;
}

/** Shows the cards of the mark and of the marks around it; the other marks of those claims and quotes light up. */
function select(mark) {
  showAll();
  const chain = [];
  for (let m = mark; m && m !== text; m = m.parentElement) if (m.tagName === "MARK") chain.push(m);
  const wanted = { entity: new Set(), claim: new Set(), quote: new Set() };
  for (const m of chain) {
    if (m.dataset.entity) wanted.entity.add(m.dataset.entity);
    for (const id of (m.dataset.claims || "").split(" ").filter(Boolean)) wanted.claim.add(id);
    for (const id of (m.dataset.quotes || "").split(" ").filter(Boolean)) wanted.quote.add(id);
  }
  let shown = 0;
  for (const card of cards()) {
    const kind = card.dataset.claim ? "claim" : card.dataset.quote ? "quote" : "entity";
    const on = wanted[kind].has(card.dataset[kind]);
    card.hidden = !on;
    card.classList.toggle("current", on);
    shown += on ? 1 : 0;
  }
  for (const m of text.querySelectorAll("mark[data-claims], mark[data-quotes]")) {
    const ids = `${m.dataset.claims || ""} ${m.dataset.quotes || ""}`.split(" ").filter(Boolean);
    if (ids.some((id) => wanted.claim.has(id) || wanted.quote.has(id))) m.classList.add("related");
  }
  mark.classList.add("selected");
  const label = document.getElementById("selection-label");
  label.textContent = `Words ${mark.dataset.start}–${mark.dataset.end}: ${wanted.entity.size} entities, ${wanted.claim.size} claims, ${wanted.quote.size} quotes (${shown} cards)`;
  document.getElementById("selection").hidden = false;
  panel.scrollTop = 0;
}

if (text && panel) {
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (mark && text.contains(mark)) select(mark);
  });
  text.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target.tagName === "MARK") {
      event.preventDefault();
      select(event.target);
    }
  });
  document.getElementById("show-all").addEventListener("click", showAll);
  window.addEventListener("hashchange", highlightFragment);
  highlightFragment();
}
