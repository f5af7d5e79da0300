// What the benchmark trains: two of the engine's presets (core/model/presets.cpp), whose model,
// batch size and optimizer the engine gives, so the benchmark times exactly what Train trains:
//   mlp        dense:256:relu,dense:10:softmax, batch 32, Adam (the seed)
//   cnn-small  conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax, batch 64, Adam
// and how long: a fixed number of batches after a few untimed ones.

export const BENCHMARK_PRESETS = Object.freeze(['mlp', 'cnn-small']);

/** Batches trained before the clock starts: the first touches fresh memory and cold code. */
export const WARMUP_BATCHES = 2;

/**
 * Timed batches per model: the default, and the range the view accepts. Warm-up and timed
 * batches stay inside the first epoch (MNIST's 55,000 images make 859 whole batches of 64), so
 * every batch is whole and images = batches × batch size.
 */
export const BATCHES = Object.freeze({ initial: 100, min: 1, max: 500 });
