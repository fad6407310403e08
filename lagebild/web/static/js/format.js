/*
 * Numbers and dates, formatted through d3-format and d3-time-format (UTC: an
 * event date is a calendar day, month or year, not an instant).
 */

const d3 = window.d3;

export const formatCount = d3 ? d3.format(",d") : String;
const formatNumber = d3 ? d3.format(",") : String;
const QUALIFIER_SIGNS = { approx: "≈", at_least: "≥", at_most: "≤" };

/** "≈7,000 soldiers" from a quantity record, or "" when there is none. */
export function formatQuantity(quantity) {
  if (!quantity || quantity.value === null || quantity.value === undefined) return "";
  const sign = QUALIFIER_SIGNS[quantity.qualifier] || "";
  const unit = quantity.unit ? " " + quantity.unit.replace(/_/g, " ") : "";
  return sign + formatNumber(quantity.value) + unit;
}

/** "3 events", "1 event"; many: the plural where it is not word + "s" ("stories"). */
export function plural(n, word, many) {
  return `${formatCount(n)} ${n === 1 ? word : many || word + "s"}`;
}

/** The ISO date value of a record, or "". */
export function dateValue(record) {
  return (record.date && record.date.value) || "";
}

/** True when a record's date is its article's: no date phrase of its own (EVENTS.md). */
export function datedByArticle(record) {
  return !!(record.date && record.date.value && !record.date.text);
}

/** Precision of an ISO date value: "day", "month", "year" or null. */
function precisionOf(value) {
  if (/^\d{4}-\d{2}-\d{2}/.test(value || "")) return "day";
  if (/^\d{4}-\d{2}$/.test(value || "")) return "month";
  if (/^\d{4}$/.test(value || "")) return "year";
  return null;
}

/**
 * The period an ISO date value names, at its precision.
 * RETURNS ({start: Date, end: Date, precision: string} | null): end is exclusive.
 */
export function periodOf(value) {
  const precision = precisionOf(value);
  if (!precision) return null;
  const interval = { day: d3.utcDay, month: d3.utcMonth, year: d3.utcYear }[precision];
  const start = d3.utcParse({ day: "%Y-%m-%d", month: "%Y-%m", year: "%Y" }[precision])(value.slice(0, 10));
  return start ? { start, end: interval.offset(start, 1), precision } : null;
}

/** An ISO day "2022-03-07" of a UTC date. */
export const isoDay = d3 ? d3.utcFormat("%Y-%m-%d") : String;

const TICK_FORMATS = d3 ? {
  day: d3.utcFormat("%-d %b"),
  dayYear: d3.utcFormat("%-d %b %Y"),
  month: d3.utcFormat("%b"),
  monthYear: d3.utcFormat("%b %Y"),
  year: d3.utcFormat("%Y"),
} : {};

/**
 * A tick formatter for a UTC time axis that names the year wherever a label
 * would otherwise be ambiguous: on the first tick and whenever the year changes.
 * RETURNS ((date, i, ticks) => string).
 */
export function timeTickFormat(ticks) {
  const years = ticks.map((t) => t.getUTCFullYear());
  return (date, i) => {
    const newYear = i === 0 || years[i] !== years[i - 1];
    if (+d3.utcYear.floor(date) === +date) return TICK_FORMATS.year(date);
    if (+d3.utcMonth.floor(date) === +date) return newYear ? TICK_FORMATS.monthYear(date) : TICK_FORMATS.month(date);
    return newYear ? TICK_FORMATS.dayYear(date) : TICK_FORMATS.day(date);
  };
}
