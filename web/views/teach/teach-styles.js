// The teaching panels' styles (explain a step, gradient check, network health), added to the
// element's stylesheet by web/views/styles.js. Colours come from its custom properties, so the
// dark theme and a host page's --mp-* settings reach these panels too.
export const TEACH_CSS = String.raw`
.teach-block { margin-top: 1rem; border-top: 1px solid var(--border); padding-top: .5rem; }
.teach-block h3 { margin-top: .5rem; }
.teach-block h4 { font-size: .95rem; margin: .75rem 0 .35rem; }
.teach-block h5 { font-size: .9rem; margin: 0 0 .25rem; }
.teach-block figure { margin: 0; }
.teach-block figcaption { font-size: .8rem; color: var(--muted); }
.teach-block canvas.pickable { cursor: pointer; }
.num { font-variant-numeric: tabular-nums; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }

/* ---------------------------------------------------------------- explain a step */
.explain-pickers input[type="number"] { width: 6rem; }
.explain-summary { margin: .25rem 0; }
.example-strip { display: flex; flex-wrap: wrap; gap: .25rem; max-height: 15rem; overflow-y: auto; padding: 2px; }
.example-strip button.example {
  display: flex; flex-direction: column; align-items: center; gap: 2px;
  min-width: 44px; padding: .2rem .3rem; font-size: .8rem; font-weight: 600;
}
.example-strip button.example canvas { width: 28px; height: 28px; image-rendering: pixelated; }
.example-strip button.example.wrong { border-color: var(--view-wrong); border-style: dashed; }
.example-strip button[aria-pressed="true"] { outline: 3px solid var(--primary); outline-offset: 0; background: var(--bg); }
.story { list-style: none; margin: 0; padding: 0 0 0 .75rem; border-left: 3px solid var(--border); display: flex; flex-direction: column; gap: .45rem; }
.story-line { display: flex; flex-direction: column; gap: .1rem; }
.story-title { font-size: .85rem; color: var(--muted); }
.story-line .formula { font-size: .95rem; font-weight: 600; }
.story-line .numbers { overflow-wrap: anywhere; }
.story-figures { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-start; }
.vector-figure canvas { image-rendering: pixelated; }
.vector-figure figcaption { max-width: 20rem; }
.story-terms summary, .health-report summary { cursor: pointer; font-size: .9rem; }
.story-terms .data-table { max-height: 16rem; overflow: auto; }
.weight-picker input { width: 6rem; }
.weight-picker .hint { margin: 0; }

/* ---------------------------------------------------------------- gradient check */
.marker { font-weight: 700; white-space: nowrap; }
.marker.pass { color: var(--ok); }
.marker.borderline { color: var(--warn); }
.marker.fail { color: var(--danger-border); }
.gradcheck-result tr.gradcheck-layer th, .gradcheck-result tr.gradcheck-layer td { background: var(--bg); text-align: left; }
.verdict { font-weight: 600; }

/* ---------------------------------------------------------------- network health */
#health-details > summary { cursor: pointer; }
#health-details > summary h3 { display: inline; }
.preset-row button { font-size: .85rem; }
.health-signs { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-direction: column; gap: .25rem; }
.health-signs .sign { padding: .35rem .6rem; border-radius: 6px; border: 1px solid var(--border); border-left-width: 4px; }
.health-signs .sign.warn { border-left-color: var(--warn); }
.health-signs .sign.ok { border-left-color: var(--ok); }
.health-layers { display: grid; gap: .75rem; grid-template-columns: minmax(0, 1fr); }
.health-layer { border: 1px solid var(--border); border-radius: 6px; padding: .5rem; background: var(--bg); min-width: 0; }
.histograms { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); }
.histograms canvas { width: 100%; max-width: 160px; }
.health-stats { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .35rem 0 0; font-size: .85rem; }
.health-stats div { display: flex; gap: .35rem; }
.health-stats dt { color: var(--muted); }
.health-stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.norm-figure { margin-top: .75rem; }
.norm-legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; }
.norm-legend .swatch { display: inline-block; width: 1.5rem; margin-right: .35rem; vertical-align: middle; }
`;
