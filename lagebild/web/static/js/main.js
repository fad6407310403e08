/*
 * Lagebild dashboard: a hash-routed single-page app over the JSON API.
 *
 * Routes
 *   #/                    overview: KPIs, timeline, map, events table
 *   #/article/<doc_id>    one article, evidence sentences highlighted, events beside it
 *   #/articles            the stored articles, searchable and paged
 *   #/failures            the inputs that could not be processed
 *   #/stories             stories: one event's reports across articles
 *   #/posture[/<code>]    the force-posture ledger of one country or organisation (?to=CODE)
 * Filters (hash.js FILTER_KEYS) live in the hash query, e.g. #/?type=MOBILIZE,AID&actor=USA,
 * and apply to every view. When a view has rendered, body[data-rendered] is its hash
 * and body[data-loading] "false" (the browser tests wait for both).
 */

import { meta } from "./api.js";
import { clear, showStatus, tooltip } from "./dom.js";
import { fillFilterOptions, syncFilterForm, wireFilterForm } from "./filters.js";
import { loadCountryNames } from "./geo.js";
import { parseHash } from "./hash.js";
import { renderArticle } from "./article.js";
import { renderArticles } from "./articles.js";
import { renderFailures } from "./failures.js";
import { renderOverview } from "./overview.js";
import { renderPosture } from "./posture.js";
import { renderStories } from "./stories.js";

let renderId = 0;

/** Render the view named by the hash. */
async function route() {
  const { route: name, arg, params } = parseHash();
  const id = ++renderId;
  const isCurrent = () => id === renderId;
  document.body.dataset.loading = "true";
  syncFilterForm(params);
  markCurrentNav(name);
  showStatus("");
  tooltip(null, "");
  const view = clear(document.getElementById("view"));
  try {
    if (name === "article" && arg) await renderArticle(view, arg, params, isCurrent);
    else if (name === "posture") await renderPosture(view, arg, params, isCurrent);
    else if (name === "articles") await renderArticles(view, params, isCurrent);
    else if (name === "stories") await renderStories(view, params, isCurrent);
    else if (name === "failures") await renderFailures(view, isCurrent);
    else await renderOverview(view, params, isCurrent);
  } catch (err) {
    if (isCurrent()) showStatus(err.message || String(err), "error");
  }
  if (isCurrent()) {
    document.body.dataset.rendered = location.hash || "#/";
    document.body.dataset.loading = "false";
  }
}

function markCurrentNav(name) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    const current = link.dataset.nav === name || (name === "article" && link.dataset.nav === "articles");
    link.classList.toggle("current", current);
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function start() {
  wireFilterForm();
  window.addEventListener("hashchange", route);
  await loadCountryNames();
  try {
    await fillFilterOptions(await meta());
  } catch (err) {
    showStatus("Could not load /api/meta: " + err.message, "error");
  }
  await route();
}

start();
