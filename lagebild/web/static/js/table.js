/* The events table: paged, sortable, every row naming its article; export links. */

import { api, fetchAllEvents, FETCH_CAP } from "./api.js";
import { el, append } from "./dom.js";
import { formatCount, formatQuantity, dateValue, datedByArticle } from "./format.js";
import { codeLink, codeLinks } from "./geo.js";
import { articleHref, navigateParams, parseHash, pick, FILTER_KEYS, queryString } from "./hash.js";
import { factualityBadges, typeChip } from "./widgets.js";

const PAGE_SIZES = [25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;
const SERVER_SORTS = new Set(["date", "type", "actor", "doc", "id"]);
const STATUS_ORDER = ["denied", "announced", "planned", "underway", "arrived", "completed"];
const COLUMNS = [
  { key: "date", label: "Date" },
  { key: "type", label: "Type" },
  { key: "actor", label: "Actor" },
  { key: "target", label: "Target" },
  { key: "quantity", label: "Quantity", numeric: true },
  { key: "status", label: "Status" },
  { key: null, label: "Evidence" },
  { key: "doc", label: "Article" },
];

/**
 * The paginated, sortable events table with export links.
 * container (Element). params (object): hash query (filters + sort/order/offset/limit).
 * isCurrent (() => boolean): false once another render has started.
 */
export async function renderTable(container, params, isCurrent) {
  const filters = pick(params, FILTER_KEYS);
  const sort = COLUMNS.some((c) => c.key === params.sort) ? params.sort : "date";
  const order = params.order === "asc" ? "asc" : "desc";
  const limit = PAGE_SIZES.includes(Number(params.limit)) ? Number(params.limit) : DEFAULT_PAGE_SIZE;
  const offset = Math.max(0, Number.parseInt(params.offset, 10) || 0);

  const page = await loadPage(filters, sort, order, limit, offset);
  if (!isCurrent()) return;
  const exports = el("span", { class: "exports" }, "Export:",
    el("a", { href: "/api/events.csv" + queryString(filters), download: "events.csv", "data-testid": "export-csv", text: "CSV" }),
    el("a", { href: "/api/events.jsonl" + queryString(filters), download: "events.jsonl", "data-testid": "export-jsonl", text: "JSONL" }));
  append(container, el("div", { class: "panel-head" }, el("h2", { text: "Events" }),
    el("span", { class: "hint", "data-testid": "table-total", text: `${formatCount(page.total)} matching` }),
    el("span", { class: "spacer" }), exports));
  if (page.note) append(container, el("p", { class: "hint", text: page.note }));
  const table = el("table", { class: "events", "data-testid": "events-table" });
  append(table, tableHead(sort, order), tableBody(page.events));
  append(container, el("div", { class: "table-wrap" }, table), pager(page.total, limit, offset));
}

/**
 * One page of events: sorted by the API where it can, else all matching
 * events are fetched and sorted here.
 * RETURNS (Promise<{events, total, note}>).
 */
async function loadPage(filters, sort, order, limit, offset) {
  if (SERVER_SORTS.has(sort)) {
    const body = await api("/api/events", { ...filters, sort, order, limit, offset });
    return { events: body.events, total: body.total, note: "" };
  }
  const all = await fetchAllEvents(filters);
  const sorted = all.events.slice().sort(compareBy(sort));
  if (order === "desc") sorted.reverse();
  const note = all.capped ? `Sorted by ${sort} among the first ${formatCount(FETCH_CAP)} events only.` : "";
  return { events: sorted.slice(offset, offset + limit), total: all.events.length, note };
}

/** A comparator for the columns the API does not sort (target, quantity, status). */
function compareBy(sort) {
  const keyOf = {
    target: (e) => ((e.target && e.target.codes) || []).join(",") || "\uffff",
    quantity: (e) => (e.quantity && e.quantity.value !== null && e.quantity.value !== undefined ? e.quantity.value : -1),
    status: (e) => STATUS_ORDER.indexOf(e.status),
  }[sort];
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return (ka < kb ? -1 : ka > kb ? 1 : 0) || a.id - b.id;
  };
}

function tableHead(sort, order) {
  const row = el("tr");
  for (const column of COLUMNS) {
    if (!column.key) {
      append(row, el("th", { scope: "col", text: column.label }));
      continue;
    }
    const active = column.key === sort;
    const th = el("th", { scope: "col", "data-sort": column.key, "aria-sort": active ? (order === "asc" ? "ascending" : "descending") : "none" });
    const button = el("button", { type: "button", text: column.label, title: "Sort by " + column.label.toLowerCase() });
    button.addEventListener("click", () => {
      const nextOrder = active && order === "desc" ? "asc" : active ? "desc" : column.numeric || column.key === "date" ? "desc" : "asc";
      navigateParams({ ...parseHash().params, sort: column.key, order: nextOrder, offset: "" });
    });
    append(row, append(th, [button]));
  }
  return el("thead", {}, row);
}

function tableBody(events) {
  const body = el("tbody");
  if (!events.length) {
    append(body, el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty", text: "No events match the filters." })));
    return body;
  }
  for (const event of events) append(body, tableRow(event));
  return body;
}

/** The date cell: the value, marked when it is the article's date rather than the text's. */
function dateCell(event) {
  const value = dateValue(event);
  if (!value) return el("td", { class: "num", text: "undated" });
  if (!datedByArticle(event)) return el("td", { class: "num", text: value });
  return el("td", { class: "num", title: "no date in the text: the article's date" }, value,
    el("div", { class: "hint", text: "article date" }));
}

function tableRow(event) {
  const actor = event.actor || {};
  const target = event.target || {};
  const evidence = (event.evidence || [])[0] || "";
  return el("tr", { "data-event-id": event.id },
    dateCell(event),
    el("td", {}, typeChip(event.type), event.mode ? el("div", { class: "hint", text: event.mode }) : null),
    el("td", {}, actor.code ? codeLink(actor.code, actor.text) : null, el("div", { class: "hint", lang: "de", text: actor.text || "" })),
    el("td", {}, codeLinks(target.codes, target.text), el("div", { class: "hint", lang: "de", text: target.text || "" })),
    el("td", { class: "num", text: formatQuantity(event.quantity) }),
    el("td", {}, event.status || "", " ", factualityBadges(event)),
    el("td", { class: "evidence", lang: "de", text: evidence.length > 180 ? evidence.slice(0, 177) + "…" : evidence },
      event.source && event.source.text ? el("div", { class: "hint", "data-testid": "says", text: "says: " + event.source.text }) : null),
    el("td", {}, provenance(event)));
}

/** The article an event comes from: its title (or id) linked, then outlet and date. */
function provenance(event) {
  const article = event.article || {};
  const link = el("a", { href: articleHref(event), class: "article-link", "data-doc": event.doc, title: event.doc,
                         lang: article.title ? "de" : null, text: article.title || event.doc });
  const where = [article.outlet, article.date].filter(Boolean).join(", ");
  return [link, where ? el("div", { class: "hint", "data-testid": "provenance", text: where }) : null];
}

/**
 * Previous/next buttons, the shown range and (optionally) a page size select.
 * total, limit, offset (number). go ((offset, limit) => void): moves to a page.
 * RETURNS (Element).
 */
export function pagerControls(total, limit, offset, go, sizes) {
  const prev = el("button", { type: "button", class: "secondary", text: "← Previous", disabled: offset <= 0 });
  prev.addEventListener("click", () => go(Math.max(0, offset - limit), limit));
  const next = el("button", { type: "button", class: "secondary", text: "Next →", disabled: offset + limit >= total });
  next.addEventListener("click", () => go(offset + limit, limit));
  const shown = total ? `${formatCount(offset + 1)}–${formatCount(Math.min(total, offset + limit))} of ${formatCount(total)}` : "0 of 0";
  const box = el("div", { class: "pager", "data-testid": "pager" }, prev, el("span", { text: shown }), next);
  if (sizes) {
    const size = el("select", { "aria-label": "Rows per page" });
    for (const n of sizes) append(size, el("option", { value: n, text: `${n} per page`, selected: n === limit }));
    size.addEventListener("change", () => go(0, Number(size.value)));
    append(box, size);
  }
  return box;
}

function pager(total, limit, offset) {
  const go = (newOffset, newLimit) => {
    navigateParams({ ...parseHash().params, offset: newOffset || "", limit: newLimit === DEFAULT_PAGE_SIZE ? "" : newLimit });
  };
  return pagerControls(total, limit, offset, go, PAGE_SIZES);
}
