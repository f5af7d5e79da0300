// Types for the package's entry (dist/web/mnist-playground.js, built from web/index.js).
// Importing the entry defines <mnist-playground>; the declarations below also type
// document.querySelector('mnist-playground') and document.createElement('mnist-playground').

/** Engine presets (the CLI's --preset names). */
export type Preset = 'mlp' | 'cnn-small' | 'cnn-strong' | 'softmax' | 'deep' | 'classic';

/** Sections that `controls` can list, comma-separated. */
export type Section =
  | 'data' | 'settings' | 'train' | 'chart' | 'files' | 'samples' | 'predictions' | 'mistakes' | 'weights' | 'draw' | 'bench'
  | 'lessons' | 'teach';

/** 'full' | 'compact' | 'none', or a comma list of sections such as 'train,chart,draw'. */
export type Controls = 'full' | 'compact' | 'none' | Section | (string & {});

/** 'auto' follows prefers-color-scheme. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * Which engine build runs: 'auto' is 'threads' on a cross-origin isolated page (served with
 * Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp) in a
 * browser with WebAssembly SIMD, else 'simd' when it has SIMD, else 'scalar'. 'threads' on a page
 * that is not isolated fails to load (an `error` event, code 'engine-missing').
 */
export type Build = 'auto' | 'threads' | 'simd' | 'scalar';

export type RunState = 'loading' | 'idle' | 'running' | 'paused' | 'stopped' | 'finished';

/** The interface's languages. The `lang` attribute also takes tags such as 'zh-CN' or 'en-GB'. */
export type Language = 'en' | 'zh';

/** The guided lessons (web/lessons/), in the order they teach. */
export type Lesson = 'neuron' | 'weight-matrix' | 'activations' | 'loss' | 'backpropagation' |
  'gradient-descent' | 'initialisation' | 'overfitting' | 'convolutions';

/** The attributes, in camelCase: what createPlayground() takes when it creates the element. */
export interface PlaygroundOptions {
  preset?: Preset;
  /** Base URL of the folder holding the four MNIST .gz files and SHA256SUMS.raw. */
  dataSrc?: string;
  /** Base URL of the folder holding engine-{simd,scalar,threads}.{mjs,wasm} and engine-threads.worker.js. */
  engineSrc?: string;
  controls?: Controls;
  autostart?: boolean;
  epochs?: number;
  theme?: Theme;
  /**
   * The interface's language: 'en', 'zh' (or a tag such as 'zh-CN'); without it, the first of
   * the browser's languages the playground speaks, else English. Changing it switches live.
   */
  lang?: Language | (string & {});
  /** IndexedDB key of the saved model; 'off' disables saving. Default: the element's id, else its preset. */
  persist?: string;
  build?: Build;
  /**
   * The threads the engine trains with, 1 up to its maximum (the browser's cores, at most 8; more
   * is clamped); without it, all of them. Only the 'threads' build has more than one; changing it
   * takes effect at once, during a run too.
   */
  threads?: number;
  /** The full page's settings as a query string, e.g. 'model=dense:64:relu,dense:10:softmax&lr=0.01&batch=64'. */
  settings?: string;
  /** Shows a link to the current settings: its base URL ('' for the host page's own). */
  shareLink?: string;
  /** A guided lesson to open; its panel is shown whatever `controls` says. */
  lesson?: Lesson;
}

export interface ReadyDetail {
  /** The engine build that was loaded. */
  build: 'threads' | 'simd' | 'scalar';
  /** The threads it uses, and the most it can (1 for 'simd' and 'scalar'). */
  threads: number;
  maxThreads: number;
  counts: { train: number; validation: number; test: number };
  /** True when a model saved under the `persist` key was restored. */
  restored: boolean;
}

export interface ProgressDetail {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  samplesSeen: number;
  /** Loss and accuracy of the batches trained since the last progress event. */
  loss: number;
  accuracy: number;
  learningRate: number;
  samplesPerSec: number;
  etaSeconds: number;
  firstBatchLoss: number;
}

export interface EpochDetail {
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  valAcc: number;
  valLoss: number;
  /** Engine time; wallSeconds includes the evaluation and the pauses between slices. */
  seconds: number;
  wallSeconds: number;
  samples: number;
  samplesPerSec: number;
}

export interface TrainedDetail {
  /** Test accuracy, 0..1. */
  accuracy: number;
  loss: number;
  /** Test images evaluated. */
  count: number;
  wrongCount: number;
}

export interface ErrorDetail {
  code: string;
  message: string;
  /** What to do about it, for a person. */
  hint: string;
  /** The playground cannot go on (no engine, no data, the worker died). */
  fatal?: boolean;
}

export interface StateChangeDetail {
  state: RunState;
}

export interface SettingsChangeDetail {
  /** Every setting as a query string, the form `settings` takes. */
  query: string;
}

/** The engine now uses `threads` threads (after the attribute or the threads menu changed). */
export interface ThreadsChangeDetail {
  threads: number;
  maxThreads: number;
}

export interface LessonChangeDetail {
  /** The lesson now open (from the lesson menu, the attribute or a lesson's Next), or null. */
  lesson: Lesson | null;
}

/** A built-in dataset: the engine's ids. */
export type Dataset = 'mnist' | 'fashion-mnist' | (string & {});

export interface DatasetChangeDetail {
  /** The data now loaded (the dataset menu, the dataset attribute or settings): its id and name. */
  dataset: Dataset;
  name: string;
  /** Label i is classNames[i] (the engine's English names). */
  classNames: string[];
  counts: { train: number; validation: number; test: number };
}

export interface LanguageChangeDetail {
  /** The language the interface now shows (its menu, the lang attribute or the browser's changed). */
  lang: Language;
}

/**
 * Event name -> detail of the CustomEvents the element dispatches (all bubble but `error` and
 * `languagechange`, which the window fires itself when the browser's languages change).
 */
export interface MnistPlaygroundEventDetails {
  ready: ReadyDetail;
  progress: ProgressDetail;
  epoch: EpochDetail;
  trained: TrainedDetail;
  error: ErrorDetail;
  statechange: StateChangeDetail;
  settingschange: SettingsChangeDetail;
  languagechange: LanguageChangeDetail;
  lessonchange: LessonChangeDetail;
  datasetchange: DatasetChangeDetail;
  threadschange: ThreadsChangeDetail;
}

export type MnistPlaygroundEvent<K extends keyof MnistPlaygroundEventDetails> =
  CustomEvent<MnistPlaygroundEventDetails[K]>;

/** The element's own events, replacing the DOM's 'progress' and 'error' of the same names. */
export interface MnistPlaygroundElementEventMap
  extends Omit<HTMLElementEventMap, keyof MnistPlaygroundEventDetails> {
  ready: MnistPlaygroundEvent<'ready'>;
  progress: MnistPlaygroundEvent<'progress'>;
  epoch: MnistPlaygroundEvent<'epoch'>;
  trained: MnistPlaygroundEvent<'trained'>;
  error: MnistPlaygroundEvent<'error'>;
  statechange: MnistPlaygroundEvent<'statechange'>;
  settingschange: MnistPlaygroundEvent<'settingschange'>;
  languagechange: MnistPlaygroundEvent<'languagechange'>;
  lessonchange: MnistPlaygroundEvent<'lessonchange'>;
  datasetchange: MnistPlaygroundEvent<'datasetchange'>;
  threadschange: MnistPlaygroundEvent<'threadschange'>;
}

/** Pixels for predict(): 784 values, 28x28 row-major, white ink on black as in MNIST. */
export type Pixels = Float32Array | Uint8Array | Uint8ClampedArray | ArrayLike<number>;

/** What the element and the object createPlayground() returns can both do. */
export interface PlaygroundMethods {
  /** Trains `epochs` epochs, on from the current weights or, with fromScratch, from fresh ones. */
  train(options?: { fromScratch?: boolean }): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** A fresh model from the same settings (same seed: the same initial weights). */
  reset(): void;
  /** The ten class probabilities; floats in [0, 1], or bytes 0..255 (a Uint8Array, or numbers above 1). */
  predict(pixels: Pixels): Promise<Float32Array>;
  /** The model file's bytes (the CLI's format: mnist-train --load reads it). */
  save(): Promise<Uint8Array>;
  /**
   * The model as ONNX (ir_version 7, opset 13; what mnist-train --export-onnx writes): input
   * "input" (N, 1, 28, 28) = pixel / 255, output "probabilities" (N, 10). Rejects with code
   * 'not-exportable' for a model ONNX cannot express (an image layer after a flat one).
   */
  exportOnnx(): Promise<Uint8Array>;
  /**
   * The model as Python code (what mnist-train --export-pytorch / --export-keras write): a PyTorch
   * (>= 1.13) nn.Module or a Keras (TensorFlow 2.x) model, with load_onnx_weights(model, path)
   * reading the weights from exportOnnx()'s file. Rejects as exportOnnx() does, and with
   * 'bad-request' for another framework.
   */
  exportCode(framework: 'pytorch' | 'keras'): Promise<string>;
  /** Replaces the model with a model file's (from save(), the page's Download, or mnist-train --save). */
  load(bytes: Uint8Array | ArrayBuffer): Promise<void>;
  /** Listens to one of the element's events; returns the function that stops listening. */
  on<K extends keyof MnistPlaygroundEventDetails>(event: K,
    listener: (detail: MnistPlaygroundEventDetails[K], event: MnistPlaygroundEvent<K>) => void): () => void;
  /** Ends the worker and frees the engine. Safe to call twice. */
  destroy(): Promise<void>;
}

export interface Playground extends PlaygroundMethods {
  readonly element: MnistPlaygroundElement;
  /** Resolves once the data is loaded and a model is ready; rejects if loading failed. */
  readonly ready: Promise<void>;
}

/**
 * <mnist-playground>. Each attribute is a property in camelCase that reads the attribute as it
 * is (null when absent; autostart as a boolean) and writes it (null or undefined removes it).
 */
export declare class MnistPlaygroundElement extends HTMLElement implements PlaygroundMethods {
  get preset(): string | null;
  set preset(value: Preset | null | undefined);
  get settings(): string | null;
  set settings(value: string | null | undefined);
  get epochs(): string | null;
  set epochs(value: number | string | null | undefined);
  /** A built-in dataset to train on; changing it loads that dataset and builds a new model. */
  get dataset(): string | null;
  set dataset(value: Dataset | null | undefined);
  get controls(): string | null;
  set controls(value: Controls | null | undefined);
  get autostart(): boolean;
  set autostart(value: boolean);
  get theme(): string | null;
  set theme(value: Theme | null | undefined);
  get persist(): string | null;
  set persist(value: string | null | undefined);
  get dataSrc(): string | null;
  set dataSrc(value: string | null | undefined);
  get engineSrc(): string | null;
  set engineSrc(value: string | null | undefined);
  get build(): string | null;
  set build(value: Build | null | undefined);
  get threads(): string | null;
  set threads(value: number | string | null | undefined);
  get shareLink(): string | null;
  set shareLink(value: string | null | undefined);
  /** The lesson asked for by the attribute; setting it opens that lesson (null: closes it). */
  get lesson(): string | null;
  set lesson(value: Lesson | null | undefined);

  /** Resolves once the data is loaded and a model is ready; rejects if loading failed. */
  readonly ready: Promise<void>;
  readonly runState: RunState;
  /**
   * The language the interface shows: the `lang` attribute's (HTMLElement's own `lang` property
   * reads and writes it), else the browser's.
   */
  readonly language: Language;

  train(options?: { fromScratch?: boolean }): void;
  pause(): void;
  resume(): void;
  stop(): void;
  reset(): void;
  predict(pixels: Pixels): Promise<Float32Array>;
  save(): Promise<Uint8Array>;
  exportOnnx(): Promise<Uint8Array>;
  exportCode(framework: 'pytorch' | 'keras'): Promise<string>;
  load(bytes: Uint8Array | ArrayBuffer): Promise<void>;
  on<K extends keyof MnistPlaygroundEventDetails>(event: K,
    listener: (detail: MnistPlaygroundEventDetails[K], event: MnistPlaygroundEvent<K>) => void): () => void;
  destroy(): Promise<void>;

  addEventListener<K extends keyof MnistPlaygroundElementEventMap>(type: K,
    listener: (this: MnistPlaygroundElement, event: MnistPlaygroundElementEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MnistPlaygroundElementEventMap>(type: K,
    listener: (this: MnistPlaygroundElement, event: MnistPlaygroundElementEventMap[K]) => any,
    options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions): void;
}

/**
 * Wraps an existing <mnist-playground>, or creates one inside a container (then `options` are
 * its attributes). destroy() also removes an element this call created.
 */
export declare function createPlayground(target: HTMLElement, options?: PlaygroundOptions): Playground;

/**
 * Registers the service worker (dist/sw.js by default) that keeps the app, the engines and the
 * data for offline use; resolves to true once it controls the page, false where it cannot.
 */
export declare function registerOffline(swUrl?: string, options?: { waitMs?: number }): Promise<boolean>;

declare global {
  interface HTMLElementTagNameMap {
    'mnist-playground': MnistPlaygroundElement;
  }
}
