// Small DOM builders for the teaching panels: elements made with textContent only (no HTML
// strings), and numbers shown rounded while the element keeps the full value, so a reader sees
// "0.0123457" and a test (or a curious reader's devtools) can still check the arithmetic exactly.
import { formatNumber } from './numbers.js';

/**
 * An element: h('p', {class: 'hint', 'data-testid': 'x'}, 'text', child, ...).
 * Attributes set to null, undefined or false are left out; `on` maps event names to listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) el.addEventListener(event, listener);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/**
 * A number as <data value="full precision">rounded</data>; `testid` names it for tests.
 * @param {number} value  @param {string} [testid]  @param {number} [digits] significant digits
 */
export function num(value, testid, digits = 6) {
  return h('data', { class: 'num', value: String(value), 'data-testid': testid }, formatNumber(value, digits));
}
