// Types for the package's entry (dist/web/mnist-playground.js, built from web/index.js).
// Importing the entry defines <mnist-playground>; the declarations below also type
// document.querySelector('mnist-playground') and document.createElement('mnist-playground').

/** Engine presets (the CLI's --preset names). */
export type Preset = 'mlp' | 'cnn-small' | 'cnn-strong' | 'softmax' | 'deep' | 'classic';

/** Sections that `controls` can list, comma-separated. */
export type Section =
  | 'settings' | 'train' | 'chart' | 'files' | 'samples' | 'predictions' | 'mistakes' | 'weights' | 'draw';

/** 'full' | 'compact' | 'none', or a comma list of sections such as 'train,chart,draw'. */
export type Controls = 'full' | 'compact' | 'none' | Section | (string & {});

/** 'auto' follows prefers-color-scheme. */
export type Theme = 'light' | 'dark' | 'auto';

/** Which engine build runs: 'auto' is SIMD when the browser has WebAssembly SIMD. */
export type Build = 'auto' | 'simd' | 'scalar';

export type RunState = 'loading' | 'idle' | 'running' | 'paused' | 'stopped' | 'finished';

/** The attributes, in camelCase: what createPlayground() takes when it creates the element. */
export interface PlaygroundOptions {
  preset?: Preset;
  /** Base URL of the folder holding the four MNIST .gz files and SHA256SUMS.raw. */
  dataSrc?: string;
  /** Base URL of the folder holding engine-{simd,scalar}.{mjs,wasm}. */
  engineSrc?: string;
  controls?: Controls;
  autostart?: boolean;
  epochs?: number;
  theme?: Theme;
  /** IndexedDB key of the saved model; 'off' disables saving. Default: the element's id, else its preset. */
  persist?: string;
  build?: Build;
  /** The full page's settings as a query string, e.g. 'model=dense:64:relu,dense:10:softmax&lr=0.01&batch=64'. */
  settings?: string;
}

export interface ReadyDetail {
  /** The engine build that was loaded. */
  build: 'simd' | 'scalar';
  counts: { train: number; validation: number; test: number };
}

export interface ProgressDetail {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  samplesSeen: number;
  loss: number;
  accuracy: number;
}

export interface EpochDetail {
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  valAcc: number;
  valLoss: number;
  seconds: number;
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
}

export interface StateChangeDetail {
  state: RunState;
}

/** Event name -> detail of the bubbling CustomEvents the element dispatches. */
export interface MnistPlaygroundEventDetails {
  ready: ReadyDetail;
  progress: ProgressDetail;
  epoch: EpochDetail;
  trained: TrainedDetail;
  error: ErrorDetail;
  statechange: StateChangeDetail;
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
}

/** What the element and the object createPlayground() returns can both do. */
export interface PlaygroundMethods {
  /** Starts training; fromScratch re-initialises the weights first. */
  train(options?: { fromScratch?: boolean }): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** A fresh model with the current settings. */
  reset(): void;
  /**
   * The ten class probabilities for one 28x28 image, row-major: 784 floats in [0, 1]
   * or bytes 0..255 (white ink on black, as MNIST).
   */
  predict(pixels: Float32Array | Uint8Array | ArrayLike<number>): Promise<Float32Array>;
  /** The model file's bytes (the CLI's format: mnist-train --load reads it). */
  save(): Promise<Uint8Array>;
  load(bytes: Uint8Array | ArrayBuffer): Promise<void>;
  /** Listens to one of the element's events; returns the function that unsubscribes. */
  on<K extends keyof MnistPlaygroundEventDetails>(event: K, fn: (event: MnistPlaygroundEvent<K>) => void): () => void;
  /** Terminates the worker and frees the engine. */
  destroy(): void;
}

export interface Playground extends PlaygroundMethods {
  element: MnistPlaygroundElement;
  /** Resolves on the first 'ready' event; rejects on an error before it. */
  ready: Promise<void>;
}

/** <mnist-playground>: its attributes are reflected as these properties. */
export declare class MnistPlaygroundElement extends HTMLElement implements PlaygroundMethods {
  preset: Preset;
  dataSrc: string;
  engineSrc: string;
  controls: Controls;
  autostart: boolean;
  epochs: number;
  theme: Theme;
  persist: string;
  build: Build;
  settings: string;

  train(options?: { fromScratch?: boolean }): void;
  pause(): void;
  resume(): void;
  stop(): void;
  reset(): void;
  predict(pixels: Float32Array | Uint8Array | ArrayLike<number>): Promise<Float32Array>;
  save(): Promise<Uint8Array>;
  load(bytes: Uint8Array | ArrayBuffer): Promise<void>;
  on<K extends keyof MnistPlaygroundEventDetails>(event: K, fn: (event: MnistPlaygroundEvent<K>) => void): () => void;
  destroy(): void;

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
 * its attributes).
 */
export declare function createPlayground(target: MnistPlaygroundElement | Element, options?: PlaygroundOptions): Playground;

/** Registers the service worker that keeps the engines and data for offline use. */
export declare function registerOffline(swUrl?: string | URL): Promise<ServiceWorkerRegistration | undefined>;

declare global {
  interface HTMLElementTagNameMap {
    'mnist-playground': MnistPlaygroundElement;
  }
}
