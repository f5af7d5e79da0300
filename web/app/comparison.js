// Run comparison: the curves of finished runs, kept and overlaid on one chart with a legend and a
// table of final figures; one click trains a compared configuration again.
/** @param {ShadowRoot} root  @param {object} extension (controller.js) */
export function mountComparison(root, extension) {
  return { destroy() {} };
}
