/*
 * The location hash is the app's state: "#/<route>[/<arg>]?<query>". The query
 * holds the event filters (FILTER_KEYS), which apply to every view, and the
 * view's own parameters (sorting, paging, the selected event).
 */

/** The event filters of the filter bar, all passed to the API as they are. */
export const FILTER_KEYS = ["type", "actor", "target", "country", "since", "until", "q",
  "status", "posture", "factuality", "place", "has_number"];

/** "?a=1&b=2" from an object, leaving out empty values; "" when nothing is left. Commas of
 * lists stay readable ("type=MOBILIZE,AID"): a query may carry them unescaped. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString().replace(/%2C/gi, ",");
  return text ? "?" + text : "";
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
 * Split the location hash into a route, its argument and its query.
 * RETURNS ({route: string, arg: string|null, params: object}).
 */
export function parseHash() {
  const raw = location.hash.replace(/^#/, "");
  const [path, query] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(safeDecode);
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  return { route: parts[0] || "overview", arg: parts[1] || null, params };
}

/** A copy of obj with only the given keys that have a non-empty value. */
export function pick(obj, keys) {
  const out = {};
  for (const key of keys) if (obj[key]) out[key] = obj[key];
  return out;
}

/** The filter values in the current hash. */
export function currentFilters() {
  return pick(parseHash().params, FILTER_KEYS);
}

/**
 * Build a hash for a route, keeping the current filters unless params are given.
 * route (string): "overview", "article", "posture", "articles", "failures". arg (string|null).
 * RETURNS (string): e.g. "#/article/abc?actor=USA&ev=3".
 */
export function hashFor(route, arg, params) {
  const path = route === "overview" ? "#/" : "#/" + route + (arg ? "/" + encodeURIComponent(arg) : "");
  return path + queryString(params === undefined ? currentFilters() : params);
}

/** Replace the hash query of the current route (adds a history entry). */
export function navigateParams(params) {
  const { route, arg } = parseHash();
  location.hash = hashFor(route, arg, params);
}

/** Link to the article of a record, highlighting that record's sentences. */
export function articleHref(record) {
  return hashFor("article", record.doc, { ...currentFilters(), ev: record.id });
}
