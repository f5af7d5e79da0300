// "Data": the dataset menu (the engine's built-in datasets), what the chosen one is, where it
// comes from and under which licence, and how its images are split, with the real counts. The
// menu is locked while a dataset loads or a run goes on. Descriptions are the catalogue's
// data.about.<id>, else the engine's own English sentence (a dataset the catalogues do not know).
import { formatCount } from './canvas/format.js';

/**
 * @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {{onChoose: (id: string) => void}} actions
 */
export function createDatasetView(root, i18n, { onChoose }) {
  const $ = (id) => root.getElementById(id);
  const menu = $('dataset-choice');
  let datasets = [];     // the engine's DatasetInfo list
  let current = null;    // {id, name, classNames} of the loaded data
  let counts = null;     // its {train, validation, test}
  let busy = true;       // loading, or locked by a run

  const described = (d, t) => (i18n.has(`data.about.${d.id}`) ? t(`data.about.${d.id}`) : d.description);

  function renderMenu() {
    const chosen = menu.value || current?.id;
    menu.replaceChildren(...datasets.map((d) => new Option(d.name, d.id)));
    if (chosen) menu.value = chosen;
    menu.disabled = busy || datasets.length < 2;
  }

  function renderAbout() {
    const { t } = i18n;
    const info = datasets.find((d) => d.id === current?.id);
    $('dataset-about').textContent = info ? described(info, t) : '';
    const source = $('dataset-source');
    source.replaceChildren();
    if (info) {
      const link = Object.assign(source.ownerDocument.createElement('a'), { href: info.source, textContent: info.source, rel: 'noopener' });
      source.append(t('data.source'), ' ', link, ` · ${t('data.licence', { licence: info.licence })}`);
    }
    $('dataset-split').textContent = counts ? t('data.split', {
      train: formatCount(counts.train, i18n.locale),
      validation: formatCount(counts.validation, i18n.locale),
      test: formatCount(counts.test, i18n.locale),
      classes: current.classNames.length,
    }) : '';
  }

  menu.addEventListener('change', () => {
    if (menu.value !== current?.id) onChoose(menu.value);
  });
  i18n.onChange(renderAbout);

  return {
    /** The engine's datasets (from `ready`). */
    setDatasets(list) {
      datasets = list;
      renderMenu();
    },
    /** The data now loaded: data-ready's dataset and counts. */
    setLoaded(dataset, imageCounts) {
      current = dataset;
      counts = imageCounts;
      menu.value = dataset.id;
      renderAbout();
    },
    /** Loading, or a run going on: the menu is locked. */
    setBusy(value) {
      busy = value;
      menu.disabled = busy || datasets.length < 2;
    },
    /** Back to the loaded dataset in the menu (a switch that failed). */
    showLoaded() {
      if (current) menu.value = current.id;
    },
  };
}
