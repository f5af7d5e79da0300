// The teaching panels inside the "Inside the network" section: explain-this-step, the gradient
// check, network health and run comparison. Each panel owns its element (template.js) and talks
// to the worker only through the extension object the controller gives (send, on, actions).
// Panels draw their text at render time (render() again when the language changes) and their
// canvases in the theme's colours (repaint() again when the theme changes).
import { mountComparison } from './comparison.js';
import { createExplainPanel } from '../views/teach/explain-panel.js';
import { createGradcheckPanel } from '../views/teach/gradcheck-panel.js';
import { createHealthPanel } from '../views/teach/health-panel.js';

/**
 * @param {ShadowRoot} root  @param {object} extension (controller.js)
 * @param {ReturnType<import('../views/class-labels.js').createClassLabels>} classes
 */
export function mountTeaching(root, extension, classes) {
  const explain = createExplainPanel(root.getElementById('explain-panel'), extension, classes);
  const panels = [
    explain,
    createGradcheckPanel(root.getElementById('gradcheck-panel'), extension),
    createHealthPanel(root.getElementById('health-panel'), extension),
  ];
  const comparison = mountComparison(root, extension);
  const offLanguage = extension.i18n.onChange(() => panels.forEach((panel) => panel.render()));
  const offTheme = onThemeChange(root.host, () => panels.forEach((panel) => panel.repaint()));
  return {
    /** Explains this filter or neuron ({layer, unit, position}), e.g. a clicked feature map. */
    explain: (choice) => explain.pick(choice),
    destroy() {
      offLanguage();
      offTheme();
      panels.forEach((panel) => panel.destroy());
      comparison.destroy();
    },
  };
}

/**
 * Calls `repaint` after the colours change: the element's `theme` attribute (its menu or the
 * host), or the reader's colour-scheme preference. Returns a stop function.
 */
function onThemeChange(host, repaint) {
  if (!host) return () => {};
  const later = () => requestAnimationFrame(repaint);  // once the new styles apply
  const observer = new MutationObserver(later);
  observer.observe(host, { attributes: true, attributeFilter: ['theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', later);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', later);
  };
}
