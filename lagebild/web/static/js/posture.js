/*
 * The force-posture ledger of a country or organisation (/api/posture/<code>): its
 * deployments, withdrawals, standing presence and aid over time, and what others send to
 * it, one entry per story (the reports of one event across articles). A chart places
 * every report's number in time, a story's numbers joined by a line: a long line is a
 * disagreement. The filter bar narrows the entries (an entry stays when one of its
 * records matches); "to" (a destination code) is the page's own parameter.
 */

import { api } from "./api.js";
import { append, chartMarks, cssVar, el, typeColor, typeLegend, vendorMissing } from "./dom.js";
import { matchesFilters } from "./filters.js";
import { formatCount, formatQuantity, periodOf, plural, timeTickFormat } from "./format.js";
import { countryLabel } from "./geo.js";
import { FILTER_KEYS, currentFilters, hashFor, pick } from "./hash.js";
import { storyCard } from "./story.js";

const GROUPS = [
  { key: "deployments", label: "Deployments", type: "MOBILIZE" },
  { key: "withdrawals", label: "Withdrawals", type: "RETREAT" },
  { key: "presence", label: "Standing presence", type: "PRESENCE" },
  { key: "aid", label: "Military aid", type: "AID" },
  { key: "received", label: "Received from others", type: null },
];

/**
 * The ledger page of a code, or the chooser when there is none.
 * view (Element). code (string|null). params (object). isCurrent (() => boolean).
 */
export async function renderPosture(view, code, params, isCurrent) {
  if (!code) return renderPostureIndex(view, isCurrent);
  code = code.toUpperCase();
  const to = (params.to || "").toUpperCase();
  let ledger;
  try {
    ledger = await api("/api/posture/" + encodeURIComponent(code), { to });
  } catch (err) {
    if (!isCurrent()) return;
    append(view, el("section", { class: "panel", "data-testid": "posture-missing" },
      el("h1", { text: `Force posture: ${code}` }), el("p", { class: "empty", text: err.message }), codePicker("", "")));
    return;
  }
  if (!isCurrent()) return;
  const filters = pick(params, FILTER_KEYS);
  const groups = GROUPS.map((g) => ({ ...g,
    items: (ledger[g.key] || []).filter((story) => story.events.some((r) => matchesFilters(r, filters))) }));
  const title = `Force posture: ${countryLabel(code)}` + (to ? ` → ${countryLabel(to)}` : "");
  append(view, el("div", { class: "panel-head" }, el("h1", { text: title }), el("span", { class: "spacer" }),
    codePicker(code, to)));
  if (FILTER_KEYS.some((k) => filters[k])) append(view, el("p", { class: "hint", text: "Filtered by the filter bar." }));
  const kpis = el("div", { class: "kpis", "data-testid": "posture-kpis" });
  for (const g of groups) {
    if (g.key === "received" && to) continue;
    const reports = g.items.reduce((n, s) => n + s.reports, 0);
    append(kpis, el("div", { class: "kpi", "data-group": g.key },
      el("span", { class: "n", text: formatCount(g.items.length) }),
      el("span", { class: "l", text: `${g.label} · ${plural(reports, "report")}` })));
  }
  append(view, kpis);
  const chart = el("section", { class: "panel", "data-testid": "posture-chart-panel" }, el("h2", { text: "Numbers over time" }));
  append(view, chart);
  append(chart, ledgerChart(groups, Math.max(320, Math.round(chart.clientWidth - 34))));
  append(view, el("div", { class: "posture-grid" },
    groups.filter((g) => !(g.key === "received" && to)).map((g) => ledgerList(g, code))));
}

/** A list of codes to choose a ledger from, most frequent first. */
async function renderPostureIndex(view, isCurrent) {
  const stats = await api("/api/stats", { ...currentFilters(), type: "MOBILIZE,RETREAT,PRESENCE,AID" });
  if (!isCurrent()) return;
  const box = el("div", { class: "orgs", "data-testid": "posture-index" });
  const counts = Object.entries(stats.actor_countries || {}).sort((a, b) => b[1] - a[1]);
  for (const [code, n] of counts) {
    append(box, el("a", { href: hashFor("posture", code), title: countryLabel(code), text: `${code} ${n}` }));
  }
  append(view, el("section", { class: "panel" }, el("h1", { text: "Force posture" }),
    el("p", { class: "hint", text: "Choose a country or organisation (deployments, withdrawals, presence and aid as actor):" }),
    codePicker("", ""), counts.length ? box : el("p", { class: "empty", text: "No force-posture records stored." })));
}

/** The code and destination chooser of the ledger. */
function codePicker(code, to) {
  const input = el("input", { list: "dl-actors", value: code, placeholder: "code, e.g. USA", size: 8,
    "aria-label": "Country or organisation code", name: "code" });
  const dest = el("input", { list: "dl-targets", value: to, placeholder: "to, e.g. POL", size: 8,
    "aria-label": "Destination code (optional)", name: "to" });
  const form = el("form", { class: "code-picker", "data-testid": "posture-picker" }, input, dest,
    el("button", { type: "submit", text: "Show" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim().toUpperCase();
    const where = dest.value.trim().toUpperCase();
    if (value) location.hash = hashFor("posture", value, { ...currentFilters(), to: where });
  });
  return form;
}

/** Every report's number of the ledger as a point in time: its article's date, else the event's. */
function points(groups) {
  const out = [];
  for (const g of groups) {
    for (const story of g.items) {
      for (const n of story.numbers) {
        if (!(n.value > 0)) continue;
        const record = story.events.find((r) => r.id === n.event_id) || {};
        const value = n.article_date || (record.date && record.date.value) || story.date.start;
        const period = periodOf(value || "");
        if (period) {
          out.push({ group: g, story, number: n, start: period.start, end: period.end,
            mid: new Date((period.start.getTime() + period.end.getTime()) / 2), value: n.value });
        }
      }
    }
  }
  return out;
}

/**
 * Numbers by date, one colour per group; the reports of one story joined by a line, so
 * that a story whose reports disagree shows as a long line. RETURNS (Node).
 */
function ledgerChart(groups, width) {
  if (!window.d3) return vendorMissing();
  const data = points(groups);
  if (!data.length) return el("p", { class: "empty", text: "No dated numbers in this ledger." });
  const height = 260;
  const m = { top: 14, right: 16, bottom: 30, left: 56 };
  const d0 = d3.min(data, (p) => p.start);
  const d1 = d3.max(data, (p) => p.end);
  const pad = Math.max(864e5 * 3, (d1 - d0) * 0.03);
  const x = d3.scaleUtc().domain([new Date(d0.getTime() - pad), new Date(d1.getTime() + pad)]).range([m.left, width - m.right]);
  const [v0, v1] = d3.extent(data, (p) => p.value);
  const y = v1 / v0 >= 30
    ? d3.scaleLog().domain([v0 / 1.5, v1 * 1.5]).range([height - m.bottom, m.top])
    : d3.scaleLinear().domain([0, v1 * 1.1]).nice().range([height - m.bottom, m.top]);
  const color = (p) => typeColor(p.group.type || p.story.type);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("data-testid", "posture-chart")
    .attr("role", "group").attr("aria-label", "Numbers of the ledger by report date");
  const ticks = x.ticks(Math.max(3, Math.min(10, Math.round(width / 100))));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickValues(ticks).tickFormat(timeTickFormat(ticks)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5, "~s"));
  const byStory = d3.group(data, (p) => p.story.id);
  const joined = [...byStory.values()].filter((list) => list.length > 1);
  svg.append("g").selectAll("path").data(joined).join("path")
    .attr("class", "story-line").attr("fill", "none").attr("stroke-width", 2).attr("stroke-dasharray", "4 3")
    .attr("stroke", (list) => color(list[0]))
    .attr("d", (list) => d3.line().x((p) => x(p.mid)).y((p) => y(p.value))(list.slice().sort((a, b) => a.mid - b.mid)));
  svg.append("g").selectAll("circle").data(data).join("circle")
    .attr("class", (p) => (p.group.key === "received" ? "dot hollow" : "dot"))
    .attr("cx", (p) => x(p.mid)).attr("cy", (p) => y(p.value)).attr("r", 6)
    .style("fill", (p) => (p.group.key === "received" ? cssVar("--panel") : color(p)))
    .style("stroke", (p) => (p.group.key === "received" ? color(p) : null))
    .style("stroke-width", (p) => (p.group.key === "received" ? 2.5 : null))
    .call(chartMarks, (p) => `${p.group.label} · story ${p.story.id} · ${formatQuantity(p.number)}`
      + ` · ${[p.number.source, p.number.outlet, p.number.article_date].filter(Boolean).join(", ")}`,
    (p) => showStory(p.story.id));
  const key = typeLegend(groups.filter((g) => g.type).map((g) => g.type), "posture-legend");
  append(key, el("li", { class: "hint", text: "dot: one report's number · dashed line: the reports of one story · hollow: received from others" }));
  return el("div", {}, svg.node(), key);
}

/** Bring a story's card into view and focus the evidence of its first report. */
function showStory(storyId) {
  const card = document.querySelector(`.story[data-story-id="${storyId}"]`);
  if (!card) return;
  const reports = card.querySelector("details");
  if (reports) reports.open = true;
  card.scrollIntoView({ block: "center" });
  card.classList.add("flash");
  setTimeout(() => card.classList.remove("flash"), 1500);
  const link = card.querySelector("a.evidence-link");
  if (link) link.focus();
}

/** One group of the ledger: its stories in time order. */
function ledgerList(group, code) {
  const list = el("ol", { class: "story-list" }, group.items.map((story) => storyCard(story, code)));
  return el("section", { class: "panel", "data-testid": "posture-" + group.key },
    el("h2", {}, group.label, " ", el("span", { class: "hint", text: `(${plural(group.items.length, "story", "stories")})` })),
    group.items.length ? list : el("p", { class: "empty", text: "None recorded." }));
}
