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
    filtered ? el("p", { class: "hint", text: "The event filters above do not narrow this list; each article says how many of its events match them." }) : null);
  if (!page.articles.length) {
    append(panel, el("p", { class: "empty", text: search ? "No article contains these words." : "No articles are stored." }));
  } else {
    append(panel, articleList(page.articles, matching));
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
  const form = el("form", { class: "search-form", role: "search", "data-testid": "articles-search" },
    input, el("button", { type: "submit", text: "Search" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigateParams({ ...parseHash().params, search: input.value.trim(), offset: "" });
  });
  return form;
}

/** One item per article: its title linked to its page, then outlet, date and events. */
function articleList(articles, matching) {
  const items = articles.map((a) => {
    const facts = [
      el("span", { "data-field": "outlet", text: a.source || "no outlet" }),
      el("span", { "data-field": "date", text: a.date || "no date" }),
      el("span", { "data-field": "events", "data-n": a.n_events || 0, text: plural(a.n_events || 0, "event") }),
      matching ? el("span", { "data-field": "matching", "data-n": matching.get(a.doc_id) || 0,
        text: `${formatCount(matching.get(a.doc_id) || 0)} matching the filters` }) : null,
    ];
    return el("li", { "data-doc": a.doc_id },
      el("a", { href: hashFor("article", a.doc_id), class: "article-link", lang: a.title ? "de" : null, text: a.title || a.doc_id }),
      el("div", { class: "hint facts" }, facts, a.title ? el("span", { class: "code", text: a.doc_id }) : null));
  });
  return el("ol", { class: "article-list", "data-testid": "articles-list", start: 1 }, items);
}
