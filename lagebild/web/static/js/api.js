/* The JSON API, as the views use it. */

import { queryString } from "./hash.js";

const FETCH_PAGE = 1000; // page size used when all filtered events are needed (the API's maximum)
export const FETCH_CAP = 5000; // never pull more than this many events into the browser

/**
 * GET a JSON endpoint of the API.
 * path (string): e.g. "/api/events". params (object): query parameters; empty ones are dropped.
 * RETURNS (Promise<object>): the decoded body; rejects with the API's error message.
 */
export async function api(path, params) {
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
    const message = body && (body.error || body.detail || body.title);
    throw new Error((message || `HTTP ${response.status}`) + (details ? ` (${details})` : ""));
  }
  return body;
}

/**
 * Every event matching the filters, paged through /api/events up to FETCH_CAP.
 * RETURNS (Promise<{events: object[], total: number, capped: boolean}>).
 */
export async function fetchAllEvents(filters) {
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

let metaPromise = null;

/** /api/meta, loaded once. */
export function meta() {
  if (!metaPromise) metaPromise = api("/api/meta");
  return metaPromise;
}
