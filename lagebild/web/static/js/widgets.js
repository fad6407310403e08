/* Small pieces of an event shown in several views: type chip, badges, German quotes, flow. */

import { el, typeColor } from "./dom.js";

/** A coloured chip naming an event type (its text colour comes from style.css by data-type). */
export function typeChip(type) {
  const chip = el("span", { class: "chip", "data-type": type, text: type });
  chip.style.background = typeColor(type);
  return chip;
}

/** Badges for factuality other than asserted. */
export function factualityBadges(record) {
  if (!record.factuality || record.factuality === "asserted") return [];
  return [el("span", { class: "badge " + record.factuality, text: record.factuality })];
}

/** Words quoted from a German article: „…“ marked lang="de" (the dashboard's own language is English). */
export function quoteDe(text) {
  return el("span", { lang: "de", text: `„${text}“` });
}

/** "USA → LTU, POL" for a record. */
export function flow(record) {
  const actor = (record.actor && record.actor.code) || "?";
  const targets = ((record.target && record.target.codes) || []).join(", ") || "—";
  return `${actor} → ${targets}`;
}
