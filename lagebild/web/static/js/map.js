/*
 * The map: a choropleth of events per country (as actor or as target) with
 * markers for the named places, coloured by event type. Zoom and pan with
 * Ctrl + wheel and drag, two fingers, the +/−/reset buttons or the keyboard
 * (+, −, 0 and the arrow keys on the focused map). The framing is Europe unless a shaded country or a
 * place lies outside it; then the whole world is in view. Clicking a marker (or
 * Enter on it) lists every event at that place, each linked to its article.
 */

import { fetchAllEvents } from "./api.js";
import { chartMarks, clear, cssVar, el, append, panelHead, swatch, typeColor, vendorMissing } from "./dom.js";
import { countryLabel, iso3Of, isOnMap, loadTopology } from "./geo.js";
import { articleHref, hashFor } from "./hash.js";
import { dateValue, formatCount, plural } from "./format.js";
import { flow, typeChip } from "./widgets.js";
import { zoomButtons, zoomKeys } from "./zoom.js";

const SIZE = { width: 960, height: 620 };
const EUROPE = { lon: [-25, 60], lat: [30, 72] };
const ZOOM_EXTENT = [1, 24];
const PAN_STEP = 60; // px of the viewBox per arrow key

let mapMode = "target";

/**
 * The map panel.
 * container (Element). stats (object): /api/stats. filters (object). isCurrent (() => boolean).
 */
export async function renderMap(container, stats, filters, isCurrent) {
  const toggle = el("div", { class: "toggle", role: "group", "aria-label": "Count countries" });
  for (const [mode, label] of [["actor", "as actor"], ["target", "as target"]]) {
    const button = el("button", { type: "button", "data-mode": mode, "aria-pressed": String(mapMode === mode), text: label });
    button.addEventListener("click", () => {
      mapMode = mode;
      renderMap(clear(container), stats, filters, isCurrent);
    });
    append(toggle, button);
  }
  append(container, panelHead("Map", el("span", { class: "spacer" }), toggle));
  if (!window.d3 || !window.topojson) return append(container, vendorMissing());

  const counts = (mapMode === "actor" ? stats.actor_countries : stats.target_countries) || {};
  const [topology, located] = await Promise.all([loadTopology(), fetchAllEvents(filters)]);
  if (!isCurrent()) return;
  const features = topojson.feature(topology, topology.objects.countries).features;
  const places = placesOf(located.events);
  const world = needsWorld(features, counts, places);
  const projection = world ? worldProjection() : europeProjection();
  const svg = d3.create("svg").attr("viewBox", `0 0 ${SIZE.width} ${SIZE.height}`).attr("class", "map")
    .attr("data-testid", "map").attr("data-mode", mapMode).attr("data-frame", world ? "world" : "europe")
    .attr("role", "group").attr("aria-label", `Map of events per country as ${mapMode}, with named places. `
      + "Keys: + and − zoom, arrows move, 0 resets.");
  svg.append("rect").attr("class", "sea").attr("width", SIZE.width).attr("height", SIZE.height);
  const layer = svg.append("g").attr("class", "zoom-layer");
  drawCountries(layer, features, counts, projection);
  const list = el("div", { class: "place-events", "data-testid": "place-events", "aria-live": "polite" });
  drawMarkers(layer, places, projection, (place) => showPlace(list, place, filters));
  const zoom = wireZoom(svg, layer);
  const wrap = el("div", { class: "map-wrap" }, svg.node(), zoomButtons(svg, zoom, "map"));
  const capped = located.capped
    ? el("p", { class: "hint", text: `Places are drawn for the first ${formatCount(located.events.length)} of ${formatCount(located.total)} events.` })
    : null;
  append(container, wrap, mapScale(counts, world), capped, markerLegend(places), otherCodes(counts), list);
}

/** A projection of Europe and its neighbourhood fitted to EUROPE. */
function europeProjection() {
  const ring = [];
  for (let x = EUROPE.lon[0]; x <= EUROPE.lon[1]; x += 5) ring.push([x, EUROPE.lat[0]], [x, EUROPE.lat[1]]);
  for (let y = EUROPE.lat[0]; y <= EUROPE.lat[1]; y += 3) ring.push([EUROPE.lon[0], y], [EUROPE.lon[1], y]);
  return d3.geoConicConformal().parallels([38, 64]).rotate([-17, 0])
    .fitExtent([[6, 6], [SIZE.width - 6, SIZE.height - 6]], { type: "MultiPoint", coordinates: ring })
    .clipExtent([[0, 0], [SIZE.width, SIZE.height]]);
}

/** The whole world (Natural Earth projection). */
function worldProjection() {
  return d3.geoNaturalEarth1().fitExtent([[6, 6], [SIZE.width - 6, SIZE.height - 6]], { type: "Sphere" });
}

/** True when a point [lon, lat] lies in the Europe frame. */
function inEurope([lon, lat]) {
  return lon >= EUROPE.lon[0] && lon <= EUROPE.lon[1] && lat >= EUROPE.lat[0] && lat <= EUROPE.lat[1];
}

/** The world frame is needed when a shaded country's centre, or a place, lies outside Europe. */
function needsWorld(features, counts, places) {
  const shadedOutside = features.some((f) => counts[iso3Of(f)] && !inEurope(d3.geoCentroid(f)));
  return shadedOutside || places.some((p) => !inEurope([p.lon, p.lat]));
}

/** Draw every country as path.country with data-iso3, shaded by its count. */
function drawCountries(layer, features, counts, projection) {
  const path = d3.geoPath(projection);
  const max = d3.max(Object.values(counts)) || 1;
  const shade = d3.scaleSequentialSqrt([0, max], d3.interpolateRgb(cssVar("--shade-low"), cssVar("--shade-high")));
  layer.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  layer.append("g").selectAll("path").data(features).join("path")
    .attr("class", (f) => "country" + (counts[iso3Of(f)] ? " shaded" : ""))
    .attr("data-iso3", (f) => iso3Of(f))
    .attr("data-count", (f) => counts[iso3Of(f)] || 0)
    .attr("d", path)
    .each(function (f) {
      const n = counts[iso3Of(f)];
      if (n) this.style.fill = shade(n);
    })
    .call(chartMarks, (f) => countryTooltip(f, counts), (f) => {
      const code = iso3Of(f);
      if (code) location.hash = hashFor("posture", code);
    }, (f) => counts[iso3Of(f)] > 0);
}

function countryTooltip(feature, counts) {
  const code = iso3Of(feature);
  const name = (feature.properties && feature.properties.name) || code;
  return `${name}${code ? " (" + code + ")" : ""}: ${plural(counts[code] || 0, "event")} as ${mapMode}`;
}

/**
 * The places of the events: each place name with coordinates (from any of its
 * events) and all the events that name it, as the API's place filter finds them
 * (any case), located or not; places without a name by their coordinates.
 * RETURNS (object[]): {name, lat, lon, events, counts: {type: n}, type}.
 */
function placesOf(events) {
  const located = (e) => e.location && typeof e.location.lat === "number" && typeof e.location.lon === "number";
  const keyOf = (e) => (e.location.place ? "name:" + e.location.place.toLowerCase() : `at:${e.location.lat},${e.location.lon}`);
  const withPlace = events.filter((e) => e.location && (e.location.place || located(e)));
  const coords = new Map(withPlace.filter(located).map((e) => [keyOf(e), e.location]));
  return d3.groups(withPlace.filter((e) => coords.has(keyOf(e))), keyOf).map(([key, list]) => {
    const loc = coords.get(key);
    const counts = d3.rollup(list, (v) => v.length, (e) => e.type);
    const type = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return { name: loc.place || loc.text || "", lat: loc.lat, lon: loc.lon, events: list, counts, type };
  });
}

/** Circles for the places, sized by their number of events and coloured by their most frequent type. */
function drawMarkers(layer, places, projection, open) {
  const data = places.map((p) => ({ ...p, xy: projection([p.lon, p.lat]) })).filter((p) => p.xy)
    .sort((a, b) => b.events.length - a.events.length);
  layer.append("g").attr("class", "markers").selectAll("circle").data(data).join("circle")
    .attr("class", "marker")
    .attr("cx", (d) => d.xy[0]).attr("cy", (d) => d.xy[1])
    .attr("r", (d) => markerRadius(d))
    .attr("fill", (d) => typeColor(d.type))
    .attr("data-place", (d) => d.name).attr("data-type", (d) => d.type).attr("data-n", (d) => d.events.length)
    .call(chartMarks, (d) => `${d.name}: ${plural(d.events.length, "event")} (${[...d.counts].map(([t, n]) => `${t} ${n}`).join(", ")})`,
      (d) => open(d));
}

function markerRadius(place) {
  return 3 + 2.2 * Math.sqrt(place.events.length);
}

/** d3.zoom on the map: markers and strokes keep their size; the map is a tab stop for the keys. */
function wireZoom(svg, layer) {
  // the wheel and one finger scroll the page; Ctrl + wheel and two fingers zoom and pan the map
  // (the buttons and the keys work everywhere)
  const zoom = d3.zoom().scaleExtent(ZOOM_EXTENT)
    .filter((event) => (event.type === "wheel" ? event.ctrlKey : !event.button) && (!event.touches || event.touches.length > 1))
    .translateExtent([[0, 0], [SIZE.width, SIZE.height]]).extent([[0, 0], [SIZE.width, SIZE.height]])
    .on("zoom", (event) => {
      layer.attr("transform", event.transform);
      layer.selectAll("circle.marker").attr("r", (d) => markerRadius(d) / Math.sqrt(event.transform.k));
      svg.attr("data-zoom", event.transform.k.toFixed(2));
    });
  svg.call(zoom).on("dblclick.zoom", null).style("touch-action", "pan-x pan-y");
  zoomKeys(svg, zoom, [PAN_STEP, PAN_STEP]);
  return zoom;
}

/** The colour ramp legend under the map. */
function mapScale(counts, world) {
  const max = Math.max(0, ...Object.values(counts));
  return el("div", { class: "scale" }, "0", el("span", { class: "ramp" }), String(max),
    el("span", { text: `events per country as ${mapMode}${world ? "; whole world shown: events outside Europe" : ""}` }));
}

/** The types of the markers, with what a marker's colour means. */
function markerLegend(places) {
  if (!places.length) return null;
  const types = [...new Set(places.map((p) => p.type))].sort();
  return el("ul", { class: "legend", "data-testid": "marker-legend" },
    el("li", { class: "hint", text: "Places (circle size: events there; colour: most frequent type):" }),
    types.map((type) => el("li", {}, swatch(typeColor(type), "round"), type)));
}

/** Codes that are not on the map (organisations, regions), as posture links. */
function otherCodes(counts) {
  const others = Object.entries(counts).filter(([code]) => !isOnMap(code)).sort((a, b) => b[1] - a[1]);
  if (!others.length) return null;
  const box = el("div", { class: "orgs", "data-testid": "map-other-codes" }, el("span", { class: "hint", text: "Not on the map:" }));
  for (const [code, n] of others) append(box, el("a", { href: hashFor("posture", code), title: countryLabel(code), text: `${code} ${n}` }));
  return box;
}

/**
 * List every event at a place (under the current filters, from the API), each
 * linked to its article; focus moves to the list.
 */
async function showPlace(list, place, filters) {
  clear(list);
  const name = el("span", { lang: "de", text: place.name || `${place.lat}, ${place.lon}` });
  const count = el("span", { text: ": loading…" });
  const heading = el("h3", { tabindex: "-1" }, name, count);
  append(list, heading);
  heading.focus();
  let events = place.events;
  if (place.name) {
    const found = await fetchAllEvents({ ...filters, place: place.name });
    events = found.events;
  }
  count.textContent = `: ${plural(events.length, "event")}`;
  const items = events.map((event) => el("li", { "data-event-id": event.id },
    el("span", { class: "code", text: dateValue(event) || "undated" }), " ", typeChip(event.type), " ",
    el("span", { text: flow(event) }), " ",
    el("a", { href: articleHref(event), class: "article-link", lang: event.article && event.article.title ? "de" : null,
              text: (event.article && event.article.title) || event.doc })));
  const close = el("button", { type: "button", class: "secondary", text: "Close list" });
  close.addEventListener("click", () => clear(list));
  append(list, el("ul", { class: "place-list" }, items), close);
}
