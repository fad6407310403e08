/* Country names and the world map data, loaded once from the vendored files. */

import { el, append } from "./dom.js";
import { hashFor } from "./hash.js";

const countryNames = new Map(); // ISO3 -> English name
let numericToIso3 = {};
let topology = null;

/** Load the ISO 3166-1 numeric → {iso3, name} table and fill the name lookup. */
export async function loadCountryNames() {
  try {
    const response = await fetch("/static/vendor/iso-numeric.json");
    if (!response.ok) return;
    numericToIso3 = await response.json();
    for (const { iso3, name } of Object.values(numericToIso3)) countryNames.set(iso3, name);
  } catch (err) {
    numericToIso3 = {};
  }
}

/** The Natural Earth 1:50m topology (world-atlas), loaded once. */
export async function loadTopology() {
  if (!topology) {
    const response = await fetch("/static/vendor/countries-50m.json");
    if (!response.ok) throw new Error("Map data missing: run scripts/install_assets.sh.");
    topology = await response.json();
  }
  return topology;
}

/** The ISO3 code of a world-atlas feature ("" when it has none). */
export function iso3Of(feature) {
  const entry = numericToIso3[feature.id];
  return entry ? entry.iso3 : "";
}

/** True when a code is a country drawn on the map (not an organisation or region). */
export function isOnMap(code) {
  return countryNames.has(code);
}

/** "Lithuania (LTU)" for a country code, the code itself for organisations. */
export function countryLabel(code) {
  const name = countryNames.get(code);
  return name ? `${name} (${code})` : code;
}

/** A link to the posture page of a code. */
export function codeLink(code, title) {
  return el("a", { class: "code", href: hashFor("posture", code), title: title || countryLabel(code), text: code });
}

/** Links for a list of codes, separated by commas. */
export function codeLinks(codes, title) {
  const nodes = [];
  (codes || []).forEach((code, i) => {
    if (i) nodes.push(", ");
    nodes.push(codeLink(code, title));
  });
  return nodes;
}

/** Fill a datalist with codes and their names. */
export function fillCodeList(list, codes) {
  append(list, (codes || []).map((code) => el("option", { value: code, text: countryLabel(code) })));
}
