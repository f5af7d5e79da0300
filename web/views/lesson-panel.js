// The lesson panel (#lesson-panel): a menu of the lessons and, when one is open, its title, the
// step ("Step 2 of 5"), what to do and why, what to look for, a line saying how the step is
// going, and Back / Do it / Next / Close. It only draws: web/app/lessons.js decides what it
// shows (every text already in the reader's language) and what the buttons do. The DOM is
// built once and updated in place, so a button keeps the keyboard focus across renders.

/**
 * @typedef {object} LessonPanelModel
 * @property {{heading: string, intro: string, menu: string, look: string, back: string, do: string,
 *   close: string, steps: string}} labels
 * @property {{id: string, label: string, title: string}[]} lessons   the menu, in order
 * @property {null | {
 *   id: string, kicker: string, title: string, progress: string, text: string, look: string,
 *   where: string, whereHidden: boolean, state: 'read'|'waiting'|'ready'|'running'|'done'|'failed',
 *   status: string, canBack: boolean, canDo: boolean, canNext: boolean, next: string, hasAction: boolean,
 * }} open   the open lesson's step, or null
 */

/**
 * @param {HTMLElement} panel  the #lesson-panel section
 * @param {{open: (id: string) => void, back: () => void, run: () => void, next: () => void, close: () => void}} on
 */
export function createLessonPanel(panel, on) {
  const make = (tag, props = {}, children = []) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };
  const heading = make('h2', { id: 'lesson-heading' });
  const intro = make('p', { className: 'hint lesson-intro' });
  const menuList = make('ol', { className: 'lesson-menu-list' });
  const menuSummary = make('summary');
  // Folded until asked for: the first screen belongs to Train and the draw pad.
  const menu = make('details', { className: 'lesson-menu' }, [menuSummary, menuList]);

  const kicker = make('p', { className: 'lesson-kicker' });
  const title = make('h3', { id: 'lesson-title', tabIndex: -1 });
  const progress = make('p', { className: 'lesson-progress' });
  const text = make('p', { className: 'lesson-text' });
  const lookLabel = make('strong');
  const look = make('p', { className: 'lesson-look-text' });
  const where = make('p', { className: 'hint lesson-where' });
  // Read out when the step changes: where it stands, what to do, what to look for.
  const step = make('div', { className: 'lesson-step' }, [
    progress, text, make('div', { className: 'lesson-look' }, [lookLabel, look]), where,
  ]);
  step.setAttribute('aria-live', 'polite');
  const status = make('p', { className: 'lesson-status' });
  status.setAttribute('role', 'status');
  const back = make('button', { type: 'button', className: 'secondary lesson-back' });
  const run = make('button', { type: 'button', className: 'lesson-do' });
  const next = make('button', { type: 'button', className: 'lesson-next' });
  const close = make('button', { type: 'button', className: 'secondary lesson-close' });
  const buttons = make('div', { className: 'buttons lesson-buttons' }, [back, run, next, close]);
  buttons.setAttribute('role', 'group');
  const lesson = make('article', { className: 'lesson', hidden: true }, [kicker, title, step, status, buttons]);
  lesson.setAttribute('aria-labelledby', 'lesson-title');

  panel.replaceChildren(make('div', { className: 'lesson-head' }, [heading, menu]), intro, lesson);
  menuList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-lesson]');
    if (button) on.open(button.dataset.lesson);
  });
  // Back, Do it and Next are disabled with aria-disabled, not `disabled`: a button that was just
  // pressed keeps the focus while its step runs (a disabled one would drop it to the page).
  const press = (button, action) => button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') !== 'true') action();
  });
  press(back, () => on.back());
  press(run, () => on.run());
  press(next, () => on.next());
  close.addEventListener('click', () => on.close());

  let openId = null;
  let menuIds = '';

  function renderMenu(lessons, current) {
    const ids = lessons.map((l) => l.id).join();
    if (ids !== menuIds) {
      menuIds = ids;
      menuList.replaceChildren(...lessons.map(({ id }) => {
        const button = make('button', { type: 'button', className: 'lesson-menu-item' });
        button.dataset.lesson = id;
        return make('li', {}, [button]);
      }));
    }
    menuList.querySelectorAll('button').forEach((button, i) => {
      const { id, label, title: name } = lessons[i];
      button.replaceChildren(make('span', { className: 'lesson-menu-concept', textContent: label }),
        make('span', { className: 'lesson-menu-title', textContent: name }));
      if (id === current) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    });
  }

  /** @param {LessonPanelModel} model */
  function render({ labels, lessons, open }) {
    heading.textContent = labels.heading;
    intro.textContent = labels.intro;
    menuSummary.textContent = labels.menu;
    back.textContent = labels.back;
    run.textContent = labels.do;
    close.textContent = labels.close;
    lookLabel.textContent = labels.look;
    buttons.setAttribute('aria-label', labels.steps);
    renderMenu(lessons, open?.id ?? null);
    // The menu folds away while a lesson is open, and opens again when it closes.
    if ((open?.id ?? null) !== openId) menu.open = !open;
    openId = open?.id ?? null;
    panel.dataset.open = String(Boolean(open));
    intro.hidden = Boolean(open);
    lesson.hidden = !open;
    if (!open) return;
    kicker.textContent = open.kicker;
    title.textContent = open.title;
    progress.textContent = open.progress;
    text.textContent = open.text;
    look.textContent = open.look;
    where.textContent = open.where;
    where.hidden = !open.where;
    where.dataset.hiddenPart = String(open.whereHidden);
    status.textContent = open.status;
    lesson.dataset.lesson = open.id;
    lesson.dataset.state = open.state;
    back.setAttribute('aria-disabled', String(!open.canBack));
    run.hidden = !open.hasAction;
    run.setAttribute('aria-disabled', String(!open.canDo));
    next.textContent = open.next;
    next.setAttribute('aria-disabled', String(!open.canNext));
    // The button to press next stands out: Do it until the step is done, then Next.
    const doFirst = open.hasAction && open.state !== 'done' && open.state !== 'failed';
    run.classList.toggle('primary', doFirst);
    next.classList.toggle('primary', !doFirst);
    next.classList.toggle('secondary', doFirst);
  }

  return {
    render,
    /** Puts the keyboard focus on the open lesson's title (after the reader opened it). */
    focusTitle: () => title.focus(),
    /** Puts the keyboard focus on the lesson menu (after the reader closed a lesson). */
    focusMenu: () => menuSummary.focus(),
    /** The panel's height in CSS px (a target scrolled into view goes below it). */
    height: () => panel.getBoundingClientRect().height,
  };
}
