// The guided lessons (web/lessons/): open one (from the lesson menu, a ?lesson= link, the
// element's lesson attribute or openLesson), and for each step set the controls it asks for,
// point at the part of the page it is about, run its one action on "Do it" and wait for the
// worker message that says it happened. The lessons are data; this file runs them, and
// web/views/lesson-panel.js draws them.
import { FromWorker, RunState } from '../engine/protocol.js';
import { LESSONS } from '../lessons/index.js';
import { ACTIONS, DONE } from '../lessons/actions.js';
import { createLessonPanel } from '../views/lesson-panel.js';

const DURING_RUN = new Set([RunState.RUNNING, RunState.PAUSED]);
const HIGHLIGHT = 'lesson-target';  // the class that outlines the part a step is about (lesson-styles.js)

/** @param {ShadowRoot} root  @param {object} extension (controller.js)  @param {{lesson?: string}} options */
export function mountLessons(root, extension, options = {}) {
  const { i18n } = extension;
  let lesson = null;        // the open lesson, or null
  let index = 0;            // its step
  let state = 'read';       // the step's: read (no action) | ready | running | done | failed
  let failure = '';         // the worker's message when the step's action failed
  let visit = 0;            // counts step entries: what a step left behind started is ignored
  let preparing = Promise.resolve();  // the step's settings, applied once no run is going on
  let stopWaiting = () => {};         // unsubscribes the running action's listeners
  let target = null;        // the highlighted element

  const view = createLessonPanel(root.getElementById('lesson-panel'), {
    open: (id) => open(id, { byReader: true }),
    back: () => enter(index - 1, true),
    run,
    next,
    close: () => open(null, { byReader: true }),
  });
  const unsubscribe = [i18n.onChange(render), extension.on(FromWorker.DATA_READY, render)];

  /** Opens a lesson (null closes the open one); `byReader`: the reader asked, so focus and scroll. */
  function open(id, { byReader = false } = {}) {
    const found = LESSONS.find((l) => l.id === id) ?? null;
    if (id && !found) console.warn(`mnist-playground: no lesson "${id}" (lessons: ${LESSONS.map((l) => l.id).join(', ')})`);
    leaveStep();
    if (found !== lesson) extension.emit('lessonchange', { lesson: found?.id ?? null });
    lesson = found;
    if (!lesson) {
      render();
      if (byReader) view.focusMenu();
      return;
    }
    enter(0, byReader);
    if (byReader) view.focusTitle();
  }

  function enter(i, byReader) {
    leaveStep();
    index = i;
    const step = lesson.steps[i];
    state = step.do ? 'ready' : 'read';
    failure = '';
    preparing = step.settings ? applyWhenIdle(step.settings, visit) : Promise.resolve();
    render();
    pointAt(step.target, byReader);
  }

  function leaveStep() {
    visit++;
    stopWaiting();
    stopWaiting = () => {};
    target?.classList.remove(HIGHLIGHT);
    target?.style.removeProperty('scroll-margin-top');
    target = null;
  }

  function next() {
    if (index < lesson.steps.length - 1) return enter(index + 1, true);
    open(nextLesson()?.id ?? null, { byReader: true });
  }

  const nextLesson = () => LESSONS[LESSONS.indexOf(lesson) + 1];

  /**
   * The step's settings, as if chosen in the form. The form is locked during a run, so a run
   * going on is stopped first.
   */
  async function applyWhenIdle(query, mine) {
    if (DURING_RUN.has(extension.runState)) await stopRun();
    if (mine === visit) extension.actions.applySettings(query);
  }

  function stopRun() {
    return new Promise((resolve) => {
      const off = extension.on(FromWorker.STATE, (m) => {
        if (!DURING_RUN.has(m.state)) {
          off();
          resolve();
        }
      });
      extension.actions.stop();
    });
  }

  /** "Do it": the step's action, then wait for the worker's message that it happened (or failed). */
  async function run() {
    const step = lesson?.steps[index];
    if (!step?.do || state === 'running' || !extension.dataReady) return;
    const mine = visit;
    const action = ACTIONS[step.do];
    const done = DONE[step.done ?? action.done];
    state = 'running';
    failure = '';
    render();
    await preparing;
    // A run going on would ignore a train (and keep a step from being one batch): stop it first.
    if (extension.runState === RunState.RUNNING || (step.do === 'train' && DURING_RUN.has(extension.runState))) await stopRun();
    if (mine !== visit) return;
    const offDone = extension.on(done.type, (m) => {
      if (!done.when || done.when(m)) finish('done');
    });
    const offError = extension.on(FromWorker.ERROR, (m) => {
      if (m.request === action.request || m.fatal) finish('failed', m.message);
    });
    stopWaiting = () => {
      offDone();
      offError();
    };
    action.run(extension);
  }

  function finish(outcome, message = '') {
    stopWaiting();
    stopWaiting = () => {};
    state = outcome;
    failure = message;
    render();
  }

  /**
   * Outlines the step's part of the page, unfolds it if it is folded (a <details>, or one that
   * holds it all: the settings, network health), and scrolls to it when the reader moved here.
   */
  function pointAt(id, scroll) {
    const el = id ? root.getElementById(id) : null;
    if (!el || inHiddenPart(el)) return;
    target = el;
    el.classList.add(HIGHLIGHT);
    for (const folded of [el, ...el.children]) {
      if (folded instanceof HTMLDetailsElement) folded.open = true;
    }
    if (!scroll) return;
    // Below the lesson panel, which stays at the top of the view while a lesson is open.
    el.style.scrollMarginTop = `${Math.ceil(view.height()) + 16}px`;
    const still = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  }

  // ------------------------------------------------------------ what the panel shows

  const say = (text) => text[i18n.lang] ?? text.en;

  function render() {
    const { t } = i18n;
    view.render({
      labels: {
        heading: t('lessons.heading'), intro: t('lessons.intro'), menu: t('lessons.menu'), look: t('lessons.look'),
        back: t('lessons.back'), do: t('lessons.do'), close: t('lessons.close'), steps: t('lessons.steps'),
      },
      lessons: LESSONS.map((l, i) => ({
        id: l.id, label: t('lessons.menuItem', { number: i + 1, concept: t(`lessons.concept.${l.concept}`) }), title: say(l.title),
      })),
      open: lesson && describeStep(t),
    });
  }

  function describeStep(t) {
    const step = lesson.steps[index];
    const number = LESSONS.indexOf(lesson) + 1;
    const last = index === lesson.steps.length - 1;
    const part = step.target ? root.getElementById(step.target) : null;
    const hidden = Boolean(part && inHiddenPart(part));
    const shown = state === 'ready' && !extension.dataReady ? 'waiting' : state;
    return {
      id: lesson.id,
      kicker: t('lessons.kicker', { number, count: LESSONS.length, concept: t(`lessons.concept.${lesson.concept}`) }),
      title: say(lesson.title),
      progress: t('lessons.progress', { step: index + 1, count: lesson.steps.length }),
      text: say(step.text),
      look: say(step.look),
      where: part ? t(hidden ? 'lessons.whereHidden' : 'lessons.where', { part: partName(part) }) : '',
      whereHidden: hidden,
      state: shown,
      status: shown === 'failed' ? t('lessons.status.failed', { message: failure })
        : shown === 'done' && hidden ? t('lessons.status.doneHidden')
          : t(`lessons.status.${shown}`),
      hasAction: Boolean(step.do),
      canBack: index > 0,
      canDo: shown === 'ready' || shown === 'done' || shown === 'failed',
      canNext: !step.do || shown === 'done' || shown === 'failed',
      next: !last ? t('lessons.next') : nextLesson() ? t('lessons.nextLesson') : t('lessons.finish'),
    };
  }

  /** The name the page shows for a part: its own heading, else its section's. */
  function partName(el) {
    const section = el.closest('[aria-labelledby]');
    const heading = el.querySelector('h2, h3, h4') ?? (section && root.getElementById(section.getAttribute('aria-labelledby')));
    return heading?.textContent.trim() || el.id;
  }

  render();
  if (options.lesson) open(options.lesson);

  return {
    /** For the host (openLesson): it keeps its own focus and scroll position. */
    open: (id) => open(id),
    destroy() {
      leaveStep();
      for (const off of unsubscribe) off();
    },
  };
}

/** Whether an element sits in a part of the page this playground does not show (its controls). */
function inHiddenPart(el) {
  for (let node = el; node; node = node.parentElement) {
    if (node.hidden && node.hasAttribute('data-part')) return true;
  }
  return false;
}
