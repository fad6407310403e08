/*
 * Force posture of one country or organisation: a chart of quantities over time
 * and lists of deployments, withdrawals, presence and aid, each linked to its
 * evidence. Without a code, a chooser of the codes in the data. The posture API
 * takes no filters: the filter bar is applied here (matchesFilters).
 */

import { api } from "./api.js";
import { chartMarks, cssVar, el, append, typeColor, typeLegend, vendorMissing } from "./dom.js";
import { formatCount, formatQuantity, dateValue, periodOf, timeTickFormat } from "./format.js";
import { codeLink, countryLabel } from "./geo.js";
import { articleHref, currentFilters, hashFor, pick, FILTER_KEYS } from "./hash.js";
import { matchesFilters } from "./filters.js";
import { factualityBadges, flow, typeChip } from "./widgets.js";

const GROUPS = [
  { key: "deployments", label: "Deployments", type: "MOBILIZE" },
  { key: "withdrawals", label: "Withdrawals", type: "RETREAT" },
  { key: "presence", label: "Standing presence", type: "PRESENCE" },
  { key: "aid", label: "Aid", type: "AID" },
];

/**
 * The posture page of a code, or the chooser when there is none.
 * view (Element). code (string|null). params (object). isCurrent (() => boolean).
 */
export async function renderPosture(view, code, params, isCurrent) {
  if (!code) return renderPostureIndex(view, isCurrent);
  code = code.toUpperCase();
  const [posture, docDates] = await Promise.all([api("/api/posture/" + encodeURIComponent(code)), articleDates()]);
  if (!isCurrent()) return;
  const filters = pick(params, FILTER_KEYS);
  const groups = GROUPS.map((g) => ({ ...g, items: (posture[g.key] || []).filter((r) => matchesFilters(r, filters)) }));
  const head = el("div", { class: "panel-head" },
    el("h1", { text: `Force posture: ${countryLabel(code)}` }), el("span", { class: "spacer" }), codePicker(code));
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  append(view, head, filtered ? el("p", { class: "hint", text: "Filtered by the filter bar." }) : null);
  const kpis = el("div", { class: "kpis" });
  for (const g of groups) append(kpis, el("div", { class: "kpi" }, el("span", { class: "n", text: formatCount(g.items.length) }), el("span", { class: "l", text: g.label })));
  append(view, kpis);
  const chart = el("section", { class: "panel", "data-testid": "posture-chart-panel" }, el("h2", { text: "Numbers over time" }));
  append(view, chart);
  append(chart, postureChart(groups, code, docDates, Math.max(320, Math.round(chart.clientWidth - 34))));
  if (groups.some((g) => g.items.some((r) => postureDate(r, docDates).fromArticle))) {
    append(chart, el("p", { class: "hint", text: "* no date in the text: the article's date is shown." }));
  }
  const lists = el("div", { class: "posture-grid" }, groups.map((g) => postureList(g, code, docDates)));
  append(view, lists);
}

/** Article dates by doc_id (up to the API's page limit), for events without a date. */
async function articleDates() {
  try {
    const body = await api("/api/articles", { limit: 1000 });
    return new Map((body.articles || []).filter((a) => a.date).map((a) => [a.doc_id, a.date]));
  } catch (err) {
    return new Map();
  }
}

/** A list of codes to choose a posture page from, most frequent first. */
async function renderPostureIndex(view, isCurrent) {
  const stats = await api("/api/stats", currentFilters());
  if (!isCurrent()) return;
  const counts = new Map();
  for (const table of [stats.actor_countries || {}, stats.target_countries || {}]) {
    for (const [code, n] of Object.entries(table)) counts.set(code, (counts.get(code) || 0) + n);
  }
  const box = el("div", { class: "orgs", "data-testid": "posture-index" });
  for (const [code, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    append(box, el("a", { href: hashFor("posture", code), title: countryLabel(code), text: `${code} ${n}` }));
  }
  append(view, el("section", { class: "panel" }, el("h1", { text: "Force posture" }),
    el("p", { class: "hint", text: "Choose a country or organisation (events as actor or target):" }), codePicker(""), box));
}

function codePicker(code) {
  const input = el("input", { list: "dl-codes", value: code, placeholder: "code, e.g. POL", size: 8, "aria-label": "Country or organisation code" });
  const form = el("form", { class: "code-picker" }, input, el("button", { type: "submit", text: "Show" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim().toUpperCase();
    if (value) location.hash = hashFor("posture", value);
  });
  return form;
}

/**
 * The date of a record for the posture views: its own value, else the date of its article.
 * RETURNS ({value: string, fromArticle: boolean}).
 */
function postureDate(record, docDates) {
  const own = dateValue(record);
  if (own) return { value: own, fromArticle: !record.date.text };
  const fallback = docDates.get(record.doc) || "";
  return { value: fallback, fromArticle: !!fallback };
}

/**
 * A dot chart of quantities by date, one colour per posture group; filled dots
 * where the code acts, hollow where it is the target. A value known only to the
 * month or year is drawn as a line across that period with the dot at its middle.
 * width (number): of the chart, in px. RETURNS (Node).
 */
function postureChart(groups, code, docDates, width) {
  if (!window.d3) return vendorMissing();
  const points = [];
  for (const g of groups) {
    for (const r of g.items) {
      const when = postureDate(r, docDates);
      const period = periodOf(when.value);
      if (r.quantity && Number.isFinite(r.quantity.value) && r.quantity.value > 0 && period) {
        points.push({ group: g, record: r, when, start: period.start, end: period.end,
          mid: new Date((period.start.getTime() + period.end.getTime()) / 2),
          value: r.quantity.value, acts: !!(r.actor && r.actor.code === code) });
      }
    }
  }
  if (!points.length) return el("p", { class: "empty", text: "No dated numbers for this code." });
  const height = 260;
  const m = { top: 14, right: 16, bottom: 30, left: 56 };
  const d0 = d3.min(points, (p) => p.start);
  const d1 = d3.max(points, (p) => p.end);
  const pad = Math.max(864e5 * 3, (d1 - d0) * 0.03);
  const x = d3.scaleUtc().domain([new Date(d0.getTime() - pad), new Date(d1.getTime() + pad)]).range([m.left, width - m.right]);
  const [v0, v1] = d3.extent(points, (p) => p.value);
  const y = v1 / v0 >= 30
    ? d3.scaleLog().domain([v0 / 1.5, v1 * 1.5]).range([height - m.bottom, m.top])
    : d3.scaleLinear().domain([0, v1 * 1.1]).nice().range([height - m.bottom, m.top]);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("data-testid", "posture-chart")
    .attr("role", "group").attr("aria-label", "Quantities by date");
  const ticks = x.ticks(Math.max(3, Math.min(10, Math.round(width / 100))));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickValues(ticks).tickFormat(timeTickFormat(ticks)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5, "~s"));
  svg.append("g").selectAll("line").data(points).join("line")
    .attr("class", "period").attr("x1", (p) => x(p.start)).attr("x2", (p) => x(p.end))
    .attr("y1", (p) => y(p.value)).attr("y2", (p) => y(p.value))
    .attr("stroke", (p) => typeColor(p.group.type));
  svg.append("g").selectAll("circle").data(points).join("circle")
    .attr("class", "dot").attr("cx", (p) => x(p.mid)).attr("cy", (p) => y(p.value)).attr("r", 6)
    .attr("fill", (p) => (p.acts ? typeColor(p.group.type) : cssVar("--panel")))
    .attr("stroke", (p) => typeColor(p.group.type)).attr("stroke-width", 2)
    .call(chartMarks, (p) => `${p.when.value}${p.when.fromArticle ? " (article date)" : ""} · ${p.group.label}: ${flow(p.record)} · ${formatQuantity(p.record.quantity)}`,
      (p) => {
        location.hash = articleHref(p.record);
      });
  const key = typeLegend(groups.map((g) => g.type), "posture-legend");
  append(key, el("li", { class: "hint", text: "filled: as actor · hollow: as target · line: date known to the month or year only" }));
  return el("div", {}, svg.node(), key);
}

/** One posture group as a list, newest first, each item linked to its evidence. */
function postureList(group, code, docDates) {
  const when = (r) => postureDate(r, docDates);
  const items = group.items.slice().sort((a, b) => when(b).value.localeCompare(when(a).value) || a.id - b.id);
  const list = el("ul", { class: "posture-list" });
  for (const r of items) {
    const actor = r.actor && r.actor.code;
    const evidence = (r.evidence || [])[0] || "(no evidence sentence)";
    append(list, el("li", { "data-event-id": r.id },
      el("div", { class: "line1" },
        el("span", { class: "code", title: when(r).fromArticle ? "date of the article" : "date of the event",
          text: when(r).value ? when(r).value + (when(r).fromArticle ? "*" : "") : "undated" }),
        el("span", { class: "qty", text: formatQuantity(r.quantity) }),
        el("span", {}, actor ? (actor === code ? el("strong", { text: actor }) : codeLink(actor)) : "?", " → ",
          ((r.target && r.target.codes) || []).map((c, i) => [i ? ", " : "", c === code ? el("strong", { text: c }) : codeLink(c)])),
        r.status ? el("span", { class: "badge", text: r.status }) : null,
        r.posture ? el("span", { class: "badge", text: r.posture }) : null,
        factualityBadges(r)),
      el("blockquote", { lang: (r.evidence || [])[0] ? "de" : null }, el("a", { href: articleHref(r), class: "evidence-link", text: evidence }))));
  }
  return el("section", { class: "panel", "data-testid": "posture-" + group.key },
    el("h2", {}, typeChip(group.type), " ", group.label, " ", el("span", { class: "hint", text: `(${items.length})` })),
    items.length ? list : el("p", { class: "empty", text: "None recorded." }));
}
