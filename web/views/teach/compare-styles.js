// The run comparison's styles (web/views/styles.js adds them to the element's sheet). The runs'
// colours are custom properties, --compare-1..8, read by the chart (compare-chart.js) and used by
// the legend swatches: Okabe-Ito colours (told apart by most colour-blind readers), lighter ones
// in the dark theme; each run also has its own dash pattern, so colour is never the only cue.

const DARK = `
  --compare-1: #56b4e9; --compare-2: #e69f00; --compare-3: #2fc79a; --compare-4: #ff7a33;
  --compare-5: #e39ac6; --compare-6: #f0e442; --compare-7: #e6edf3; --compare-8: #b9a3ff;`;

export const COMPARE_CSS = String.raw`
#compare-panel {
  --compare-1: #0072b2; --compare-2: #e69f00; --compare-3: #009e73; --compare-4: #d55e00;
  --compare-5: #cc79a7; --compare-6: #56b4e9; --compare-7: #1f2328; --compare-8: #7b5ea7;
}
:host([theme="dark"]) #compare-panel { ${DARK} }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"]):not([theme="dark"])) #compare-panel { ${DARK} }
}
#compare-panel .compare-queue {
  display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .5rem 0;
  padding: .5rem .75rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg);
}
#compare-panel .compare-queue p { margin: 0; flex: 1 1 14rem; }
#compare-panel .compare-queue progress { flex: 1 1 8rem; height: 1rem; }
#compare-panel .compare-status { margin: .25rem 0; min-height: 1.5em; }
#compare-panel .compare-metric { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .5rem 0; }
#compare-panel .compare-metric select { width: auto; max-width: 100%; }
#compare-panel .compare-legend {
  list-style: none; margin: .25rem 0 .5rem; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem;
  font-size: .85rem;
}
#compare-panel .compare-legend-item { display: flex; align-items: center; gap: .4rem; min-width: 0; overflow-wrap: anywhere; }
#compare-panel .compare-swatch { width: 2.25rem; height: .7rem; flex: none; }
${Array.from({ length: 8 }, (_, i) => `#compare-panel .compare-swatch.slot-${i + 1} line { stroke: var(--compare-${i + 1}); }`).join('\n')}
#compare-panel .compare-chart-box { height: clamp(13rem, 36cqi, 20rem); }
#compare-panel canvas.compare-chart { border-radius: 4px; }
#compare-panel .compare-keys { font-size: .8rem; }
#compare-panel .compare-figures td { white-space: nowrap; }
#compare-panel .compare-figures th[data-col="run"] { text-align: left; }
#compare-panel .compare-run { display: flex; align-items: center; gap: .4rem; }
#compare-panel .compare-run input[type="checkbox"] { width: 1.25rem; height: 1.25rem; min-height: 0; flex: none; }
#compare-panel .compare-name { min-height: 36px; padding: .2rem .4rem; font-size: .85rem; width: auto; flex: 1 1 auto; }
#compare-panel .compare-outcome {
  font-size: .75rem; font-weight: 600; color: var(--muted); border: 1px solid var(--border);
  border-radius: 999px; padding: 0 .4rem; white-space: nowrap;
}
#compare-panel .compare-growing { color: var(--danger-border); font-weight: 600; }
#compare-panel .compare-actions { display: flex; gap: .25rem; margin-top: .25rem; }
#compare-panel .compare-actions button { min-height: 36px; padding: .2rem .6rem; white-space: nowrap; }
`;
