/* The failures page: every input that could not be processed, where and why. */

import { api } from "./api.js";
import { el, append } from "./dom.js";
import { plural } from "./format.js";

/** view (Element). isCurrent (() => boolean). */
export async function renderFailures(view, isCurrent) {
  const body = await api("/api/failures");
  if (!isCurrent()) return;
  const failures = body.failures || [];
  const panel = el("section", { class: "panel", "data-testid": "failures-panel" },
    el("div", { class: "panel-head" }, el("h1", { text: "Failures" }),
      el("span", { class: "hint", "data-testid": "failures-total", text: plural(body.total || 0, "failed input") })),
    el("p", { class: "hint", text: "Inputs the pipeline could not process, in the order they failed. The event filters do not apply here." }));
  if (!failures.length) {
    append(panel, el("p", { class: "empty", "data-testid": "failures-empty",
      text: "No failures: every input that was ingested was processed." }));
  } else {
    append(panel, el("div", { class: "table-wrap" }, failureTable(failures)));
  }
  append(view, panel);
}

function failureTable(failures) {
  const head = el("tr", {}, ["Input", "Document", "Stage", "Message", "When"].map((label) => el("th", { scope: "col", text: label })));
  const rows = failures.map((f) => el("tr", { "data-doc": f.doc_id },
    el("td", { class: "code", text: f.path || "—" }),
    el("td", { class: "code", text: f.doc_id }),
    el("td", { text: f.stage }),
    el("td", { class: "message", text: f.message }),
    el("td", { class: "num", text: f.at || "—" })));
  return el("table", { class: "events", "data-testid": "failures-table" }, el("thead", {}, head), el("tbody", {}, rows));
}
