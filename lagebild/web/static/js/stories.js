/*
 * Stories (/api/stories): the reports of one real-world event across articles, most
 * reported first, each with its numbers side by side and a "reports disagree" badge where
 * they differ. The filter bar applies (a story matches when one of its records does);
 * "min_reports" (1: all, 2: reported more than once), "sort" and "offset" are the page's own.
 */

import { api } from "./api.js";
import { append, el } from "./dom.js";
import { plural } from "./format.js";
import { FILTER_KEYS, navigateParams, parseHash, pick } from "./hash.js";
import { storyCard } from "./story.js";
import { pagerControls } from "./table.js";

const PAGE_SIZE = 20;
const SORTS = { reports: "most reports", date: "latest date", id: "newest" };

/** view (Element). params (object): the hash query. isCurrent (() => boolean). */
export async function renderStories(view, params, isCurrent) {
  const filters = pick(params, FILTER_KEYS);
  const offset = Math.max(0, Number.parseInt(params.offset, 10) || 0);
  const minReports = params.min_reports === "1" ? 1 : 2;
  const sort = SORTS[params.sort] ? params.sort : "reports";
  const page = await api("/api/stories", { ...filters, min_reports: minReports, sort, limit: PAGE_SIZE, offset });
  if (!isCurrent()) return;
  const panel = el("section", { class: "panel", "data-testid": "stories-panel" },
    el("div", { class: "panel-head" }, el("h1", { text: "Stories" }),
      el("span", { class: "hint", "data-testid": "stories-total",
        text: `${plural(page.total, "story", "stories")}${minReports > 1 ? " reported more than once" : ""}` })),
    el("p", { class: "hint", text: "A story is one real-world event with every article's report of it; each report keeps its own evidence and numbers." }),
    controls(minReports, sort));
  append(panel, page.stories.length
    ? el("ol", { class: "story-list", "data-testid": "stories-list" }, page.stories.map((s) => storyCard(s, null)))
    : el("p", { class: "empty", text: minReports > 1 ? "No event is reported by more than one article here." : "No stories match the filters." }));
  append(panel, pagerControls(page.total, PAGE_SIZE, offset, (next) => navigateParams({ ...params, offset: next || "" })));
  append(view, panel);
}

function controls(minReports, sort) {
  const reports = el("select", { name: "min_reports", "aria-label": "Which stories" },
    el("option", { value: "2", text: "reported more than once", selected: minReports > 1 ? true : null }),
    el("option", { value: "1", text: "all stories", selected: minReports === 1 ? true : null }));
  const order = el("select", { name: "sort", "aria-label": "Order" },
    Object.entries(SORTS).map(([value, text]) => el("option", { value, text, selected: value === sort ? true : null })));
  const form = el("form", { class: "search-form", "data-testid": "stories-controls" },
    el("label", {}, "Show ", reports), el("label", {}, "Order ", order));
  form.addEventListener("change", () => {
    navigateParams({ ...parseHash().params, min_reports: reports.value, sort: order.value, offset: "" });
  });
  return form;
}
