// The lesson panel's styles (web/views/lesson-panel.js) and the outline of the part a lesson
// step points at; concatenated into the element's stylesheet by styles.js, so they use its
// theme properties (--panel, --fg, --focus...) and follow the light and dark themes.
export const LESSON_CSS = String.raw`
.lesson-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 1.5rem; }
.lesson-head h2 { margin: 0; }
.lesson-menu { flex: 1 1 auto; }
.lesson-menu[open] { flex-basis: 100%; }  /* the list under the heading, at full width */
.lesson-menu > summary { cursor: pointer; font-weight: 600; padding: .6rem 0; min-height: 44px; box-sizing: border-box; }
.lesson-intro { margin: 0 0 .5rem; }
.lesson-menu-list {
  list-style: none; margin: 0; padding: 0;
  display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
}
.lesson-menu-item {
  width: 100%; height: 100%; text-align: left; font-weight: 400; background: transparent;
  display: flex; flex-direction: column; gap: .1rem; padding: .5rem .75rem;
}
.lesson-menu-item[aria-current] { border-color: var(--primary); box-shadow: inset 0 0 0 1px var(--primary); }
.lesson-menu-concept { font-weight: 700; }
.lesson-menu-title { color: var(--muted); font-size: .9rem; }

/* An open lesson stays at the top of the view while the page scrolls to the parts it points at.
   At most about half the view: a longer step scrolls inside it, its buttons always in sight. */
.lesson-panel[data-open="true"] {
  position: sticky; top: 0; z-index: 2;
  max-height: 55vh; overflow-y: auto; overscroll-behavior: contain; padding-bottom: 0;
  box-shadow: 0 4px 16px rgb(0 0 0 / .18);
}
.lesson-panel[data-open="true"] .lesson-head h2 { font-size: 1rem; color: var(--muted); }
.lesson-kicker { margin: 0; color: var(--muted); font-size: .9rem; font-weight: 600; }
.lesson h3 { margin: .1rem 0 .4rem; font-size: 1.1rem; }
.lesson-progress { margin: 0 0 .25rem; font-size: .85rem; font-weight: 600; color: var(--muted); }
.lesson-text { margin: 0 0 .5rem; max-width: 75ch; }
.lesson-look {
  margin: 0 0 .5rem; padding: .4rem .75rem; max-width: 75ch;
  border-left: 4px solid var(--focus); background: var(--bg); border-radius: 0 6px 6px 0;
}
.lesson-look-text { margin: .1rem 0 0; }
/* Wide: what to do beside what to look for, so the panel stays short. */
@container playground (min-width: 900px) {
  .lesson-step { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 1.5rem; align-items: start; }
  .lesson-progress, .lesson-where { grid-column: 1 / -1; }
}
.lesson-where { margin: 0 0 .25rem; }
.lesson-where[data-hidden-part="true"] { color: var(--warn); }
.lesson-status { margin: .25rem 0 0; font-weight: 600; min-height: 1.5em; }
.lesson[data-state="done"] .lesson-status { color: var(--ok); }
.lesson[data-state="failed"] .lesson-status { color: var(--danger-border); }
.lesson-buttons {
  position: sticky; bottom: 0; margin: 0; padding: .5rem 0 1rem; background: var(--panel);
}
.lesson-buttons button[aria-disabled="true"] { cursor: not-allowed; opacity: .5; }
.lesson-close { margin-left: auto; }
/* A phone: the four buttons on one line, a little more room for the step. */
@container playground (max-width: 480px) {
  .lesson-panel[data-open="true"] { max-height: 60vh; }
  .lesson h3 { font-size: 1rem; }
  .lesson-buttons { gap: .35rem; }
  .lesson-buttons button { padding: .4rem .65rem; }
}

/* The part of the page a lesson step is about. */
.lesson-target { outline: 3px solid var(--focus); outline-offset: 4px; border-radius: var(--radius); }
`;
