// The threads menu beside the engine badge: how many threads the engine trains with, from 1 to
// the engine's maxThreads (`ready`). A build with one thread leaves the menu disabled, and its
// description (read by screen readers, and the tooltip) says why: threads need the threaded
// engine, which runs only on cross-origin isolated pages. Choosing a count calls `choose`, which
// sets the element's `threads` attribute; the menu shows the engine's answer whoever asked.

/**
 * @param {ShadowRoot} root
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {(threads: number) => void} choose
 */
export function createThreadsChoice(root, i18n, choose) {
  const select = root.getElementById('threads-choice');
  const why = root.getElementById('threads-why');
  let reason = '';  // the catalogue key of why there is one thread, '' when there are more

  function renderReason() {
    why.textContent = reason ? i18n.t(reason) : '';
    select.title = why.textContent;
  }
  function setCounts(max) {
    select.replaceChildren(...Array.from({ length: max }, (_, i) => new Option(String(i + 1), String(i + 1))));
  }
  select.addEventListener('change', () => choose(Number(select.value)));
  i18n.onChange(renderReason);
  setCounts(1);
  select.disabled = true;

  return {
    /** @param {{build: string, threads: number, maxThreads: number}} engine  as `ready` gives them */
    engineReady({ build, threads, maxThreads }) {
      const max = Math.max(1, maxThreads || 1);
      setCounts(max);
      select.disabled = max === 1;
      reason = max > 1 ? '' : build === 'threads' ? 'threads.oneCore' : 'threads.notIsolated';
      renderReason();
      select.value = String(threads || 1);
    },
    /** The engine now uses `threads` threads. */
    show(threads) {
      select.value = String(threads);
    },
    /** A new engine is loading: nothing to choose until it is ready. */
    loading() {
      select.disabled = true;
    },
  };
}
