// The theme menu (Auto, Light, Dark) beside the status line: it sets the element's own `theme`
// attribute, which the styles follow. Whenever the colours change (that menu, the attribute set by
// the host, or the reader's prefers-color-scheme under Auto), `onChange` runs after the new
// styles apply, so the canvases can be drawn again in the new colours.

/** @param {ShadowRoot} root  @param {() => void} onChange */
export function createThemeSwitch(root, onChange) {
  const select = root.getElementById('theme-choice');
  const host = root.host;
  const media = matchMedia('(prefers-color-scheme: dark)');
  const changed = () => requestAnimationFrame(() => onChange());
  const onMedia = () => { if ((host.getAttribute('theme') || 'auto') === 'auto') changed(); };

  select.value = host.getAttribute('theme') || 'auto';
  select.addEventListener('change', () => host.setAttribute('theme', select.value));
  media.addEventListener('change', onMedia);
  return {
    /** The `theme` attribute changed (from the menu or the host). */
    themeChanged() {
      select.value = host.getAttribute('theme') || 'auto';
      changed();
    },
    destroy() {
      media.removeEventListener('change', onMedia);
    },
  };
}
