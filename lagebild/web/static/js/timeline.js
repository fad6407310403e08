/*
 * The timeline: events over a real UTC time axis (d3.scaleUtc).
 *
 * Events dated to the day are counted in bins of one day, week, month or year
 * (chosen from the span shown) and stacked by type; each bar covers its bin's
 * interval. Events dated only to a month or a year are not squeezed into a
 * bin: each (period, type) is a span over its whole period in a lane below.
 * The part of a bar or span whose date is the article's (no date phrase in the
 * text) is hatched. Undated events cannot be placed: the note beside the chart
 * says how many there are. The chart zooms along time (buttons, Ctrl + wheel,
 * two fingers, or +, −, 0 and the arrows on the focused chart), with the bins
 * chosen afresh for the period in view.
 */

import { chartMarks, el, append, panelHead, swatch, typeColor, typeLegend, vendorMissing } from "./dom.js";
import { zoomButtons, zoomKeys } from "./zoom.js";
import { currentFilters, navigateParams } from "./hash.js";
import { formatCount, isoDay, periodOf, plural, timeTickFormat } from "./format.js";

const SIZE = { top: 12, right: 14, left: 70, barHeight: 170, axis: 34, laneHeight: 9, laneGap: 3, maxLanesHeight: 120, pan: 80, binWidth: 8 };
const BINS = [
  { name: "day", days: 1 },
  { name: "week", days: 7 },
  { name: "month", days: 31 },
  { name: "year", days: 366 },
];
const HATCH_ID = "timeline-hatch";
const CLIP_ID = "timeline-clip";

/** The d3 interval of a bin name (weeks start on Monday). */
function binInterval(name) {
  return { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth, year: d3.utcYear }[name];
}

/**
 * Split /api/stats rows into day-precise counts and coarse spans, each with the
 * number of its events that are dated by their article.
 * RETURNS ({days: object[], spans: object[]}): {value, type, n, nArticle, start, end, precision}.
 */
function datedRows(stats) {
  const byArticle = new Map((stats.by_day_article_date || []).map((r) => [r.day + "|" + r.type, r.n]));
  const days = [];
  const spans = [];
  for (const row of stats.by_day || []) {
    const period = periodOf(String(row.day || ""));
    if (!period) continue;
    const item = { ...period, value: row.day, type: row.type, n: row.n, nArticle: byArticle.get(row.day + "|" + row.type) || 0 };
    (period.precision === "day" ? days : spans).push(item);
  }
  return { days, spans };
}

/** The narrowest bin at least SIZE.binWidth px wide over the domain in view. */
function chooseBin(domain, width) {
  const days = (domain[1] - domain[0]) / 864e5;
  const maxBins = (width - SIZE.left - SIZE.right) / SIZE.binWidth;
  return (BINS.find((b) => days / b.days <= maxBins) || BINS[BINS.length - 1]).name;
}

/**
 * Day rows counted per bin: one entry per bin with counts (and article-dated counts) per type.
 * RETURNS (object[]): {start, end, counts: {type: n}, article: {type: n}, total}.
 */
function binDays(days, binName) {
  const interval = binInterval(binName);
  const bins = new Map();
  for (const row of days) {
    const start = interval.floor(row.start);
    const key = +start;
    if (!bins.has(key)) bins.set(key, { start, end: interval.offset(start, 1), counts: {}, article: {}, total: 0 });
    const bin = bins.get(key);
    bin.counts[row.type] = (bin.counts[row.type] || 0) + row.n;
    bin.article[row.type] = (bin.article[row.type] || 0) + row.nArticle;
    bin.total += row.n;
  }
  return [...bins.values()].sort((a, b) => a.start - b.start);
}

/** Give each span a lane so that spans in one lane do not overlap (greedy, by start). */
function assignLanes(spans) {
  const laneEnds = [];
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end || a.type.localeCompare(b.type));
  for (const span of sorted) {
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = span.end;
    span.lane = lane;
  }
  return laneEnds.length;
}

/** "week of 7 Mar 2022", "March 2022", "2022", "7 Mar 2022" for a bin or a span. */
function periodLabel(start, name) {
  if (name === "week") return "week of " + d3.utcFormat("%-d %b %Y")(start);
  if (name === "month") return d3.utcFormat("%B %Y")(start);
  if (name === "year") return d3.utcFormat("%Y")(start);
  return d3.utcFormat("%-d %b %Y")(start);
}

/** "MOBILIZE 3, AID 1" from counts by type, largest first. */
function breakdown(counts) {
  return Object.entries(counts).filter(([, n]) => n).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ");
}

function articleNote(nArticle) {
  return nArticle ? ` · ${formatCount(nArticle)} dated by the article, not the text` : "";
}

/** The since/until filters of a period (the last day is the day before its exclusive end). */
function filterToPeriod(start, end) {
  navigateParams({ ...currentFilters(), since: isoDay(start), until: isoDay(d3.utcDay.offset(end, -1)) });
}

/** The sentence beside the chart about the events it cannot show. */
function undatedNote(stats) {
  const undated = stats.undated || 0;
  const total = stats.total || 0;
  const verbs = undated === 1 ? "has no date and is" : "have no date and are";
  const text = undated ? `${formatCount(undated)} of ${formatCount(total)} events ${verbs} not plotted.`
    : total ? `All ${plural(total, "matching event")} have a date.` : "No events match the filters.";
  return el("p", { class: "hint", "data-testid": "undated-note", "data-undated": undated, text });
}

/** The legend: the types, then what a span and a hatched part mean. */
function timelineLegend(types) {
  const list = typeLegend(types, "timeline-legend");
  const keys = el("ul", { class: "legend", "data-testid": "timeline-key" },
    el("li", {}, swatch(null, "span-swatch"), "span: date known only to the month or year (lane below the bars)"),
    el("li", {}, swatch(null, "hatched"), "hatched: date taken from the article, not the text"));
  return [list, keys];
}

/**
 * Draw the timeline into a panel, one px per unit (its width is the panel's), zoomable along time.
 * container (Element). stats (object): /api/stats.
 */
export function renderTimeline(container, stats) {
  const { days, spans } = datedRows(stats);
  const head = panelHead("Timeline", el("span", { class: "spacer" }));
  append(container, head, undatedNote(stats));
  if (!window.d3) return append(container, vendorMissing());
  if (!days.length && !spans.length) return append(container, el("p", { class: "empty", text: "No dated events match the filters." }));

  const all = [...days, ...spans];
  const width = Math.max(320, Math.round(container.clientWidth - 34));
  const lanes = assignLanes(spans);
  const laneStep = Math.min(SIZE.laneHeight + SIZE.laneGap, SIZE.maxLanesHeight / Math.max(1, lanes));
  const barsBottom = SIZE.top + (days.length ? SIZE.barHeight : 0);
  const height = barsBottom + SIZE.axis + (lanes ? lanes * laneStep + 8 : 0) + 4;
  const x0 = d3.scaleUtc().domain([d3.min(all, (r) => r.start), d3.max(all, (r) => r.end)]).range([SIZE.left, width - SIZE.right]);
  const types = [...new Set(all.map((r) => r.type))].sort();
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("data-testid", "timeline").attr("role", "group")
    .attr("aria-label", "Events over time: bars for dates known to the day, spans for dates known to the month or year. "
      + "Keys: + and − zoom, arrows move, 0 resets.");
  defineHatch(svg, width, height);
  const plot = svg.append("g");
  const hint = el("p", { class: "hint", "data-testid": "timeline-hint" });
  const draw = (x) => {
    const binName = chooseBin(x.domain(), width);
    svg.attr("data-bin", binName);
    hint.textContent = (days.length ? `Bars: events dated to the day, per ${binName}. ` : "")
      + "Click a bar or span to filter to its period; zoom with the buttons, Ctrl + wheel or the keys.";
    const [from, to] = x.domain();
    const inView = (r) => r.end > from && r.start < to;
    plot.selectAll("*").remove();
    if (days.length) drawBars(plot, binDays(days, binName).filter(inView), types, x, barsBottom, binName);
    drawAxis(plot, x, barsBottom, width);
    if (lanes) drawSpans(plot, spans.filter(inView), x, barsBottom + SIZE.axis, laneStep);
  };
  draw(x0);
  const zoom = timeZoom(svg, x0, draw, width, height);
  append(head, zoomButtons(svg, zoom, "timeline", "inline", () => medianPoint(svg, x0, all, width)));
  append(container, hint, svg.node(), timelineLegend(types));
}

/**
 * d3.zoom along time only: the scale is rescaled and the chart redrawn, with bins
 * fitting the span in view. Down to about two weeks across the chart.
 */
function timeZoom(svg, x0, draw, width, height) {
  const days = (x0.domain()[1] - x0.domain()[0]) / 864e5;
  const zoom = d3.zoom().scaleExtent([1, Math.max(1, days / 14)])
    .filter((event) => (event.type === "wheel" ? event.ctrlKey : !event.button) && (!event.touches || event.touches.length > 1))
    .extent([[SIZE.left, 0], [width - SIZE.right, height]])
    .translateExtent([[SIZE.left, 0], [width - SIZE.right, height]])
    .on("zoom", (event) => {
      svg.attr("data-zoom", event.transform.k.toFixed(2));
      draw(event.transform.rescaleX(x0));
    });
  svg.call(zoom).on("dblclick.zoom", null).style("touch-action", "pan-x pan-y");
  zoomKeys(svg, zoom, [SIZE.pan, 0]);
  return zoom;
}

/**
 * Where zooming in by the buttons moves to: the median event date (weighted by counts)
 * while it is in view, so that the view closes in on the data, not on an empty middle.
 * RETURNS ([x, y] | undefined): in the chart's unzoomed coordinates.
 */
function medianPoint(svg, x0, rows, width) {
  const sorted = rows.slice().sort((a, b) => a.start - b.start);
  const half = d3.sum(sorted, (r) => r.n) / 2;
  let seen = 0;
  const median = sorted.find((r) => (seen += r.n) >= half);
  const x = x0(new Date((+median.start + +median.end) / 2));
  const px = d3.zoomTransform(svg.node()).applyX(x);
  return px >= SIZE.left && px <= width - SIZE.right ? [x, 0] : undefined;
}

/** The hatch pattern laid over the article-dated part of a bar or span, and the clip of the plot area. */
function defineHatch(svg, width, height) {
  const defs = svg.append("defs");
  defs.append("clipPath").attr("id", CLIP_ID).append("rect")
    .attr("x", SIZE.left).attr("width", width - SIZE.left - SIZE.right).attr("y", 0).attr("height", height);
  const pattern = defs.append("pattern").attr("id", HATCH_ID).attr("patternUnits", "userSpaceOnUse")
    .attr("width", 5).attr("height", 5).attr("patternTransform", "rotate(45)");
  pattern.append("rect").attr("class", "hatch-line").attr("width", 2).attr("height", 5);
}

/** The time axis, each tick carrying its date (data-time) and the year where it changes. */
function drawAxis(svg, x, y, width) {
  const ticks = x.ticks(Math.max(3, Math.min(12, Math.round(width / 100))));
  const axis = svg.append("g").attr("class", "axis time-axis").attr("data-testid", "time-axis")
    .attr("transform", `translate(0,${y})`)
    .call(d3.axisBottom(x).tickValues(ticks).tickFormat(timeTickFormat(ticks)));
  axis.selectAll(".tick").attr("data-time", (d) => d.toISOString());
}

/** Stacked bars of the day-precise bins, one focusable mark per bin. */
function drawBars(svg, bins, types, x, bottom, binName) {
  const yMax = d3.max(bins, (b) => b.total) || 1;
  const y = d3.scaleLinear().domain([0, yMax]).nice().range([bottom, SIZE.top]);
  svg.append("g").attr("class", "axis").attr("transform", `translate(${SIZE.left},0)`)
    .call(d3.axisLeft(y).ticks(Math.min(5, yMax)).tickFormat(d3.format("d")));
  const left = (b) => x(b.start) + 0.5;
  const width = (b) => Math.max(1.5, x(b.end) - x(b.start) - 1);
  const stack = d3.stack().keys(types).value((b, type) => b.counts[type] || 0)(bins);
  const layers = svg.append("g").attr("class", "bars").attr("clip-path", `url(#${CLIP_ID})`).selectAll("g").data(stack).join("g")
    .attr("data-type", (series) => series.key).attr("fill", (series) => typeColor(series.key));
  const segments = layers.selectAll("g").data((series) => series.filter((d) => d[1] > d[0]).map((d) => ({ d, type: series.key })))
    .join("g");
  segments.append("rect").attr("class", "seg")
    .attr("x", (s) => left(s.d.data)).attr("width", (s) => width(s.d.data))
    .attr("y", (s) => y(s.d[1])).attr("height", (s) => y(s.d[0]) - y(s.d[1]));
  segments.filter((s) => s.d.data.article[s.type] > 0).append("rect").attr("class", "hatch")
    .attr("fill", `url(#${HATCH_ID})`)
    .attr("x", (s) => left(s.d.data)).attr("width", (s) => width(s.d.data))
    .attr("y", (s) => y(s.d[0] + s.d.data.article[s.type])).attr("height", (s) => y(s.d[0]) - y(s.d[0] + s.d.data.article[s.type]));
  const label = (b) => {
    const nArticle = d3.sum(Object.values(b.article));
    return `${periodLabel(b.start, binName)}: ${plural(b.total, "event")} (${breakdown(b.counts)})${articleNote(nArticle)}`;
  };
  svg.append("g").attr("class", "hits").attr("clip-path", `url(#${CLIP_ID})`).selectAll("rect").data(bins).join("rect")
    .attr("class", "bar").attr("x", left).attr("width", width)
    .attr("y", (b) => y(b.total)).attr("height", (b) => bottom - y(b.total))
    .attr("data-bucket", (b) => isoDay(b.start)).attr("data-start", (b) => b.start.toISOString())
    .attr("data-end", (b) => b.end.toISOString()).attr("data-total", (b) => b.total)
    .attr("data-article", (b) => d3.sum(Object.values(b.article)))
    .call(chartMarks, label, (b) => filterToPeriod(b.start, b.end));
}

/** Month- and year-only dates as spans over their period, one lane each, below the axis. */
function drawSpans(svg, spans, x, top, laneStep) {
  const height = Math.max(3, laneStep - 2);
  svg.append("text").attr("class", "lane-label").attr("x", SIZE.left - 4).attr("y", top + 2)
    .attr("text-anchor", "end").attr("dy", "0.7em").text("month/year");
  const group = svg.append("g").attr("class", "spans").attr("transform", `translate(0,${top})`)
    .attr("clip-path", `url(#${CLIP_ID})`);
  const item = group.selectAll("g").data(spans).join("g").attr("data-type", (s) => s.type);
  item.append("rect").attr("class", "span-fill")
    .attr("x", (s) => x(s.start) + 0.5).attr("width", (s) => Math.max(2, x(s.end) - x(s.start) - 1))
    .attr("y", (s) => s.lane * laneStep).attr("height", height)
    .attr("fill", (s) => typeColor(s.type));
  item.filter((s) => s.nArticle > 0).append("rect").attr("class", "hatch").attr("fill", `url(#${HATCH_ID})`)
    .attr("x", (s) => x(s.start) + 0.5).attr("width", (s) => Math.max(2, x(s.end) - x(s.start) - 1))
    .attr("y", (s) => s.lane * laneStep + height * (1 - s.nArticle / s.n)).attr("height", (s) => height * s.nArticle / s.n);
  const label = (s) => `${periodLabel(s.start, s.precision)} (date known to the ${s.precision} only) · ${s.type}: ${plural(s.n, "event")}${articleNote(s.nArticle)}`;
  group.selectAll("g").append("rect").attr("class", "span")
    .attr("x", (s) => x(s.start) + 0.5).attr("width", (s) => Math.max(2, x(s.end) - x(s.start) - 1))
    .attr("y", (s) => s.lane * laneStep).attr("height", height)
    .attr("data-value", (s) => s.value).attr("data-n", (s) => s.n).attr("data-article", (s) => s.nArticle)
    .attr("data-start", (s) => s.start.toISOString()).attr("data-end", (s) => s.end.toISOString())
    .call(chartMarks, label, (s) => filterToPeriod(s.start, s.end));
}
