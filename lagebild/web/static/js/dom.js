/*
 * DOM helpers shared by every view. The data are German news articles and the
 * records extracted from them: all of it is untrusted text. Every node is built
 * with createElement/textContent (or d3's .text()); nothing from the API ever
 * goes through innerHTML.
 */

/**
 * Create an element with attributes and children, never parsing HTML.
 * tag (string): element name. attrs (object): attributes; "text" sets
 * textContent, "class" the class list. children: nodes or strings.
 * RETURNS (Element): the new element.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error("event handler attributes are not allowed");
    if (name === "text") node.textContent = String(value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append nodes and strings (as text), or nested arrays of them, to a parent, skipping null. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Show a message in the status banner (kind "error" or "info"); empty hides it. */
export function showStatus(message, kind) {
  const box = document.getElementById("status");
  box.textContent = message || "";
  box.className = "status" + (kind === "info" ? " info" : "");
  box.hidden = !message;
}

/** A CSS custom property of the root element (colours live in style.css). */
export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const typeColors = new Map();

/** The colour of an event type, read from the --type-<TYPE> CSS variable. */
export function typeColor(type) {
  if (!typeColors.has(type)) typeColors.set(type, cssVar("--type-" + type) || cssVar("--type-OTHER"));
  return typeColors.get(type);
}

/** Position and fill the shared tooltip; an empty text hides it. */
export function tooltip(event, text) {
  const tip = document.getElementById("tooltip");
  if (!text) {
    tip.hidden = true;
    return;
  }
  tip.textContent = text;
  tip.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  tip.style.left = Math.max(4, x) + "px";
  tip.style.top = event.clientY + 14 + "px";
}

/**
 * Wire the marks of a chart (a d3 selection): the hover tooltip and a click that
 * opens something; the focusable ones (all, unless a filter is given) are also
 * keyboard buttons: a tab stop named by the tooltip text, the tooltip on focus,
 * and Enter or Space opening what a click opens.
 * label ((d) => string). open ((d, node) => void). focusable ((d) => boolean), optional.
 */
export function chartMarks(selection, label, open, focusable) {
  selection
    .on("mousemove", (event, d) => tooltip(event, label(d)))
    .on("mouseleave", () => tooltip(null, ""))
    .on("click", (event, d) => {
      tooltip(null, "");
      open(d, event.currentTarget);
    });
  selection.filter(focusable || (() => true))
    .attr("tabindex", 0).attr("role", "button").attr("aria-label", label)
    .on("focus", (event, d) => {
      const box = event.currentTarget.getBoundingClientRect();
      tooltip({ clientX: box.right, clientY: box.top }, label(d));
    })
    .on("blur", () => tooltip(null, ""))
    .on("keydown", (event, d) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      tooltip(null, "");
      open(d, event.currentTarget);
    });
  return selection;
}

/** A coloured square for a legend or a bar list. */
export function swatch(color, extraClass) {
  const node = el("span", { class: "swatch" + (extraClass ? " " + extraClass : ""), "aria-hidden": "true" });
  if (color) node.style.background = color;
  return node;
}

/** A legend list of type swatches (data-testid names it for the tests). */
export function typeLegend(types, testid) {
  return el("ul", { class: "legend", "data-testid": testid },
    types.map((type) => el("li", {}, swatch(typeColor(type)), type)));
}

/** The message shown where a chart needs d3 or topojson and they are not installed. */
export function vendorMissing() {
  return el("p", { class: "empty", text: "Chart libraries are missing: run scripts/install_assets.sh." });
}

/** A panel heading: h2, then hints and controls on the same line. */
export function panelHead(title, ...rest) {
  return el("div", { class: "panel-head" }, el("h2", { text: title }), rest);
}
