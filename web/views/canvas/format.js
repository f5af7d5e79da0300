// Number formatting for the page and the views: percentages, counts, durations and throughput,
// in one place so every label in the UI says the same thing the same way. The words around them
// (units, "samples/s") come from the catalogues; a locale gives the digit grouping.

/**
 * A fraction in [0, 1] as a percentage: formatPercent(0.9731) -> "97.3%".
 * @param {number} fraction
 * @param {number} [digits=1]  decimals
 */
export function formatPercent(fraction, digits = 1) {
  if (!Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * A whole count with thousands separators: formatCount(55000) -> "55,000".
 * @param {number} n  @param {string} [locale='en-US']  the interface's (i18n.locale)
 */
export function formatCount(n, locale = 'en-US') {
  return Math.round(n).toLocaleString(locale);
}

/**
 * A duration in seconds, as a clock reads: 5.2 -> "0:05", 65 -> "1:05", 3725 -> "1:02:05".
 * @param {number} seconds
 */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Throughput with a unit: formatRate(12345) -> "12.3k samples/s",
 * formatRate(812) -> "812 samples/s".
 * @param {number} perSecond
 * @param {string} [unit='samples']
 */
export function formatRate(perSecond, unit = 'samples') {
  return `${formatRateValue(perSecond)} ${unit}/s`;
}

/** The number of formatRate without its unit: 12345 -> "12.3k", 812 -> "812". */
export function formatRateValue(perSecond) {
  if (!Number.isFinite(perSecond)) return '–';
  return perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)}k` : `${Math.round(perSecond)}`;
}
