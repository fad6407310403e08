/*
 * One story as a card: the reports of one real-world event across articles (the
 * /api/stories and /api/posture items). It shows where to, when, the status progression,
 * every report's number side by side with who gives it (a "reports disagree" badge and
 * the range where they differ; never an average), and each report's evidence linked to
 * its article. Used by the stories page and the force-posture ledger.
 */

import { el } from "./dom.js";
import { formatCount, formatQuantity, plural } from "./format.js";
import { codeLink } from "./geo.js";
import { articleHref } from "./hash.js";
import { factualityBadges, typeChip } from "./widgets.js";

/** "2022-02-01 … 2022-02-28", "2022-03", or "undated" for a story's event dates. */
export function storyWhen(story) {
  const { start, end } = story.date || {};
  if (!start) return story.first_report ? `reported ${story.first_report}` : "undated";
  if (!end || end === start) return start;
  if (end.slice(0, 7) === start.slice(0, 7) && start.endsWith("-01")) return start.slice(0, 7);
  if (end.slice(0, 4) === start.slice(0, 4) && start.endsWith("-01-01") && end.endsWith("-12-31")) return start.slice(0, 4);
  return `${start} … ${end}`;
}

/** Codes as links (a bold code where it is the page's own). */
function codes(list, own) {
  if (!list.length) return "—";
  return list.map((c, i) => [i ? ", " : "", c === own ? el("strong", { text: c }) : codeLink(c)]);
}

/** A report's number with who gives it: "≈7,000 soldiers — dpa-AFX, Quelle, 2022-03". */
function numberItem(n) {
  const who = [n.source, n.outlet, n.article_date].filter(Boolean).join(", ");
  return el("li", { "data-value": n.value },
    el("span", { class: "qty", text: formatQuantity(n) }),
    n.status ? el("span", { class: "badge", text: n.status }) : null,
    who ? el("span", { class: "hint", lang: n.source ? "de" : null, text: who }) : null);
}

/** The numbers of a story side by side, with the disagreement flagged. */
function numbers(story) {
  if (!story.numbers.length) return null;
  const range = story.number_range || [];
  return el("div", { class: "story-numbers", "data-testid": "story-numbers" },
    story.numbers_disagree
      ? el("span", { class: "badge disagree", "data-testid": "disagree",
        text: `reports disagree: ${formatCount(range[0])}–${formatCount(range[1])}` })
      : null,
    el("ul", {}, story.numbers.map(numberItem)));
}

/** One report: its article (title or id), outlet and date, and its first evidence sentence. */
function reportItem(record) {
  const art = record.article || {};
  const evidence = (record.evidence || [])[0] || "(no evidence sentence)";
  return el("li", { "data-event-id": record.id },
    el("div", { class: "hint facts" },
      el("span", { lang: art.title ? "de" : null, text: art.title || record.doc }),
      art.outlet ? el("span", { text: art.outlet }) : null,
      el("span", { text: art.date || "no article date" }),
      record.status ? el("span", { class: "badge", text: record.status }) : null,
      factualityBadges(record)),
    el("blockquote", { lang: "de" }, el("a", { href: articleHref(record), class: "evidence-link", text: evidence })));
}

/**
 * The card of a story.
 * story (object): a /api/stories or ledger item. own (string|null): the code of the page.
 * RETURNS (Element).
 */
export function storyCard(story, own) {
  const progression = story.statuses.map((s) => s.status).join(" → ");
  const aid = story.delivery ? el("div", { class: "hint", "data-testid": "aid" },
    `${story.donor || "?"} → ${(story.recipients || []).join(", ") || "?"}`,
    story.items && story.items.length ? ` · ${story.items.join(", ")}` : "",
    ` · ${story.delivery}`) : null;
  const reports = el("details", { class: "story-reports", open: story.reports <= 2 ? true : null },
    el("summary", { text: `${plural(story.reports, "report")} in ${plural(story.articles, "article")}`
      + (story.outlets.length ? ` (${story.outlets.join(", ")})` : "") }),
    el("ol", {}, story.events.map(reportItem)));
  return el("li", { class: "story", "data-story-id": story.id, "data-reports": story.reports },
    el("div", { class: "line1" },
      typeChip(story.type),
      el("span", { class: "code", text: storyWhen(story) }),
      el("span", {}, codes([story.actor.code].filter(Boolean), own), " → ", codes(story.targets, own)),
      progression ? el("span", { class: "badge", "data-testid": "statuses", text: progression }) : null,
      story.posture.map((p) => el("span", { class: "badge", text: p })),
      story.reports > 1 ? el("span", { class: "badge reports", text: plural(story.reports, "report") }) : null),
    aid, numbers(story), reports);
}
