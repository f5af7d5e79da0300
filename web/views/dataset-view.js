// "Data": the dataset menu (the engine's built-in datasets, and one's own once uploaded), what the
// chosen one is, where it comes from and under which licence, and how its images are split, with
// the real counts; below, a drop zone and two pickers (a folder, or files and zips) for a dataset
// of one's own, and what the engine made of the upload. Menu and upload are locked while a
// dataset loads or a run goes on. Descriptions are the catalogue's data.about.<id>, else the
// engine's own English sentence (a dataset the catalogues do not know).
import { formatCount } from './canvas/format.js';
import { droppedFiles, pickedFiles } from './dropped-files.js';

const CUSTOM = 'custom';

/**
 * @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {{onChoose: (id: string) => void, onFiles: (list: Promise<{path: string, file: File}[]>) => void}} actions
 *   onFiles gets the dropped or picked files (a promise: a dropped folder is walked first)
 */
export function createDatasetView(root, i18n, { onChoose, onFiles }) {
  const $ = (id) => root.getElementById(id);
  const menu = $('dataset-choice');
  let datasets = [];     // the engine's DatasetInfo list
  let current = null;    // {id, name, classNames} of the loaded data
  let counts = null;     // its {train, validation, test}
  let busy = true;       // loading, or locked by a run

  const described = (d, t) => (i18n.has(`data.about.${d.id}`) ? t(`data.about.${d.id}`) : d.description);

  function renderMenu() {
    const options = datasets.map((d) => new Option(d.name, d.id));
    if (current?.id === CUSTOM) options.push(new Option(ownName(i18n.t), CUSTOM));
    menu.replaceChildren(...options);
    if (current) menu.value = current.id;
    renderBusy();
  }

  const ownName = (t) => t('data.ownOption', { name: current.name || t('data.ownDefaultName') });

  function renderBusy() {
    menu.disabled = busy || menu.options.length < 2;
    for (const id of ['upload-folder-button', 'upload-files-button']) $(id).disabled = busy;
    $('upload-zone').toggleAttribute('data-disabled', busy);
  }

  function renderAbout() {
    const { t } = i18n;
    const info = datasets.find((d) => d.id === current?.id);
    $('dataset-about').textContent = info ? described(info, t)
      : current ? t('data.ownAbout', { classes: current.classNames.join(t('list.comma')) }) : '';
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
    $('upload-notes').textContent = current?.upload ? uploadNotes(current.upload, t) : '';
  }

  /** What the engine made of an upload, in a sentence or a few. */
  function uploadNotes(upload, t) {
    const notes = [];
    if (upload.format === 'idx') notes.push(t(upload.checksums ? 'data.noteChecked' : 'data.noteUnchecked'));
    if (upload.format === 'images') notes.push(t(upload.testFromFolder ? 'data.noteTestFolder' : 'data.noteTestSplit'));
    if (upload.resized) notes.push(t('data.noteResized', { width: upload.sourceWidth, height: upload.sourceHeight }));
    if (upload.inverted) notes.push(t('data.noteInverted'));
    if (upload.skipped?.length) {
      const shown = upload.skipped.slice(0, 5).join(t('list.comma'));
      notes.push(t('data.noteSkipped', { count: upload.skipped.length, files: upload.skipped.length > 5 ? `${shown}…` : shown }));
    }
    return notes.join(' ');
  }

  // ---------------------------------------------------------------- the upload

  const zone = $('upload-zone');
  zone.addEventListener('dragover', (event) => {
    if (busy) return;
    event.preventDefault();  // allows the drop
    zone.toggleAttribute('data-over', true);
  });
  zone.addEventListener('dragleave', () => zone.removeAttribute('data-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.removeAttribute('data-over');
    if (!busy) onFiles(droppedFiles(event.dataTransfer));
  });
  for (const [button, input] of [['upload-folder-button', 'upload-folder-input'], ['upload-files-button', 'upload-files-input']]) {
    $(button).addEventListener('click', () => $(input).click());
    $(input).addEventListener('change', () => {
      if ($(input).files.length) onFiles(Promise.resolve(pickedFiles($(input))));
      $(input).value = '';  // the same folder may be chosen again
    });
  }

  menu.addEventListener('change', () => {
    if (menu.value !== current?.id) onChoose(menu.value);
  });
  i18n.onChange(() => {
    renderMenu();
    renderAbout();
  });

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
      renderMenu();
      renderAbout();
    },
    /** Loading, or a run going on: the menu and the upload are locked. */
    setBusy(value) {
      busy = value;
      renderBusy();
    },
    /** Back to the loaded dataset in the menu (a switch that failed). */
    showLoaded() {
      if (current) menu.value = current.id;
    },
  };
}
