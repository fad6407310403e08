/*
 * The filter bar: its fields mirror the hash (FILTER_KEYS); Apply writes them
 * back to the hash, which re-renders the view. Several types at once come from
 * a checkbox group in a disclosure; status, posture and factuality are selects
 * of their closed vocabularies (from /api/meta); has_number is tri-state.
 * On narrow screens the bar folds to its toggle.
 */

import { api } from "./api.js";
import { el, append } from "./dom.js";
import { fillCodeList } from "./geo.js";
import { FILTER_KEYS, navigateParams, parseHash, pick } from "./hash.js";
import { dateValue } from "./format.js";

const CODE_KEYS = ["actor", "target", "country"];
const KEEP_ON_FILTER = ["sort", "order", "limit", "ev"]; // view parameters a new filter keeps

function form() {
  return document.getElementById("filters");
}

/** The checked type boxes. */
function typeBoxes() {
  return [...form().querySelectorAll("input[name=type]")];
}

/** Fill the filter bar's choices from /api/meta and the places facet. */
export async function fillFilterOptions(meta) {
  const types = document.getElementById("f-types");
  append(types, (meta.types || []).map((type) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", name: "type", value: type }), type)));
  for (const [key, values] of [["status", meta.statuses], ["posture", meta.postures], ["factuality", meta.factualities]]) {
    append(document.getElementById("f-" + key), (values || []).map((v) => el("option", { value: v, text: v })));
  }
  fillCodeList(document.getElementById("dl-actors"), meta.actors);
  fillCodeList(document.getElementById("dl-targets"), meta.targets);
  fillCodeList(document.getElementById("dl-codes"), [...new Set([...(meta.actors || []), ...(meta.targets || [])])].sort());
  document.getElementById("version").textContent = meta.version ? "Lagebild " + meta.version : "";
  try {
    const facets = await api("/api/events", { facet: "place", limit: 0 });
    const places = Object.keys((facets.facets || {}).place || {}).sort((a, b) => a.localeCompare(b, "de"));
    append(document.getElementById("dl-places"), places.map((p) => el("option", { value: p })));
  } catch (err) {
    // the place field still works without suggestions
  }
}

/** The types of a hash value "MOBILIZE,AID" as a list. */
function typeList(value) {
  return (value || "").split(",").map((t) => t.trim()).filter(Boolean);
}

/** Put the hash's filter values into the form fields, and their number on the fold toggle. */
export function syncFilterForm(params) {
  const fields = form().elements;
  for (const key of FILTER_KEYS) {
    if (key !== "type" && fields[key]) fields[key].value = params[key] || "";
  }
  const chosen = typeList(params.type);
  for (const box of typeBoxes()) box.checked = chosen.includes(box.value);
  updateTypeSummary();
  const active = FILTER_KEYS.filter((key) => params[key]).length;
  document.getElementById("f-active").textContent = active ? `(${active} active)` : "";
}

/** The disclosure's summary names the chosen types ("all types" when none is chosen). */
function updateTypeSummary() {
  const chosen = typeBoxes().filter((b) => b.checked).map((b) => b.value);
  const text = !chosen.length ? "all types" : chosen.length <= 2 ? chosen.join(", ") : `${chosen.length} types`;
  document.getElementById("f-types-chosen").textContent = text;
}

/** The filters the form's fields hold, codes upper-cased. */
function readFilterForm() {
  const fields = form().elements;
  const filters = {};
  for (const key of FILTER_KEYS) {
    if (key === "type" || !fields[key]) continue;
    let value = (fields[key].value || "").trim();
    if (CODE_KEYS.includes(key)) value = value.toUpperCase();
    if (value) filters[key] = value;
  }
  const types = typeBoxes().filter((b) => b.checked).map((b) => b.value);
  if (types.length) filters.type = types.join(",");
  return filters;
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

function applyFilterForm(event) {
  event.preventDefault();
  if (!form().reportValidity()) return;
  if (filtersFoldable()) setFiltersOpen(false);
  document.getElementById("f-types-box").open = false;
  navigateParams({ ...readFilterForm(), ...pick(parseHash().params, KEEP_ON_FILTER) });
}

function resetFilterForm() {
  navigateParams(pick(parseHash().params, KEEP_ON_FILTER));
}

/** Wire the filter bar's buttons, and fold it on narrow screens. */
export function wireFilterForm() {
  form().addEventListener("submit", applyFilterForm);
  form().addEventListener("change", (e) => {
    if (e.target.name === "type") updateTypeSummary();
  });
  document.getElementById("f-reset").addEventListener("click", resetFilterForm);
  wireTypesBox(document.getElementById("f-types-box"));
  const toggle = document.getElementById("f-toggle");
  toggle.addEventListener("click", () => setFiltersOpen(toggle.getAttribute("aria-expanded") !== "true"));
  setFiltersOpen(!filtersFoldable());
}

/** The types disclosure closes on Escape (focus back on its summary) and on a click outside it. */
function wireTypesBox(box) {
  box.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !box.open) return;
    box.open = false;
    box.querySelector("summary").focus();
  });
  document.addEventListener("click", (e) => {
    if (box.open && !box.contains(e.target)) box.open = false;
  });
}

/** The filter bar applied to one record on the client (the posture page, whose API takes no filters). */
export function matchesFilters(record, filters) {
  const date = dateValue(record);
  const actor = (record.actor && record.actor.code) || "";
  const targets = (record.target && record.target.codes) || [];
  const codes = (value) => value.split(",").map((c) => c.trim().toUpperCase());
  const values = (value) => value.split(",").map((c) => c.trim().toLowerCase());
  const place = ((record.location && record.location.place) || "").toLowerCase();
  const hasNumber = !!(record.quantity && record.quantity.value !== null && record.quantity.value !== undefined);
  const checks = {
    type: (v) => typeList(v).includes(record.type),
    actor: (v) => codes(v).includes(actor),
    target: (v) => codes(v).some((c) => targets.includes(c)),
    country: (v) => codes(v).some((c) => c === actor || targets.includes(c)),
    since: (v) => !!date && date.slice(0, v.length) >= v.slice(0, date.length),
    until: (v) => !!date && date.slice(0, v.length) <= v,
    q: (v) => v.toLowerCase().split(/\s+/).every((w) => (record.evidence || []).join(" ").toLowerCase().includes(w)),
    status: (v) => values(v).includes(record.status),
    posture: (v) => values(v).includes(record.posture),
    factuality: (v) => values(v).includes(record.factuality),
    place: (v) => values(v).includes(place),
    has_number: (v) => (v === "true") === hasNumber,
  };
  return FILTER_KEYS.every((key) => !filters[key] || checks[key](filters[key]));
}
