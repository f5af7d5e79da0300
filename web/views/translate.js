// The static text of the playground's markup (web/views/template.js), in the current language:
// an element marked data-i18n="key" gets the message as its text, and data-i18n-attr="attr:key
// attr:key" sets attributes (aria-label, title, placeholder) the same way. Views that change an
// element's text at run time do not mark it: they render their own text with t(...).
// Messages may hold **bold** and `code`: they become <strong> and <code> elements (no HTML is
// ever parsed), so a sentence keeps its emphasis in every language.

/** Fills every marked element under `root` with text from `t`. */
export function translateMarkup(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) setRichText(el, t(el.dataset.i18n));
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.trim().split(/\s+/)) {
      const [attribute, key] = pair.split(':');
      el.setAttribute(attribute, t(key));
    }
  }
}

/** Sets `text` as the element's content, with **bold** as <strong> and `code` as <code>. */
export function setRichText(el, text) {
  const doc = el.ownerDocument;
  const nodes = String(text).split(/(\*\*[^*]+\*\*|`[^`]+`)/).filter(Boolean).map((part) => {
    if (part.startsWith('**')) return Object.assign(doc.createElement('strong'), { textContent: part.slice(2, -2) });
    if (part.startsWith('`')) return Object.assign(doc.createElement('code'), { textContent: part.slice(1, -1) });
    return doc.createTextNode(part);
  });
  el.replaceChildren(...nodes);
}
