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
    append(panel, failureList(failures));
  }
  append(view, panel);
}

/** "2026-11-27 03:00 UTC" from an ISO timestamp (d3.isoParse), the text itself when it is none. */
function when(at) {
  const date = at ? d3.isoParse(at) : null;
  return date ? d3.utcFormat("%Y-%m-%d %H:%M UTC")(date) : at || "";
}

/** One item per failure: the stage and input, then the message. */
function failureList(failures) {
  const items = failures.map((f) => el("li", { "data-doc": f.doc_id },
    el("div", { class: "facts" },
      el("span", { class: "badge", "data-field": "stage", text: f.stage }),
      el("span", {}, "Input: ", el("span", { class: "code", "data-field": "path", text: f.path || "unknown" })),
      el("span", {}, "Document: ", el("span", { class: "code", "data-field": "doc", text: f.doc_id })),
      f.at ? el("span", { class: "hint", "data-field": "at", text: when(f.at) }) : null),
    el("p", { class: "message", "data-field": "message", text: f.message })));
  return el("ol", { class: "failure-list", "data-testid": "failures-list" }, items);
}
