/*
 * Lagebild dashboard: a hash-routed single-page app over the JSON API.
 *
 * Routes
 *   #/                    overview: timeline, map, events table
 *   #/article/<doc_id>    one article, evidence sentences highlighted, events beside it
 *   #/posture[/<code>]    force posture of one country or organisation
 * Filters (type, actor, target, since, until, q) live in the hash query, e.g.
 * #/?type=MOBILIZE&actor=USA, and apply to every view.
 *
 * The data are German news articles and the records extracted from them: all
 * of it is untrusted text. Every node is built with createElement/textContent
 * (or d3's .text()); nothing from the API ever goes through innerHTML.
 */
(function () {
  "use strict";

  const FILTER_KEYS = ["type", "actor", "target", "since", "until", "q"];
  const TABLE_KEYS = ["sort", "order", "offset", "limit"];
  const PAGE_SIZES = [25, 50, 100];
  const DEFAULT_PAGE_SIZE = 25;
  const FETCH_PAGE = 100; // page size used when all filtered events are needed
  const FETCH_CAP = 5000; // never pull more than this many events into the browser
  const SERVER_SORTS = new Set(["date", "type", "actor", "doc", "id"]);
  const MAP_SIZE = { width: 960, height: 620 };
  const MAP_BOUNDS = { lon: [-25, 60], lat: [30, 72] };
  const TIMELINE_SIZE = { width: 960, height: 230, top: 12, right: 12, bottom: 46, left: 40 };
  const POSTURE_GROUPS = [
    { key: "deployments", label: "Deployments", type: "MOBILIZE" },
    { key: "withdrawals", label: "Withdrawals", type: "RETREAT" },
    { key: "presence", label: "Standing presence", type: "PRESENCE" },
    { key: "aid", label: "Aid", type: "AID" },
  ];
  const TABLE_COLUMNS = [
    { key: "date", label: "Date" },
    { key: "type", label: "Type" },
    { key: "actor", label: "Actor" },
    { key: "target", label: "Target" },
    { key: "quantity", label: "Quantity", numeric: true },
    { key: "status", label: "Status" },
    { key: null, label: "Evidence" },
    { key: "doc", label: "Article" },
  ];

  const state = {
    meta: null,
    countryNames: new Map(), // ISO3 -> English name
    numericToIso3: null,
    topology: null,
    mapMode: "target",
    renderId: 0,
    typeColors: new Map(),
  };

  /* ------------------------------------------------------------ DOM helpers */

  /**
   * Create an element with attributes and children, never parsing HTML.
   * tag (string): element name. attrs (object): attributes; "text" sets
   * textContent, "class" the class list. children: nodes or strings.
   * RETURNS (Element): the new element.
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) throw new Error("event handler attributes are not allowed");
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  /** Append nodes and strings (as text), or nested arrays of them, to a parent, skipping null. */
  function append(parent, ...children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
  }

  /** Remove every child of a node. */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** Show a message in the status banner (kind "error" or "info"); empty hides it. */
  function showStatus(message, kind) {
    const box = document.getElementById("status");
    box.textContent = message || "";
    box.className = "status" + (kind === "info" ? " info" : "");
    box.hidden = !message;
  }

  /** The colour of an event type, read from the --type-<TYPE> CSS variable. */
  function typeColor(type) {
    if (!state.typeColors.has(type)) {
      const css = getComputedStyle(document.documentElement);
      const value = css.getPropertyValue("--type-" + type).trim() || css.getPropertyValue("--type-OTHER").trim();
      state.typeColors.set(type, value);
    }
    return state.typeColors.get(type);
  }

  /** A CSS custom property of the root element. */
  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  /** Position and fill the shared tooltip; an empty text hides it. */
  function tooltip(event, text) {
    const tip = document.getElementById("tooltip");
    if (!text) {
      tip.hidden = true;
      return;
    }
    tip.textContent = text;
    tip.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = x + "px";
    tip.style.top = event.clientY + 14 + "px";
  }

  /**
   * Wire the marks of a chart (a d3 selection): the hover tooltip and a click that
   * opens something; the focusable ones (all, unless a filter is given) are also
   * keyboard buttons: a tab stop named by the tooltip text, the tooltip on focus,
   * and Enter or Space opening what a click opens.
   * label ((d) => string). open ((d) => void). focusable ((d) => boolean), optional.
   */
  function chartMarks(selection, label, open, focusable) {
    selection
      .on("mousemove", (event, d) => tooltip(event, label(d)))
      .on("mouseleave", () => tooltip(null, ""))
      .on("click", (event, d) => {
        tooltip(null, "");
        open(d);
      });
    selection.filter(focusable || (() => true))
      .attr("tabindex", 0).attr("role", "button").attr("aria-label", label)
      .on("focus", (event, d) => {
        const box = event.currentTarget.getBoundingClientRect();
        tooltip({ clientX: box.right, clientY: box.top }, label(d));
      })
      .on("blur", () => tooltip(null, ""))
      .on("keydown", (event, d) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        tooltip(null, "");
        open(d);
      });
    return selection;
  }

  /* ------------------------------------------------------------------- API */

  /**
   * GET a JSON endpoint of the API.
   * path (string): e.g. "/api/events". params (object): query parameters; empty ones are dropped.
   * RETURNS (Promise<object>): the decoded body; rejects with the API's error message.
   */
  async function api(path, params) {
    const response = await fetch(path + queryString(params), { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      throw new Error(`${path}: ${response.status} ${response.statusText} (no JSON body)`);
    }
    if (!response.ok || (body && body.ok === false)) {
      const details = (body && body.errors ? body.errors : [])
        .map((e) => (e.param ? e.param + ": " : "") + e.message)
        .join("; ");
      throw new Error((body && body.error ? body.error : `HTTP ${response.status}`) + (details ? ` (${details})` : ""));
    }
    return body;
  }

  /**
   * Every event matching the filters, paged through /api/events up to FETCH_CAP.
   * RETURNS (Promise<{events: object[], total: number, capped: boolean}>).
   */
  async function fetchAllEvents(filters) {
    const events = [];
    let total = Infinity;
    while (events.length < total && events.length < FETCH_CAP) {
      const page = await api("/api/events", { ...filters, sort: "date", order: "asc", limit: FETCH_PAGE, offset: events.length });
      total = page.total;
      if (!page.events.length) break;
      events.push(...page.events);
    }
    if (total === Infinity) total = 0;
    return { events, total, capped: total > events.length };
  }

  /** "?a=1&b=2" from an object, leaving out empty values; "" when nothing is left. */
  function queryString(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  /* --------------------------------------------------------------- routing */

  /**
   * Split the location hash into a route, its argument and its query.
   * RETURNS ({route: string, arg: string|null, params: object}).
   */
  function parseHash() {
    const raw = location.hash.replace(/^#/, "");
    const [path, query] = raw.split("?", 2);
    const parts = path.split("/").filter(Boolean).map(safeDecode);
    const params = Object.fromEntries(new URLSearchParams(query || ""));
    return { route: parts[0] || "overview", arg: parts[1] || null, params };
  }

  /** decodeURIComponent that returns its input instead of throwing on bad escapes. */
  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch (err) {
      return text;
    }
  }

  /**
   * Build a hash for a route, keeping the current filters unless given.
   * route (string): "overview", "article" or "posture". arg (string|null). params (object).
   * RETURNS (string): e.g. "#/article/abc?actor=USA&ev=3".
   */
  function hashFor(route, arg, params) {
    const path = route === "overview" ? "#/" : "#/" + route + (arg ? "/" + encodeURIComponent(arg) : "");
    return path + queryString(params === undefined ? currentFilters() : params);
  }

  /** The filter values in the current hash. */
  function currentFilters() {
    const { params } = parseHash();
    return pick(params, FILTER_KEYS);
  }

  /** A copy of obj with only the given keys that have a non-empty value. */
  function pick(obj, keys) {
    const out = {};
    for (const key of keys) if (obj[key]) out[key] = obj[key];
    return out;
  }

  /** Replace the hash query of the current route (adds a history entry). */
  function navigateParams(params) {
    const { route, arg } = parseHash();
    location.hash = hashFor(route, arg, params);
  }

  /** Render the view named by the hash. */
  async function route() {
    const { route: name, arg, params } = parseHash();
    const id = ++state.renderId;
    document.body.dataset.loading = "true";
    syncFilterForm(params);
    markCurrentNav(name);
    showStatus("");
    tooltip(null, "");
    const view = clear(document.getElementById("view"));
    try {
      if (name === "article" && arg) await renderArticle(view, arg, params, id);
      else if (name === "posture") await renderPosture(view, arg, params, id);
      else await renderOverview(view, params, id);
    } catch (err) {
      if (id === state.renderId) showStatus(err.message || String(err), "error");
    }
    if (id === state.renderId) {
      document.body.dataset.rendered = location.hash || "#/";
      document.body.dataset.loading = "false";
    }
  }

  /** True while a render started as `id` is still the latest one. */
  function isCurrent(id) {
    return id === state.renderId;
  }

  function markCurrentNav(name) {
    for (const link of document.querySelectorAll("[data-nav]")) {
      link.classList.toggle("current", link.dataset.nav === name);
    }
  }

  /* --------------------------------------------------------------- filters */

  /** Fill the filter bar's select and datalists from /api/meta. */
  function fillFilterOptions(meta) {
    const select = document.getElementById("f-type");
    append(select, (meta.types || []).map((t) => el("option", { value: t, text: t })));
    const actors = document.getElementById("dl-actors");
    append(actors, (meta.actors || []).map((c) => el("option", { value: c, text: countryLabel(c) })));
    const targets = document.getElementById("dl-targets");
    append(targets, (meta.targets || []).map((c) => el("option", { value: c, text: countryLabel(c) })));
    document.getElementById("version").textContent = meta.version ? "Lagebild " + meta.version : "";
  }

  /** Put the hash's filter values into the form fields, and their number on the fold toggle. */
  function syncFilterForm(params) {
    const form = document.getElementById("filters");
    for (const key of FILTER_KEYS) {
      const field = form.elements[key];
      if (field) field.value = params[key] || "";
    }
    const active = FILTER_KEYS.filter((key) => params[key]).length;
    document.getElementById("f-active").textContent = active ? `(${active} active)` : "";
  }

  /**
   * Fold or unfold the filter fields. The toggle is shown only on narrow screens
   * (style.css), where the bar starts folded; on wide screens the fields always show.
   */
  function setFiltersOpen(open) {
    document.getElementById("f-toggle").setAttribute("aria-expanded", String(open));
  }

  /** True when the filter bar is foldable (its toggle is displayed: a narrow screen). */
  function filtersFoldable() {
    return document.getElementById("f-toggle").getClientRects().length > 0;
  }

  /** Read the form, normalise codes to upper case, and navigate. */
  function applyFilterForm(event) {
    event.preventDefault();
    const form = document.getElementById("filters");
    if (!form.reportValidity()) return;
    if (filtersFoldable()) setFiltersOpen(false);
    const filters = {};
    for (const key of FILTER_KEYS) {
      let value = (form.elements[key].value || "").trim();
      if (key === "actor" || key === "target") value = value.toUpperCase();
      if (value) filters[key] = value;
    }
    const { params } = parseHash();
    const keep = pick(params, ["sort", "order", "limit", "ev"]);
    navigateParams({ ...filters, ...keep });
  }

  function resetFilterForm() {
    const { params } = parseHash();
    navigateParams(pick(params, ["sort", "order", "limit", "ev"]));
  }

  /* ------------------------------------------------------------ formatting */

  const numberFormat = new Intl.NumberFormat("en-US");
  const QUALIFIER_SIGNS = { approx: "≈", at_least: "≥", at_most: "≤" };

  /** "≈7,000 soldiers" from a quantity record, or "" when there is none. */
  function formatQuantity(quantity) {
    if (!quantity || quantity.value === null || quantity.value === undefined) return "";
    const sign = QUALIFIER_SIGNS[quantity.qualifier] || "";
    const unit = quantity.unit ? " " + quantity.unit.replace(/_/g, " ") : "";
    return sign + numberFormat.format(quantity.value) + unit;
  }

  /** The ISO date value of a record, or "". */
  function dateValue(record) {
    return (record.date && record.date.value) || "";
  }

  /** "Lithuania (LTU)" for a country code, the code itself for organisations. */
  function countryLabel(code) {
    const name = state.countryNames.get(code);
    return name ? `${name} (${code})` : code;
  }

  /** A link to the posture page of a code. */
  function codeLink(code, title) {
    return el("a", { class: "code", href: hashFor("posture", code), title: title || countryLabel(code), text: code });
  }

  /** Links for a list of codes, separated by commas. */
  function codeLinks(codes, title) {
    const nodes = [];
    (codes || []).forEach((code, i) => {
      if (i) nodes.push(", ");
      nodes.push(codeLink(code, title));
    });
    return nodes;
  }

  /** A coloured chip naming an event type (its text colour comes from style.css by data-type). */
  function typeChip(type) {
    const chip = el("span", { class: "chip", "data-type": type, text: type });
    chip.style.background = typeColor(type);
    return chip;
  }

  /** Badges for factuality other than asserted, and for optional gold records. */
  function factualityBadges(record) {
    const out = [];
    if (record.factuality && record.factuality !== "asserted") {
      out.push(el("span", { class: "badge " + record.factuality, text: record.factuality }));
    }
    return out;
  }

  /** Link to the article of a record, highlighting that record's sentences. */
  function articleHref(record) {
    return hashFor("article", record.doc, { ...currentFilters(), ev: record.id });
  }

  /* -------------------------------------------------------------- overview */

  /**
   * The overview: KPIs, timeline, map and events table under the filters.
   * view (Element): the main container. params (object): the hash query. id (number): render id.
   */
  async function renderOverview(view, params, id) {
    const filters = pick(params, FILTER_KEYS);
    const kpis = el("div", { class: "kpis" });
    const timeline = el("section", { class: "panel wide", "data-testid": "timeline-panel" });
    const map = el("section", { class: "panel", "data-testid": "map-panel" });
    const side = el("section", { class: "panel", "data-testid": "types-panel" });
    const table = el("section", { class: "panel wide", "data-testid": "table-panel" });
    append(view, kpis, el("div", { class: "grid overview" }, timeline, map, side, table));
    append(timeline, el("p", { class: "empty", text: "Loading timeline…" }));
    append(map, el("p", { class: "empty", text: "Loading map…" }));

    const tablePromise = renderTable(table, params, id);
    const stats = await api("/api/stats", filters);
    if (!isCurrent(id)) return;
    renderKpis(kpis, stats);
    renderTypes(side, stats);
    renderTimeline(clear(timeline), stats);
    await Promise.all([renderMap(clear(map), stats, filters, id), tablePromise]);
  }

  function renderKpis(container, stats) {
    const countries = new Set([...Object.keys(stats.actor_countries || {}), ...Object.keys(stats.target_countries || {})]);
    const items = [
      ["events", stats.total],
      ["articles", stats.articles],
      ["countries & organisations", countries.size],
      ["failed articles", stats.failures],
    ];
    for (const [label, n] of items) {
      append(container, el("div", { class: "kpi" }, el("span", { class: "n", text: numberFormat.format(n || 0) }), el("span", { class: "l", text: label })));
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
    const list = el("ul", { class: "legend", "data-testid": "type-counts" });
    list.classList.add("type-bars");
    for (const [type, n] of entries) {
      const bar = el("span", { class: "swatch" });
      bar.style.background = typeColor(type);
      bar.style.width = Math.max(0.4, (12 * n) / max) + "rem";
      const link = el("a", { href: hashFor("overview", null, { ...currentFilters(), type }) }, type);
      append(list, el("li", {}, link, bar, el("span", { class: "hint", text: String(n) })));
    }
    append(container, list);
  }

  /* -------------------------------------------------------------- timeline */

  /** Precision of an ISO date value: "day", "month", "year" or null. */
  function precisionOf(value) {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return "day";
    if (/^\d{4}-\d{2}$/.test(value)) return "month";
    if (/^\d{4}$/.test(value)) return "year";
    return null;
  }

  /** The UTC start of an ISO date value at its precision. */
  function startOf(value) {
    const [y, m, d] = value.split("-").map(Number);
    return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  /**
   * Choose the bar width from the spread of day-precise dates: day bars for up to
   * two months, weeks up to two years, months up to ten years, else years. The
   * 5th–95th percentile range is used so one old date does not flatten the chart.
   * RETURNS ({gran: string, lo: Date|null, hi: Date|null}).
   */
  function chooseGranularity(dayValues) {
    if (!dayValues.length) return { gran: "month", lo: null, hi: null };
    const times = dayValues.map((v) => startOf(v).getTime()).sort((a, b) => a - b);
    const lo = d3.quantileSorted(times, 0.05);
    const hi = d3.quantileSorted(times, 0.95);
    const spanDays = (hi - lo) / 864e5;
    const gran = spanDays <= 62 ? "day" : spanDays <= 731 ? "week" : spanDays <= 3653 ? "month" : "year";
    return { gran, lo: new Date(lo), hi: new Date(hi) };
  }

  /**
   * The bucket of one date value under a granularity. Values coarser than the
   * bucket width, and day values outside the main range, get a bucket of their
   * own precision marked imprecise (drawn lighter, labelled in italics).
   * RETURNS ({key, start, end, label, gran, imprecise} | null).
   */
  function bucketOf(value, scale) {
    const precision = precisionOf(value);
    if (!precision) return null;
    const { gran, lo, hi } = scale;
    if (precision === "day") {
      const date = startOf(value);
      if (lo && (date < lo || date > hi)) return periodBucket(value.slice(0, 4), "year", gran !== "year");
      if (gran === "day") return periodBucket(value.slice(0, 10), "day", false);
      if (gran === "week") return weekBucket(date);
      if (gran === "month") return periodBucket(value.slice(0, 7), "month", false);
      return periodBucket(value.slice(0, 4), "year", false);
    }
    if (precision === "month") {
      if (gran === "year") return periodBucket(value.slice(0, 4), "year", false);
      return periodBucket(value, "month", gran !== "month");
    }
    return periodBucket(value, "year", gran !== "year");
  }

  /** A day, month or year bucket. */
  function periodBucket(value, gran, imprecise) {
    const start = startOf(value);
    const end = new Date(start);
    if (gran === "day") end.setUTCDate(end.getUTCDate() + 1);
    else if (gran === "month") end.setUTCMonth(end.getUTCMonth() + 1);
    else end.setUTCFullYear(end.getUTCFullYear() + 1);
    const label = gran === "day" ? value.slice(5) : value;
    return { key: gran + ":" + value, start, end, label, gran, imprecise, value };
  }

  /** The ISO week (Monday to Sunday) containing a date. */
  function weekBucket(date) {
    const start = new Date(date);
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    const end = new Date(start);
    end.setUTCDate(end.getUTCDate() + 7);
    const day = isoDay(start);
    return { key: "week:" + day, start, end, label: "wk " + day.slice(5), gran: "week", imprecise: false, value: day };
  }

  /** The bucket after a precise bucket (for filling empty days/weeks/months). */
  function nextBucket(bucket) {
    const value = isoDay(bucket.end);
    if (bucket.gran === "week") return weekBucket(bucket.end);
    if (bucket.gran === "day") return periodBucket(value, "day", false);
    if (bucket.gran === "month") return periodBucket(value.slice(0, 7), "month", false);
    return periodBucket(value.slice(0, 4), "year", false);
  }

  /**
   * Group /api/stats by_day rows into timeline buckets with counts per type.
   * rows ({day, type, n}[]). RETURNS ({buckets: object[], types: string[], gran: string}).
   */
  function buildBuckets(rows) {
    const scale = chooseGranularity(rows.map((r) => r.day).filter((v) => precisionOf(v) === "day"));
    const byKey = new Map();
    const types = new Set();
    for (const row of rows) {
      const bucket = bucketOf(String(row.day || ""), scale);
      if (!bucket) continue;
      if (!byKey.has(bucket.key)) byKey.set(bucket.key, { ...bucket, counts: {} });
      const counts = byKey.get(bucket.key).counts;
      counts[row.type] = (counts[row.type] || 0) + row.n;
      types.add(row.type);
    }
    fillGaps(byKey, scale.gran);
    const buckets = [...byKey.values()].sort(
      (a, b) => a.start - b.start || b.end - a.end || a.key.localeCompare(b.key),
    );
    return { buckets, types: [...types].sort(), gran: scale.gran };
  }

  /** Add empty precise buckets between the first and last precise one (at most 160 bars). */
  function fillGaps(byKey, gran) {
    const precise = [...byKey.values()].filter((b) => !b.imprecise && b.gran === gran).sort((a, b) => a.start - b.start);
    if (precise.length < 2) return;
    const added = [];
    for (let b = nextBucket(precise[0]); b.start < precise[precise.length - 1].start; b = nextBucket(b)) {
      if (!byKey.has(b.key)) added.push(b);
      if (added.length + byKey.size > 160) return;
    }
    for (const b of added) byKey.set(b.key, { ...b, counts: {} });
  }

  /**
   * Draw the stacked bar timeline (one rect.bar per type and bucket) with a legend.
   * container (Element). stats (object): /api/stats.
   */
  function renderTimeline(container, stats) {
    const { buckets, types, gran } = buildBuckets(stats.by_day || []);
    const head = el("div", { class: "panel-head" }, el("h2", { text: "Timeline" }),
      el("span", { class: "hint", text: `events per ${gran}; lighter bars: date known only to the month or year. Click a bar to filter.` }));
    append(container, head);
    if (!window.d3) return append(container, vendorMissing());
    if (!buckets.length) return append(container, el("p", { class: "empty", text: "No dated events match the filters." }));

    const { width, height, top, right, bottom, left } = TIMELINE_SIZE;
    const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("data-testid", "timeline")
      .attr("role", "group").attr("aria-label", "Events over time, stacked by type");
    const x = d3.scaleBand().domain(buckets.map((b) => b.key)).range([left, width - right]).padding(0.15);
    const stack = d3.stack().keys(types).value((b, type) => b.counts[type] || 0)(buckets);
    const yMax = d3.max(buckets, (b) => d3.sum(Object.values(b.counts))) || 1;
    const y = d3.scaleLinear().domain([0, yMax]).nice().range([height - bottom, top]);
    const byKey = new Map(buckets.map((b) => [b.key, b]));

    svg.append("g").attr("class", "axis").attr("transform", `translate(${left},0)`)
      .call(d3.axisLeft(y).ticks(Math.min(5, yMax)).tickFormat(d3.format("d")));
    const every = Math.ceil(buckets.length / 16);
    const xAxis = svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - bottom})`)
      .call(d3.axisBottom(x).tickValues(buckets.filter((b, i) => i % every === 0).map((b) => b.key))
        .tickFormat((key) => byKey.get(key).label));
    xAxis.selectAll(".tick").classed("tick-imprecise", (key) => byKey.get(key).imprecise);
    xAxis.selectAll("text").attr("transform", "rotate(-30)").attr("text-anchor", "end").attr("dx", "-.4em").attr("dy", ".6em");

    svg.append("g").selectAll("g").data(stack).join("g").attr("fill", (series) => typeColor(series.key))
      .attr("data-type", (series) => series.key)
      .selectAll("rect").data((series) => series.map((d) => Object.assign(d, { type: series.key })).filter((d) => d[1] > d[0]))
      .join("rect")
      .attr("class", (d) => "bar" + (d.data.imprecise ? " imprecise" : ""))
      .attr("x", (d) => x(d.data.key)).attr("width", x.bandwidth())
      .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
      .attr("data-bucket", (d) => d.data.value)
      .call(chartMarks, (d) => `${bucketTitle(d.data)} · ${d.type}: ${d[1] - d[0]}`, (d) => filterToBucket(d.data));
    append(container, svg.node(), legend(types));
  }

  function bucketTitle(bucket) {
    const suffix = bucket.imprecise ? ` (date known to the ${bucket.gran} only)` : "";
    return (bucket.gran === "week" ? "week of " + bucket.value : bucket.value) + suffix;
  }

  /** Set the since/until filters to the period of a bar. */
  function filterToBucket(bucket) {
    tooltip(null, "");
    const until = bucket.gran === "week" ? isoDay(new Date(bucket.end.getTime() - 864e5)) : bucket.value;
    navigateParams({ ...currentFilters(), since: bucket.value, until });
  }

  /** A legend list of type swatches. */
  function legend(types) {
    const list = el("ul", { class: "legend", "data-testid": "timeline-legend" });
    for (const type of types) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = typeColor(type);
      append(list, el("li", {}, swatch, type));
    }
    return list;
  }

  function vendorMissing() {
    return el("p", { class: "empty", text: "Chart libraries are missing: run scripts/install_assets.sh." });
  }

  /* ------------------------------------------------------------------- map */

  /** Load (once) the Natural Earth topology and the numeric → ISO3 table. */
  async function loadGeo() {
    if (!state.topology) {
      const response = await fetch("/static/vendor/countries-50m.json");
      if (!response.ok) throw new Error("Map data missing: run scripts/install_assets.sh.");
      state.topology = await response.json();
    }
    return state.topology;
  }

  /** Load the ISO 3166-1 numeric → {iso3, name} table and fill the name lookup. */
  async function loadCountryNames() {
    try {
      const response = await fetch("/static/vendor/iso-numeric.json");
      if (!response.ok) return;
      state.numericToIso3 = await response.json();
      for (const { iso3, name } of Object.values(state.numericToIso3)) state.countryNames.set(iso3, name);
    } catch (err) {
      state.numericToIso3 = {};
    }
  }

  /** A projection of Europe and its neighbourhood fitted to MAP_BOUNDS. */
  function europeProjection() {
    const { lon, lat } = MAP_BOUNDS;
    const ring = [];
    for (let x = lon[0]; x <= lon[1]; x += 5) ring.push([x, lat[0]], [x, lat[1]]);
    for (let y = lat[0]; y <= lat[1]; y += 3) ring.push([lon[0], y], [lon[1], y]);
    const { width, height } = MAP_SIZE;
    return d3.geoConicConformal().parallels([38, 64]).rotate([-17, 0])
      .fitExtent([[6, 6], [width - 6, height - 6]], { type: "MultiPoint", coordinates: ring })
      .clipExtent([[0, 0], [width, height]]);
  }

  /**
   * The choropleth of events per country (as actor or as target) with place markers.
   * container (Element). stats (object): /api/stats. filters (object). id (number): render id.
   */
  async function renderMap(container, stats, filters, id) {
    const toggle = el("div", { class: "toggle", role: "group", "aria-label": "Count countries" });
    for (const [mode, label] of [["actor", "as actor"], ["target", "as target"]]) {
      const button = el("button", { type: "button", "data-mode": mode, "aria-pressed": String(state.mapMode === mode), text: label });
      button.addEventListener("click", () => {
        state.mapMode = mode;
        renderMap(clear(container), stats, filters, id);
      });
      append(toggle, button);
    }
    append(container, el("div", { class: "panel-head" }, el("h2", { text: "Map" }), el("span", { class: "spacer" }), toggle));
    if (!window.d3 || !window.topojson) return append(container, vendorMissing());

    const counts = (state.mapMode === "actor" ? stats.actor_countries : stats.target_countries) || {};
    const [topology, located] = await Promise.all([loadGeo(), fetchLocatedEvents(filters)]);
    if (!isCurrent(id)) return;
    const svg = drawCountries(topology, counts);
    drawMarkers(svg, located);
    const wrap = el("div", { class: "map-wrap" }, svg.node());
    append(container, wrap, mapScale(counts), otherCodes(counts, topology));
  }

  /** Events whose location has coordinates (for the markers). */
  async function fetchLocatedEvents(filters) {
    const { events } = await fetchAllEvents(filters);
    return events.filter((e) => e.location && typeof e.location.lat === "number" && typeof e.location.lon === "number");
  }

  /** Draw every country as path.country with data-iso3, shaded by its count. */
  function drawCountries(topology, counts) {
    const { width, height } = MAP_SIZE;
    const projection = europeProjection();
    const path = d3.geoPath(projection);
    const features = topojson.feature(topology, topology.objects.countries).features;
    const numeric = state.numericToIso3 || {};
    const max = d3.max(Object.values(counts)) || 1;
    const shade = d3.scaleSequentialSqrt([0, max], d3.interpolateRgb(cssVar("--shade-low"), cssVar("--shade-high")));

    const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "map")
      .attr("data-testid", "map").attr("data-mode", state.mapMode)
      .attr("role", "group").attr("aria-label", `Events per country as ${state.mapMode}`);
    svg.append("rect").attr("class", "sea").attr("width", width).attr("height", height);
    svg.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
    svg.append("g").selectAll("path").data(features).join("path")
      .attr("class", (f) => "country" + (counts[iso3Of(f, numeric)] ? " shaded" : ""))
      .attr("data-iso3", (f) => iso3Of(f, numeric))
      .attr("data-count", (f) => counts[iso3Of(f, numeric)] || 0)
      .attr("d", path)
      .each(function (f) {
        const n = counts[iso3Of(f, numeric)];
        if (n) this.style.fill = shade(n);
      })
      .call(chartMarks, (f) => countryTooltip(f, numeric, counts), (f) => {
        const code = iso3Of(f, numeric);
        if (code) location.hash = hashFor("posture", code);
      }, (f) => counts[iso3Of(f, numeric)] > 0);
    svg.node().__projection = projection;
    return svg;
  }

  function iso3Of(feature, numeric) {
    const entry = numeric[feature.id];
    return entry ? entry.iso3 : "";
  }

  function countryTooltip(feature, numeric, counts) {
    const code = iso3Of(feature, numeric);
    const name = (feature.properties && feature.properties.name) || code;
    const n = counts[code] || 0;
    return `${name}${code ? " (" + code + ")" : ""}: ${n} event${n === 1 ? "" : "s"} as ${state.mapMode}`;
  }

  /** Circles for geocoded places, sized by the number of events there. */
  function drawMarkers(svg, located) {
    const projection = svg.node().__projection;
    const places = d3.rollups(located, (events) => events,
      (e) => [e.location.place || e.location.text || "", e.location.lat, e.location.lon].join("|"));
    const data = places.map(([key, events]) => {
      const loc = events[0].location;
      return { name: loc.place || loc.text || "", events, xy: projection([loc.lon, loc.lat]) };
    }).filter((d) => d.xy && d.xy[0] >= 0 && d.xy[0] <= MAP_SIZE.width && d.xy[1] >= 0 && d.xy[1] <= MAP_SIZE.height);
    svg.append("g").selectAll("circle").data(data).join("circle")
      .attr("class", "marker")
      .attr("cx", (d) => d.xy[0]).attr("cy", (d) => d.xy[1])
      .attr("r", (d) => 3 + 2.2 * Math.sqrt(d.events.length))
      .attr("data-place", (d) => d.name)
      .call(chartMarks, (d) => `${d.name}: ${d.events.length} event${d.events.length === 1 ? "" : "s"}`, (d) => {
        location.hash = articleHref(d.events[0]);
      });
  }

  /** The colour ramp legend under the map. */
  function mapScale(counts) {
    const max = Math.max(0, ...Object.values(counts));
    return el("div", { class: "scale" }, "0", el("span", { class: "ramp" }), String(max),
      el("span", { text: `events per country as ${state.mapMode}; circles: named places` }));
  }

  /** Codes that are not on the map (organisations, regions), as posture links. */
  function otherCodes(counts, topology) {
    const onMap = new Set(Object.values(state.numericToIso3 || {}).map((e) => e.iso3));
    const others = Object.entries(counts).filter(([code]) => !onMap.has(code)).sort((a, b) => b[1] - a[1]);
    if (!others.length) return null;
    const box = el("div", { class: "orgs", "data-testid": "map-other-codes" }, el("span", { class: "hint", text: "Not on the map:" }));
    for (const [code, n] of others) append(box, el("a", { href: hashFor("posture", code), text: `${code} ${n}` }));
    return box;
  }

  /* ----------------------------------------------------------------- table */

  /**
   * The paginated, sortable events table with export links.
   * container (Element). params (object): hash query (filters + sort/order/offset/limit).
   */
  async function renderTable(container, params, id) {
    const filters = pick(params, FILTER_KEYS);
    const sort = TABLE_COLUMNS.some((c) => c.key === params.sort) ? params.sort : "date";
    const order = params.order === "asc" ? "asc" : "desc";
    const limit = PAGE_SIZES.includes(Number(params.limit)) ? Number(params.limit) : DEFAULT_PAGE_SIZE;
    const offset = Math.max(0, Number.parseInt(params.offset, 10) || 0);

    const page = await loadTablePage(filters, sort, order, limit, offset);
    if (!isCurrent(id)) return;
    const exports = el("span", { class: "exports" }, "Export:",
      el("a", { href: "/api/events.csv" + queryString(filters), download: "events.csv", "data-testid": "export-csv", text: "CSV" }),
      el("a", { href: "/api/events.jsonl" + queryString(filters), download: "events.jsonl", "data-testid": "export-jsonl", text: "JSONL" }));
    append(container, el("div", { class: "panel-head" }, el("h2", { text: "Events" }),
      el("span", { class: "hint", text: `${numberFormat.format(page.total)} matching` }), el("span", { class: "spacer" }), exports));
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
  async function loadTablePage(filters, sort, order, limit, offset) {
    if (SERVER_SORTS.has(sort)) {
      const body = await api("/api/events", { ...filters, sort, order, limit, offset });
      return { events: body.events, total: body.total, note: "" };
    }
    const all = await fetchAllEvents(filters);
    const sorted = all.events.slice().sort(compareBy(sort));
    if (order === "desc") sorted.reverse();
    const note = all.capped ? `Sorted by ${sort} among the first ${FETCH_CAP} events only.` : "";
    return { events: sorted.slice(offset, offset + limit), total: all.events.length, note };
  }

  const STATUS_ORDER = ["denied", "announced", "planned", "underway", "arrived", "completed"];

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
    for (const column of TABLE_COLUMNS) {
      if (!column.key) {
        append(row, el("th", { scope: "col", text: column.label }));
        continue;
      }
      const active = column.key === sort;
      const th = el("th", { scope: "col", "data-sort": column.key, "aria-sort": active ? (order === "asc" ? "ascending" : "descending") : "none" });
      const button = el("button", { type: "button", text: column.label, title: "Sort by " + column.label.toLowerCase() });
      button.addEventListener("click", () => {
        const nextOrder = active && order === "desc" ? "asc" : active ? "desc" : column.numeric || column.key === "date" ? "desc" : "asc";
        const { params } = parseHash();
        navigateParams({ ...params, sort: column.key, order: nextOrder, offset: "" });
      });
      append(row, append(th, [button]));
    }
    return el("thead", {}, row);
  }

  function tableBody(events) {
    const body = el("tbody");
    if (!events.length) {
      append(body, el("tr", {}, el("td", { colspan: TABLE_COLUMNS.length, class: "empty", text: "No events match the filters." })));
      return body;
    }
    for (const event of events) append(body, tableRow(event));
    return body;
  }

  function tableRow(event) {
    const actor = event.actor || {};
    const target = event.target || {};
    const evidence = (event.evidence || [])[0] || "";
    return el("tr", { "data-event-id": event.id },
      el("td", { class: "num", text: dateValue(event) }),
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

  /** Previous/next buttons, the shown range and a page size select. */
  function pager(total, limit, offset) {
    const go = (newOffset, newLimit) => {
      const { params } = parseHash();
      navigateParams({ ...params, offset: newOffset || "", limit: newLimit === DEFAULT_PAGE_SIZE ? "" : newLimit });
    };
    const prev = el("button", { type: "button", class: "secondary", text: "← Previous", disabled: offset <= 0 });
    prev.addEventListener("click", () => go(Math.max(0, offset - limit), limit));
    const next = el("button", { type: "button", class: "secondary", text: "Next →", disabled: offset + limit >= total });
    next.addEventListener("click", () => go(offset + limit, limit));
    const size = el("select", { "aria-label": "Rows per page" });
    for (const n of PAGE_SIZES) append(size, el("option", { value: n, text: `${n} per page`, selected: n === limit }));
    size.addEventListener("change", () => go(0, Number(size.value)));
    const shown = total ? `${offset + 1}–${Math.min(total, offset + limit)} of ${numberFormat.format(total)}` : "0 of 0";
    return el("div", { class: "pager", "data-testid": "pager" }, prev, el("span", { text: shown }), next, size);
  }

  /* --------------------------------------------------------------- article */

  /**
   * One article: metadata, text with evidence marks, and its events beside it.
   * view (Element). docId (string). params (object): `ev` preselects an event.
   */
  async function renderArticle(view, docId, params, id) {
    const article = await api("/api/articles/" + encodeURIComponent(docId));
    if (!isCurrent(id)) return;
    const events = (article.events || []).slice().sort((a, b) => firstOffset(a) - firstOffset(b) || a.id - b.id);
    const text = el("div", { class: "article-text", "data-testid": "article-text", lang: "de" });
    append(text, articleSegments(article.clean_text || "", article.sentences || [], events));
    const cards = el("div", { class: "side panel", "data-testid": "event-panel" },
      el("h2", { text: `${events.length} event${events.length === 1 ? "" : "s"}` }),
      events.length ? null : el("p", { class: "empty", text: "No events were extracted from this article." }),
      events.map(eventCard));
    const main = el("article", { class: "panel", "data-testid": "article" },
      el("p", {}, el("a", { href: hashFor("overview", null, currentFilters()), text: "← back to overview" })),
      el("h1", { lang: article.title ? "de" : null, text: article.title || article.doc_id }), articleMeta(article), text);
    append(view, el("div", { class: "article-grid" }, main, cards));
    wireArticle(view);
    if (params.ev) selectEvent(view, String(params.ev), true);
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

  /** A side-panel card with every field of one event. */
  function eventCard(event) {
    const card = el("section", { class: "event-card", "data-event-id": event.id, tabindex: "0" });
    card.style.borderLeftColor = typeColor(event.type);
    const actor = event.actor || {};
    const target = event.target || {};
    append(card, el("div", { class: "title" }, typeChip(event.type), " ", event.mode || "", " ", factualityBadges(event),
      event.optional ? el("span", { class: "badge", text: "optional" }) : null));
    append(card, el("div", {}, actor.code ? codeLink(actor.code) : "?", " → ", target.codes && target.codes.length ? codeLinks(target.codes) : "—"));
    const rows = [
      ["Actor", partyText(actor, actor.code, actor.sector)],
      ["Target", partyText(target, (target.codes || []).join(", "))],
      ["Origin", event.origin ? partyText(event.origin, (event.origin.codes || []).join(", ")) : ""],
      ["Location", event.location ? partyText(event.location, [event.location.place, ...(event.location.codes || [])].filter(Boolean).join(", ")) : ""],
      ["Quantity", event.quantity ? [formatQuantity(event.quantity), event.quantity.text ? [" (", quoteDe(event.quantity.text), ")"] : ""] : ""],
      ["Status", event.status || ""],
      ["Posture", event.posture || ""],
      ["Date", event.date ? [event.date.value || "not stated", event.date.text ? [" (", quoteDe(event.date.text), ")"] : ""] : ""],
      ["Source", event.source ? partyText(event.source, event.source.code) : ""],
      ["Factuality", event.factuality || ""],
    ];
    const dl = el("dl");
    for (const [label, value] of rows) if (value) append(dl, el("dt", { text: label }), el("dd", {}, value));
    append(card, dl);
    return card;
  }

  /** The words of a party, its codes and sector: „Die Nato“ [NATO · IGO] (nodes; "" when empty). */
  function partyText(party, codes, sector) {
    if (!party) return "";
    const extra = [codes, sector].filter(Boolean).join(" · ");
    if (!party.text && !extra) return "";
    return [party.text ? quoteDe(party.text) : "", extra ? ` [${extra}]` : ""];
  }

  /** Words quoted from a German article: „…“ marked lang="de" (the dashboard's own language is English). */
  function quoteDe(text) {
    return el("span", { lang: "de", text: `„${text}“` });
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
    const { route: name, arg, params } = parseHash();
    if (params.ev !== eventId) history.replaceState(null, "", hashFor(name, arg, { ...params, ev: eventId }));
  }

  /* --------------------------------------------------------------- posture */

  /**
   * Force posture of one country/organisation: a chart of quantities over time and
   * lists of deployments, withdrawals, presence and aid, each linked to its evidence.
   * Without a code, a chooser of the codes in the data.
   */
  async function renderPosture(view, code, params, id) {
    if (!code) return renderPostureIndex(view, id);
    code = code.toUpperCase();
    const [posture, docDates] = await Promise.all([api("/api/posture/" + encodeURIComponent(code)), articleDates()]);
    if (!isCurrent(id)) return;
    const filters = pick(params, FILTER_KEYS);
    const groups = POSTURE_GROUPS.map((g) => ({ ...g, items: (posture[g.key] || []).filter((r) => matchesFilters(r, filters)) }));
    const head = el("div", { class: "panel-head" },
      el("h1", { text: `Force posture: ${countryLabel(code)}` }), el("span", { class: "spacer" }), codePicker(code));
    const filtered = FILTER_KEYS.some((k) => filters[k]);
    append(view, head, filtered ? el("p", { class: "hint", text: "Filtered by the filter bar." }) : null);
    const kpis = el("div", { class: "kpis" });
    for (const g of groups) append(kpis, el("div", { class: "kpi" }, el("span", { class: "n", text: String(g.items.length) }), el("span", { class: "l", text: g.label })));
    append(view, kpis);
    const chart = el("section", { class: "panel", "data-testid": "posture-chart-panel" }, el("h2", { text: "Numbers over time" }));
    append(chart, postureChart(groups, code, docDates));
    if (groups.some((g) => g.items.some((r) => postureDate(r, docDates).fromArticle))) append(chart, el("p", { class: "hint", text: "* no date in the text: the article's date is shown." }));
    const lists = el("div", { class: "posture-grid" }, groups.map((g) => postureList(g, code, docDates)));
    append(view, chart, el("div", { class: "spacer-v" }), lists);
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
  async function renderPostureIndex(view, id) {
    const stats = await api("/api/stats", currentFilters());
    if (!isCurrent(id)) return;
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
    const input = el("input", { list: "dl-targets", value: code, placeholder: "code, e.g. POL", size: 8, "aria-label": "Country or organisation code" });
    const form = el("form", { class: "code-picker" }, input, el("button", { type: "submit", text: "Show" }));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = input.value.trim().toUpperCase();
      if (value) location.hash = hashFor("posture", value);
    });
    return form;
  }

  /** The filter bar applied to one record on the client (posture lists). */
  function matchesFilters(record, filters) {
    const date = dateValue(record);
    if (filters.type && record.type !== filters.type) return false;
    if (filters.actor && (!record.actor || record.actor.code !== filters.actor)) return false;
    if (filters.target && !((record.target && record.target.codes) || []).includes(filters.target)) return false;
    if (filters.since && (!date || date.slice(0, filters.since.length) < filters.since.slice(0, date.length))) return false;
    if (filters.until && (!date || date.slice(0, filters.until.length) > filters.until)) return false;
    if (filters.q) {
      const hay = (record.evidence || []).join(" ").toLowerCase();
      if (!hay.includes(filters.q.toLowerCase())) return false;
    }
    return true;
  }

  /**
   * The date of a record for the posture views: its own value, else the date of its article.
   * RETURNS ({value: string, fromArticle: boolean}).
   */
  function postureDate(record, docDates) {
    const own = dateValue(record);
    if (own) return { value: own, fromArticle: false };
    const fallback = docDates.get(record.doc) || "";
    return { value: fallback, fromArticle: !!fallback };
  }

  /** The end (exclusive) of the period an ISO date value names. */
  function endOf(value) {
    const precision = precisionOf(value);
    const bucket = periodBucket(value.slice(0, precision === "day" ? 10 : precision === "month" ? 7 : 4), precision, false);
    return bucket.end;
  }

  /**
   * A dot chart of quantities by date, one colour per posture group; filled dots
   * where the code acts, hollow where it is the target. A value known only to the
   * month or year is drawn as a line across that period with the dot at its middle.
   * RETURNS (Node).
   */
  function postureChart(groups, code, docDates) {
    if (!window.d3) return vendorMissing();
    const points = [];
    for (const g of groups) {
      for (const r of g.items) {
        const when = postureDate(r, docDates);
        if (r.quantity && Number.isFinite(r.quantity.value) && r.quantity.value > 0 && precisionOf(when.value)) {
          const start = startOf(when.value);
          const end = endOf(when.value);
          points.push({ group: g, record: r, when, start, end, mid: new Date((start.getTime() + end.getTime()) / 2),
            value: r.quantity.value, acts: !!(r.actor && r.actor.code === code) });
        }
      }
    }
    if (!points.length) return el("p", { class: "empty", text: "No dated numbers for this code." });
    const width = 960;
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
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(8));
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
    const key = legend(groups.map((g) => g.type));
    append(key, el("li", { class: "hint", text: "filled: as actor · hollow: as target · line: date known to the month or year only" }));
    return el("div", {}, svg.node(), key);
  }

  /** "USA → LTU, POL" for a record. */
  function flow(record) {
    const actor = (record.actor && record.actor.code) || "?";
    const targets = ((record.target && record.target.codes) || []).join(", ") || "—";
    return `${actor} → ${targets}`;
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

  /* ------------------------------------------------------------------ boot */

  async function start() {
    const form = document.getElementById("filters");
    form.addEventListener("submit", applyFilterForm);
    form.elements.type.addEventListener("change", applyFilterForm);
    document.getElementById("f-reset").addEventListener("click", resetFilterForm);
    const toggle = document.getElementById("f-toggle");
    toggle.addEventListener("click", () => setFiltersOpen(toggle.getAttribute("aria-expanded") !== "true"));
    setFiltersOpen(!filtersFoldable());
    window.addEventListener("hashchange", route);
    await loadCountryNames();
    try {
      state.meta = await api("/api/meta");
      fillFilterOptions(state.meta);
    } catch (err) {
      showStatus("Could not load /api/meta: " + err.message, "error");
    }
    await route();
  }

  start();
})();
