/*
 * The articles browser: a search box and a paged list of the stored articles
 * (title, outlet, date, number of events), each linked to its article page.
 * The article list is not filtered by the event filters; when any is set, each
 * article also says how many of its events match them.
 */

import { api } from "./api.js";
import { el, append } from "./dom.js";
import { formatCount, plural } from "./format.js";
import { FILTER_KEYS, hashFor, navigateParams, parseHash, pick } from "./hash.js";
import { pagerControls } from "./table.js";

const PAGE_SIZE = 25;

/**
 * view (Element). params (object): the hash query; `search` and `offset` are the page's own.
 * isCurrent (() => boolean).
 */
export async function renderArticles(view, params, isCurrent) {
  const filters = pick(params, FILTER_KEYS);
  const offset = Math.max(0, Number.parseInt(params.offset, 10) || 0);
  const search = (params.search || "").trim();
  const page = await api("/api/articles", { q: search, limit: PAGE_SIZE, offset });
  const filtered = Object.keys(filters).length > 0;
  const matching = filtered ? await matchingCounts(page.articles, filters) : null;
  if (!isCurrent()) return;
  const panel = el("section", { class: "panel", "data-testid": "articles-panel" },
    el("div", { class: "panel-head" }, el("h1", { text: "Articles" }),
      el("span", { class: "hint", "data-testid": "articles-total",
        text: `${plural(page.total, "article")}${search ? " matching the search" : " stored"}` })),
    searchForm(search),
    filtered ? el("p", { class: "hint", text: "The event filters above do not narrow this list; the last column counts the events of each article that match them." }) : null);
  if (!page.articles.length) {
    append(panel, el("p", { class: "empty", text: search ? "No article contains these words." : "No articles are stored." }));
  } else {
    append(panel, el("div", { class: "table-wrap" }, articleTable(page.articles, matching)));
  }
  const go = (newOffset) => navigateParams({ ...params, offset: newOffset || "" });
  append(panel, pagerControls(page.total, PAGE_SIZE, offset, go));
  append(view, panel);
}

/** The number of each article's events that match the filters (one count request per article). */
async function matchingCounts(articles, filters) {
  const counts = await Promise.all(articles.map((a) => api("/api/events", { ...filters, doc: a.doc_id, limit: 0 })));
  return new Map(articles.map((a, i) => [a.doc_id, counts[i].total]));
}

function searchForm(search) {
  const input = el("input", { type: "search", name: "search", value: search, placeholder: "words of the title or text",
    "aria-label": "Search articles", id: "articles-search" });
  const form = el("form", { class: "code-picker", role: "search", "data-testid": "articles-search" },
    input, el("button", { type: "submit", text: "Search" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigateParams({ ...parseHash().params, search: input.value.trim(), offset: "" });
  });
  return form;
}

function articleTable(articles, matching) {
  const head = el("tr", {}, ["Title", "Outlet", "Date", "Events"].map((label) => el("th", { scope: "col", text: label })),
    matching ? el("th", { scope: "col", text: "Matching filters" }) : null);
  const rows = articles.map((a) => el("tr", { "data-doc": a.doc_id },
    el("td", {}, el("a", { href: hashFor("article", a.doc_id), class: "article-link", lang: a.title ? "de" : null,
      text: a.title || a.doc_id }), a.title ? el("div", { class: "hint code", text: a.doc_id }) : null),
    el("td", { text: a.source || "—" }),
    el("td", { class: "num", text: a.date || "—" }),
    el("td", { class: "num", "data-testid": "n-events", text: formatCount(a.n_events || 0) }),
    matching ? el("td", { class: "num", text: formatCount(matching.get(a.doc_id) || 0) }) : null));
  return el("table", { class: "events", "data-testid": "articles-table" }, el("thead", {}, head), el("tbody", {}, rows));
}
