// The names of the classes the model tells apart, as every view shows them: MNIST's digits,
// Fashion-MNIST's clothes in the interface's language, or the folder names of uploaded images as
// they are. One per playground: the data sets it (setClasses, when a dataset is ready), views ask
// it (label, names, count) and hear when what they would show changes (onChange).
//
// Usage:
//   const classes = createClassLabels(i18n);
//   classes.setClasses({ dataset: 'fashion-mnist', names: ['T-shirt/top', 'Trouser', ...] });
//   classes.label(7);   // 'Sneaker' in English, '运动鞋' in Chinese
//   classes.onChange(() => view.repaint());  // other classes, or another language
//
// A catalogue name is class.<dataset>.<index> (web/i18n/<lang>/ui.js); a class without one shows
// the engine's name (a digit, a folder name).

const DIGITS = { dataset: 'mnist', names: Array.from({ length: 10 }, (_, d) => String(d)) };

/** @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createClassLabels(i18n) {
  let classes = DIGITS;
  const listeners = new Set();
  const changed = () => { for (const listener of listeners) listener(); };
  i18n.onChange(changed);

  function label(i) {
    const key = `class.${classes.dataset}.${i}`;
    return i18n.has(key) ? i18n.t(key) : classes.names[i] ?? String(i);
  }

  return {
    /** How many classes: the model's outputs. */
    count: () => classes.names.length,
    /** Class `i`'s name in the interface's language. */
    label,
    /** Every class's name, in order. */
    names: () => classes.names.map((_, i) => label(i)),
    /**
     * The classes of the data now loaded: `dataset` its id ('mnist', 'fashion-mnist', 'custom'),
     * `names` the engine's names (2 to 10), index = class.
     * @param {{dataset: string, names: string[]}} next
     */
    setClasses({ dataset, names }) {
      classes = { dataset, names: names.map(String) };
      changed();
    },
    /** Calls `listener` whenever the names change (other classes or another language); returns an unsubscribe. */
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
