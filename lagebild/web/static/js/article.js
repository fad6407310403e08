/*
 * One article: metadata, text with the evidence sentences marked, and its events
 * beside it. All its events are shown; with filters set, those outside them are marked.
 */

import { api } from "./api.js";
import { el, append, typeColor } from "./dom.js";
import { formatCount, formatQuantity, plural } from "./format.js";
import { codeLink, codeLinks } from "./geo.js";
import { FILTER_KEYS, currentFilters, hashFor, parseHash, pick } from "./hash.js";
import { factualityBadges, quoteDe, typeChip } from "./widgets.js";

/**
 * Render an article.
 * view (Element). docId (string). params (object): `ev` preselects an event.
 * isCurrent (() => boolean): false once another render has started.
 */
export async function renderArticle(view, docId, params, isCurrent) {
  const filters = pick(params, FILTER_KEYS);
  const [article, matching] = await Promise.all([api("/api/articles/" + encodeURIComponent(docId)), matchingIds(docId, filters)]);
  if (!isCurrent()) return;
  const events = (article.events || []).slice().sort((a, b) => firstOffset(a) - firstOffset(b) || a.id - b.id);
  const text = el("div", { class: "article-text", "data-testid": "article-text", lang: "de" });
  append(text, articleSegments(article.clean_text || "", article.sentences || [], events));
  const cards = el("div", { class: "side panel", "data-testid": "event-panel" },
    el("h2", { text: plural(events.length, "event") }),
    matching ? el("p", { class: "hint", "data-testid": "matching-note",
      text: `${formatCount(events.filter((e) => matching.has(e.id)).length)} of them match the filters; the others are marked.` }) : null,
    events.length ? null : el("p", { class: "empty", text: "No events were extracted from this article." }),
    events.map((event) => eventCard(event, matching)));
  const main = el("article", { class: "panel", "data-testid": "article" },
    el("p", {}, el("a", { href: hashFor("overview", null, currentFilters()), text: "← back to overview" }), " · ",
      el("a", { href: hashFor("articles", null, currentFilters()), text: "all articles" })),
    el("h1", { lang: article.title ? "de" : null, text: article.title || article.doc_id }), articleMeta(article), text);
  append(view, el("div", { class: "article-grid" }, main, cards));
  wireArticle(view);
  if (params.ev) selectEvent(view, String(params.ev), true);
}

/** The ids of the article's events that match the filters (from the API), or null when no filter is set. */
async function matchingIds(docId, filters) {
  if (!Object.keys(filters).length) return null;
  const body = await api("/api/events", { ...filters, doc: docId, limit: 1000 });
  return new Set(body.events.map((e) => e.id));
}

function firstOffset(event) {
  const spans = event.evidence_offsets || [];
  return spans.length ? Math.min(...spans.map((s) => s[0])) : Infinity;
}

function articleMeta(article) {
  const items = [];
  if (article.date) items.push(el("span", { text: "Date: " + article.date }));
  if (article.source) items.push(el("span", { text: "Source: " + article.source }));
  if ((article.places || []).length) items.push(el("span", { text: "Dateline: " + article.places.join(", ") }));
  if (article.url && /^https?:\/\//i.test(article.url)) {
    items.push(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank", text: "original" }));
  }
  items.push(el("span", { class: "code", text: article.doc_id }));
  if (article.path) items.push(el("span", { class: "code", text: article.path }));
  return el("div", { class: "meta" }, items);
}

/**
 * Cut clean_text at every evidence and heading boundary; each piece covered by
 * evidence becomes mark.evidence with the ids of its events, headings become
 * span.heading, the rest plain text nodes. The text itself is never parsed.
 * RETURNS (Node[]).
 */
function articleSegments(text, sentences, events) {
  const spans = [];
  for (const event of events) {
    for (const [start, end] of event.evidence_offsets || []) {
      if (start >= 0 && end <= text.length && start < end) spans.push({ start, end, id: String(event.id) });
    }
  }
  const headings = sentences.filter((s) => s.heading);
  const cuts = new Set([0, text.length]);
  for (const s of [...spans, ...headings]) cuts.add(s.start).add(s.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const ids = [...new Set(spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.id))];
    const heading = headings.some((s) => s.start <= a && b <= s.end);
    if (ids.length) {
      nodes.push(el("mark", { class: "evidence" + (heading ? " heading" : ""), "data-events": ids.join(" "), text: piece }));
    } else if (heading) {
      nodes.push(el("span", { class: "heading", text: piece }));
    } else {
      nodes.push(document.createTextNode(piece));
    }
  }
  return nodes;
}

/** The words of a party, its codes and sector: „Die Nato“ [NATO · IGO] (nodes; "" when empty). */
function partyText(party, codes, sector) {
  if (!party) return "";
  const extra = [codes, sector].filter(Boolean).join(" · ");
  if (!party.text && !extra) return "";
  return [party.text ? quoteDe(party.text) : "", extra ? ` [${extra}]` : ""];
}

/** The date of an event as the card shows it: the text's phrase, or that the article's date stands in. */
function dateText(date) {
  if (!date) return "";
  if (!date.value) return "not stated";
  return [date.value, date.text ? [" (", quoteDe(date.text), ")"] : " (the article's date: no date in the text)"];
}

/** A side-panel card with every field of one event. */
function eventCard(event, matching) {
  const outside = matching && !matching.has(event.id);
  const card = el("section", { class: "event-card" + (outside ? " outside" : ""), "data-event-id": event.id, tabindex: "0" });
  card.style.borderLeftColor = typeColor(event.type);
  const actor = event.actor || {};
  const target = event.target || {};
  append(card, el("div", { class: "title" }, typeChip(event.type), " ", event.mode || "", " ", factualityBadges(event),
    event.optional ? el("span", { class: "badge", text: "optional" }) : null,
    outside ? el("span", { class: "badge", text: "outside the filters" }) : null));
  append(card, el("div", {}, actor.code ? codeLink(actor.code) : "?", " → ", target.codes && target.codes.length ? codeLinks(target.codes) : "—"));
  const rows = [
    ["Actor", partyText(actor, actor.code, actor.sector)],
    ["Target", partyText(target, (target.codes || []).join(", "))],
    ["Origin", event.origin ? partyText(event.origin, (event.origin.codes || []).join(", ")) : ""],
    ["Location", event.location ? partyText(event.location, [event.location.place, ...(event.location.codes || [])].filter(Boolean).join(", ")) : ""],
    ["Quantity", event.quantity ? [formatQuantity(event.quantity), event.quantity.text ? [" (", quoteDe(event.quantity.text), ")"] : ""] : ""],
    ["Status", event.status || ""],
    ["Posture", event.posture || ""],
    ["Date", dateText(event.date)],
    ["Source", event.source ? partyText(event.source, event.source.code) : ""],
    ["Factuality", event.factuality || ""],
  ];
  const dl = el("dl");
  for (const [label, value] of rows) if (value) append(dl, el("dt", { text: label }), el("dd", {}, value));
  append(card, dl);
  return card;
}

/** Clicking a card highlights its sentences; clicking a mark selects its event. */
function wireArticle(view) {
  view.addEventListener("click", (e) => {
    if (e.target.closest("a")) return;
    const card = e.target.closest(".event-card");
    if (card) return selectEvent(view, card.dataset.eventId, true);
    const mark = e.target.closest("mark.evidence");
    if (mark) selectEvent(view, mark.dataset.events.split(" ")[0], false);
  });
  view.addEventListener("keydown", (e) => {
    const card = e.target.closest && e.target.closest(".event-card");
    if (card && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      selectEvent(view, card.dataset.eventId, true);
    }
  });
}

/**
 * Highlight one event: its card and its evidence marks get class "active".
 * view (Element). eventId (string). scrollToText (boolean): scroll the first mark into view.
 */
function selectEvent(view, eventId, scrollToText) {
  let first = null;
  for (const mark of view.querySelectorAll("mark.evidence")) {
    const on = mark.dataset.events.split(" ").includes(eventId);
    mark.classList.toggle("active", on);
    if (on && !first) first = mark;
  }
  let card = null;
  for (const c of view.querySelectorAll(".event-card")) {
    const on = c.dataset.eventId === eventId;
    c.classList.toggle("active", on);
    if (on) card = c;
  }
  const target = scrollToText ? first : card;
  if (target && target.scrollIntoView) target.scrollIntoView({ block: "center", behavior: "smooth" });
  const { route, arg, params } = parseHash();
  if (params.ev !== eventId) history.replaceState(null, "", hashFor(route, arg, { ...params, ev: eventId }));
}
