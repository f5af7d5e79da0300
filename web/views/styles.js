// The element's styles, adopted into its shadow root (a constructed stylesheet: no <style> tag,
// so a host page's Content Security Policy needs no 'unsafe-inline' for styles). Nothing leaks
// in or out of the shadow root except inherited text properties and the custom properties below,
// which a host page may set on the element to restyle it (e.g. mnist-playground { --mp-primary: #8250df }).
// Theme: the `theme` attribute (light | dark), else the reader's prefers-color-scheme. The canvas
// views read the --view-* properties at draw time (web/views/canvas/canvas.js), so a theme reaches
// their pixels on the next redraw.

import { COMPARE_CSS } from './teach/compare-styles.js';
import { LESSON_CSS } from './lesson-styles.js';

import { TEACH_CSS } from './teach/teach-styles.js';

// The dark theme's values, used twice below (forced, and by preference).
const DARK = `
  --bg: var(--mp-bg, #0d1117);
  --panel: var(--mp-panel, #161b22);
  --fg: var(--mp-fg, #e6edf3);
  --muted: var(--mp-muted, #8d96a0);
  --border: var(--mp-border, #30363d);
  --primary: var(--mp-primary, #1f6feb);   /* white text on it: 4.6:1 */
  --link: var(--mp-link, #58a6ff);
  --control-border: var(--mp-control-border, #6e7681);  /* 3.8:1 on the panel: controls stand out */
  --ok: #3fb950;
  --warn: #d29922;
  --danger-bg: var(--mp-danger-bg, #3b1d1f);
  --danger-border: var(--mp-danger, #f85149);
  --view-bg: #0d1117;
  --view-fg: #e6edf3;
  --view-muted: #9da7b3;
  --view-grid: #30363d;
  --view-accent: #56b4e9;  /* sky blue reads better than blue on dark */
  --view-wrong: #ff7a33;
  color-scheme: dark;`;

const CSS = String.raw`
:host {
  display: block;
  container: playground / inline-size;
  min-width: 0;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg);
  background: var(--bg);
  --bg: var(--mp-bg, #f6f8fa);
  --panel: var(--mp-panel, #ffffff);
  --fg: var(--mp-fg, #1f2328);
  --muted: var(--mp-muted, #57606a);
  --border: var(--mp-border, #d0d7de);
  --primary: var(--mp-primary, #0969da);
  --primary-fg: var(--mp-primary-fg, #ffffff);
  --danger-bg: var(--mp-danger-bg, #ffebe9);
  --danger-border: var(--mp-danger, #cf222e);
  --focus: var(--mp-focus, #bf8700);
  --link: var(--mp-link, #0969da);
  --control-border: var(--mp-control-border, #6e7781);  /* 4.5:1 on white: controls stand out */
  --ok: #1a7f37;
  --warn: #9a6700;
  --radius: var(--mp-radius, 8px);
  --mp-gap: clamp(.5rem, 2cqi, 1rem);
  --view-bg: #ffffff;
  --view-fg: #1f2328;
  --view-muted: #57606a;
  --view-grid: #d0d7de;
  --view-accent: #0072b2;    /* blue: loss, correct, the prediction */
  --view-accent-2: #e69f00;  /* orange: training accuracy */
  --view-accent-3: #009e73;  /* bluish green: validation accuracy */
  --view-wrong: #d55e00;     /* vermillion: mistakes, always with a symbol or outline too */
  --view-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color-scheme: light;
}
:host([hidden]) { display: none; }
/* Dark: asked for, or the reader's preference when the theme is not forced to light. */
:host([theme="dark"]) { ${DARK} }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"]):not([theme="dark"])) { ${DARK} }
}
@media (prefers-reduced-motion: reduce) {
  * { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
* { box-sizing: border-box; }
.playground { padding: var(--mp-gap); }
.topbar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.notice {
  display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between;
  margin: var(--mp-gap) 0 0; padding: .5rem 1rem; border: 1px solid var(--border); border-radius: var(--radius);
  background: var(--panel);
}
.notice p { margin: 0; }
.offline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; color: var(--muted); font-size: .85rem; margin: 0; }
.buttons.small, button.small { font-size: .85rem; }
a { color: var(--link); }
h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0 .5rem; }
.drop-zone { border: 2px dashed var(--control-border); border-radius: 8px; padding: 1rem; text-align: center; color: var(--muted); }
.drop-zone[data-over] { border-color: var(--primary); color: var(--fg); }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}

.badge {
  margin: 0; padding: .25rem .75rem; border-radius: 999px; font-weight: 600; font-size: .9rem;
  border: 1px solid var(--border); background: var(--bg); max-width: 100%;  /* wraps on a phone */
}
.badge[data-build="simd"], .badge[data-build="threads"] { border-color: var(--ok); color: var(--ok); }
.badge[data-build="scalar"] { border-color: var(--warn); color: var(--warn); }
.badge[data-build="none"] { border-color: var(--danger-border); color: var(--danger-border); }

.error-banner {
  display: flex; gap: 1rem; align-items: flex-start; justify-content: space-between;
  margin: var(--mp-gap) 0 0; padding: .75rem 1rem;
  background: var(--danger-bg); border: 2px solid var(--danger-border); border-radius: var(--radius);
}
.error-banner[hidden] { display: none; }
.error-banner p { margin: .25rem 0 0; }
.data-status { margin: 0; color: var(--muted); flex: 1 1 14rem; }
.data-status[data-failed] { color: var(--danger-border); font-weight: 600; }

/* Two columns when the element (not the window) is wide: it may sit in a narrow column of a host page. */
.panels {
  display: grid; gap: var(--mp-gap); padding: var(--mp-gap) 0;
  grid-template-columns: minmax(0, 1fr);
}
@container playground (min-width: 1050px) {
  .panels { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  [data-layout="full"] #train-section, [data-layout="full"] #draw-section { grid-column: auto; }
}
.panel {
  background: var(--panel); border: 1px solid var(--border); border-radius: var(--radius);
  padding: 1rem; min-width: 0;
}
canvas { max-width: 100%; height: auto; display: block; touch-action: manipulation; }
#draw-pad { touch-action: none; cursor: crosshair; border: 1px solid var(--control-border); border-radius: 4px; }
.pad-box { position: relative; }
.theme-choice { display: flex; align-items: center; gap: .5rem; font-size: .85rem; }
.theme-choice select { width: auto; min-height: 36px; }
.data-table { overflow-x: auto; margin: .5rem 0; }
.data-table table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
.data-table caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
.data-table th, .data-table td { border: 1px solid var(--border); padding: .15rem .5rem; text-align: right; }
.data-table th[scope="row"] { text-align: left; }
.pad-pen {
  position: absolute; width: 16px; height: 16px; margin: -8px 0 0 -8px; pointer-events: none;
  border: 2px solid var(--focus); border-radius: 50%;
}
.pad-pen[data-down="true"] { background: var(--focus); }
#draw-input28 { image-rendering: pixelated; border: 1px solid var(--border); background: #000; }

/* ---------------------------------------------------------------- form */
.config-form fieldset {
  border: 0; padding: 0; margin: 0;
  display: grid; gap: .75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
}
.config-form fieldset:disabled { opacity: .65; }
.field { display: flex; flex-direction: column; gap: .25rem; }
.field.wide, .hidden-sizes { grid-column: 1 / -1; }
.hidden-sizes { display: grid; gap: .75rem 1rem; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
.hidden-sizes:empty { display: none; }
label { font-weight: 600; font-size: .9rem; }
input, select, button {
  font: inherit; min-height: 44px; /* a comfortable touch target */
  border-radius: 6px; border: 1px solid var(--control-border); background: var(--panel); color: var(--fg);
}
input, select { padding: .4rem .5rem; width: 100%; }
input[aria-invalid="true"] { border-color: var(--danger-border); outline: 2px solid var(--danger-border); }
.field-error { color: var(--danger-border); min-height: 1.5em; margin: .5rem 0 0; }
.model-summary { margin: .25rem 0; }
pre#model-summary { overflow-x: auto; font-size: .85rem; }
.code-view .buttons { align-items: center; }
.code-view select { width: auto; }
pre.code-text { overflow: auto; max-height: 24rem; max-width: 100%; font-size: .8rem; line-height: 1.4;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: .5rem;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 4px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

/* ---------------------------------------------------------------- buttons */
.buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; }
button { padding: .4rem 1rem; cursor: pointer; font-weight: 600; }
button:disabled { cursor: not-allowed; opacity: .5; }
button.primary { background: var(--primary); border-color: var(--primary); color: var(--primary-fg); }
button.secondary { background: transparent; }
button[aria-pressed="true"] { background: var(--bg); }
.inline-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .5rem; }
.inline-controls select { width: auto; }

/* ---------------------------------------------------------------- training */
.progress-block progress { width: 100%; height: 1.25rem; }
.counters {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: .25rem 1rem;
  margin: .5rem 0;
}
.counters div { display: flex; flex-direction: column; }
.counters dt { font-size: .8rem; color: var(--muted); }
.counters dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.chart-box { position: relative; width: 100%; height: clamp(14rem, 40cqi, 22rem); }
@container playground (max-width: 480px) { .panel { padding: .6rem; } }
.epoch-log { margin: 0; padding-left: 1.25rem; font-size: .95rem; }
.test-accuracy { font-size: 1.15rem; font-weight: 700; }

.two-columns { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
.draw-layout { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.draw-layout .grow { flex: 1 1 16rem; min-width: 0; }
.draw-prediction { font-size: 1.2rem; font-weight: 700; }
#draw-section, #train-section { grid-column: 1 / -1; }
.intro { margin: var(--mp-gap) 0 0; max-width: 75ch; }
#settings-details > summary { cursor: pointer; }
#settings-details > summary h2 { display: inline; }
#settings-details:not([open]) > summary { margin-bottom: 0; }

/* ---------------------------------------------------------------- layer editor */
.layer-editor h3 { margin-top: .25rem; }
.layer-list { list-style: none; margin: 0 0 .5rem; padding: 0; display: flex; flex-direction: column; gap: .5rem; }
.layer-row {
  display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; gap: .5rem;
  padding: .5rem; border: 1px solid var(--border); border-radius: 6px; background: var(--bg);
}
.layer-number {
  min-width: 1.75rem; height: 1.75rem; border-radius: 999px; display: grid; place-items: center;
  background: var(--panel); border: 1px solid var(--border); font-weight: 700; font-size: .85rem;
}
.layer-fields { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .35rem .6rem; }
.layer-param { display: flex; flex-direction: column; gap: .1rem; font-size: .8rem; }
.layer-param input { width: 4.75rem; }
.layer-param select { width: auto; }
.layer-what {
  align-self: center; font-size: .8rem; font-weight: 600; color: var(--muted);
  border: 1px solid var(--border); border-radius: 999px; padding: 0 .5rem;
}
.layer-tools { display: flex; gap: .25rem; }
button.icon { padding: .25rem .6rem; min-width: 44px; }
#model-spec { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
.field.checkbox { flex-direction: row; align-items: center; gap: .5rem; }
.field.checkbox input { width: auto; min-height: 0; width: 1.25rem; height: 1.25rem; }
.field.checkbox label { font-weight: 600; }
code { font-size: .85em; overflow-wrap: anywhere; }
@container playground (max-width: 600px) {
  /* A phone: the row's buttons go under its fields, which then have the width for two or three a line. */
  .layer-row { grid-template-columns: auto minmax(0, 1fr); }
  .layer-tools { grid-column: 1 / -1; justify-content: flex-end; }
}
[hidden] { display: none !important; }  /* over any display rule, e.g. canvas[data-view] */

/* A view is drawn at its own size in CSS px (set inline by the view); on a narrow screen it
   shrinks with its container and keeps its aspect ratio. Chart.js sizes the training chart
   itself, from its container (which needs position: relative and a width). */
canvas[data-view]:not([data-view="training-chart"]) {
  display: block;
  max-width: 100%;
  height: auto;
}

/* The pad takes pointer input for drawing, never for scrolling or zooming (also set inline). */
canvas[data-view="draw-pad"] {
  touch-action: none;
  cursor: crosshair;
  border-radius: 4px;
}

/* Views that answer clicks: the confusion matrix (select a cell) and the digit grid (an item). */
canvas[data-view="confusion-matrix"],
canvas[data-view="digit-grid"] {
  cursor: pointer;
}
${COMPARE_CSS}
${LESSON_CSS}
${TEACH_CSS}
`;

let sheet = null;

/** The one stylesheet every element adopts (built on first use, shared by all instances). */
export function playgroundStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
