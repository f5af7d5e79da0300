// How the teaching panels write numbers: 6 significant digits by default, enough to redo the
// arithmetic by hand; powers of ten as ×10⁻⁵ rather than e-5; a real minus sign.

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** formatNumber(0.000012345678) -> "1.23457×10⁻⁵"; formatNumber(-0.5) -> "−0.5". */
export function formatNumber(value, digits = 6) {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text;
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    text = trimZeros(value.toPrecision(digits));
  } else {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    const power = String(Number(exponent)).replace(/[-\d]/g, (c) => SUPERSCRIPT[c]);
    text = `${trimZeros(mantissa)}×10${power}`;
  }
  return text.replace('-', '−');
}

/** A percentage with one decimal: 12.3456 -> "12.3%". */
export function formatPercentValue(percent) {
  return Number.isFinite(percent) ? `${percent.toFixed(1)}%` : '–';
}

function trimZeros(text) {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Index of the largest |value| (0 for an empty list). */
export function argMaxAbs(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]) > Math.abs(values[best])) best = i;
  return best;
}
