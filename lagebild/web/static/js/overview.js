/* The overview: KPIs, events by type, timeline, map and the events table, all under the filters. */

import { api } from "./api.js";
import { el, append, clear, swatch, typeColor } from "./dom.js";
import { formatCount } from "./format.js";
import { FILTER_KEYS, currentFilters, hashFor, pick } from "./hash.js";
import { renderMap } from "./map.js";
import { renderTable } from "./table.js";
import { renderTimeline } from "./timeline.js";

/**
 * view (Element): the main container. params (object): the hash query.
 * isCurrent (() => boolean): false once another render has started.
 */
export async function renderOverview(view, params, isCurrent) {
  const filters = pick(params, FILTER_KEYS);
  const kpis = el("div", { class: "kpis", "data-testid": "kpis" });
  const timeline = el("section", { class: "panel wide", "data-testid": "timeline-panel" });
  const map = el("section", { class: "panel", "data-testid": "map-panel" });
  const side = el("section", { class: "panel", "data-testid": "types-panel" });
  const table = el("section", { class: "panel wide", "data-testid": "table-panel" });
  append(view, kpis, el("div", { class: "grid overview" }, timeline, map, side, table));
  append(timeline, el("p", { class: "empty", text: "Loading timeline…" }));
  append(map, el("p", { class: "empty", text: "Loading map…" }));

  const tablePromise = renderTable(table, params, isCurrent);
  const stats = await api("/api/stats", filters);
  if (!isCurrent()) return;
  renderKpis(kpis, stats);
  renderTypes(side, stats);
  renderTimeline(clear(timeline), stats);
  await Promise.all([renderMap(clear(map), stats, filters, isCurrent), tablePromise]);
}

function renderKpis(container, stats) {
  const countries = new Set([...Object.keys(stats.actor_countries || {}), ...Object.keys(stats.target_countries || {})]);
  const items = [
    ["events", stats.total, null],
    ["articles with these events", stats.matched_articles, hashFor("articles")],
    ["countries & organisations", countries.size, hashFor("posture")],
    ["failed inputs", stats.failures, hashFor("failures")],
  ];
  for (const [label, n, href] of items) {
    const number = el("span", { class: "n", text: formatCount(n || 0) });
    const text = href ? el("a", { class: "l", href, text: label }) : el("span", { class: "l", text: label });
    append(container, el("div", { class: "kpi", "data-kpi": label }, number, text));
  }
}

/** Event counts by type, each a link that sets the type filter. */
function renderTypes(container, stats) {
  append(container, el("h2", { text: "Events by type" }));
  const entries = Object.entries(stats.by_type || {}).sort((a, b) => b[1] - a[1]);
  if (!entries.length) {
    append(container, el("p", { class: "empty", text: "No events match the filters." }));
    return;
  }
  const max = entries[0][1];
  const list = el("ul", { class: "legend type-bars", "data-testid": "type-counts" });
  for (const [type, n] of entries) {
    const bar = swatch(typeColor(type));
    bar.style.width = Math.max(0.4, (12 * n) / max) + "rem";
    const link = el("a", { href: hashFor("overview", null, { ...currentFilters(), type }) }, type);
    append(list, el("li", {}, link, bar, el("span", { class: "hint", text: formatCount(n) })));
  }
  append(container, list);
}
