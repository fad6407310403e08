/* Zoom controls shared by the map and the timeline: +, − and reset buttons, and keys on the focused chart. */

import { el } from "./dom.js";

const STEP = 1.5;

/**
 * Make a zoomable svg a tab stop that answers +, −, 0 and the arrow keys.
 * svg (d3 selection). zoom (d3.zoom). pan ([dx, dy]): the move of one arrow key (0 to disable an axis).
 */
export function zoomKeys(svg, zoom, pan) {
  const moves = { ArrowLeft: [pan[0], 0], ArrowRight: [-pan[0], 0], ArrowUp: [0, pan[1]], ArrowDown: [0, -pan[1]] };
  svg.attr("tabindex", 0).attr("aria-keyshortcuts", "+ - 0 " + Object.keys(moves).filter((k) => moves[k].some(Boolean)).join(" "))
    .on("keydown.zoom", (event) => {
      if (event.target !== svg.node()) return; // keys on a focused mark are the mark's
      const move = moves[event.key];
      if (event.key === "+" || event.key === "=") zoom.scaleBy(svg, STEP);
      else if (event.key === "-") zoom.scaleBy(svg, 1 / STEP);
      else if (event.key === "0") zoom.transform(svg, d3.zoomIdentity);
      else if (move && move.some(Boolean)) {
        const k = d3.zoomTransform(svg.node()).k;
        zoom.translateBy(svg, move[0] / k, move[1] / k);
      } else return;
      event.preventDefault();
    });
}

/**
 * The +, − and reset buttons of a zoomable svg.
 * what (string): what they zoom, for their names ("map", "timeline").
 * placement (string): "overlay" (over the chart's corner) or "inline" (in a row).
 * focus (() => [x, y] | undefined): a point (in the chart's own coordinates) that zooming in
 * brings to the centre; without one, the centre stays where it is.
 * RETURNS (Element).
 */
export function zoomButtons(svg, zoom, what, placement = "overlay", focus = () => undefined) {
  const zoomIn = () => {
    const point = focus();
    zoom.scaleBy(svg, STEP);
    if (point) zoom.translateTo(svg, point[0], point[1]);
  };
  const button = (text, label, action) => {
    const node = el("button", { type: "button", class: "secondary", "aria-label": label, title: label, text });
    node.addEventListener("click", action);
    return node;
  };
  return el("div", { class: "zoom-buttons " + placement, role: "group", "aria-label": `Zoom the ${what}` },
    button("+", "Zoom in", zoomIn),
    button("−", "Zoom out", () => zoom.scaleBy(svg, 1 / STEP)),
    button("⟲", "Reset zoom", () => zoom.transform(svg, d3.zoomIdentity)));
}
