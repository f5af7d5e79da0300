// The guided lessons (web/lessons/): open one (by id, a ?lesson= link or the element's lesson
// attribute), set the controls it asks for, run what it needs and say what to look for.
/** @param {ShadowRoot} root  @param {object} extension (controller.js)  @param {{lesson?: string}} options */
export function mountLessons(root, extension, options = {}) {
  return { open() {}, destroy() {} };
}
