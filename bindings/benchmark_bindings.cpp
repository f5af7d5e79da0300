// What the page's benchmark asks the engine (web/benchmark/): the floating-point operations one
// training example costs for a config (core/model/flop_count.h), so the page divides the engine's
// own count by its timing and never does FLOP arithmetic itself.
//   trainingFlops(config) -> {error, perExample, forward, loss, backward, update,
//                             layers: [{spec, forward, backward}]}
// error "" means the counts hold; perExample is at config.batchSize (the update's share
// included), the others are per example but update (per optimizer step). Counts cross as doubles
// (exact up to 2^53).
//   timePeak(minSeconds) -> {gflops, seconds}: the core's multiply-add ceiling on one thread at
//   this engine's SIMD width (core/kernels/peak.h), printed beside the GEMM figures.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/kernels/peak.h"
#include "core/model/flop_count.h"
#include "core/train/train_config.h"

using emscripten::val;
using namespace mnist;

namespace {

val js_training_flops(const TrainConfig& config) {
  val out = val::object();
  auto flops = count_training_flops(config);
  out.set("error", flops.ok() ? std::string() : flops.error());
  if (!flops.ok()) return out;
  out.set("perExample", flops->per_example(config.batch_size));
  out.set("forward", double(flops->forward));
  out.set("loss", double(flops->loss));
  out.set("backward", double(flops->backward));
  out.set("update", double(flops->update));
  val layers = val::array();
  for (const LayerFlops& layer : flops->layers) {
    val row = val::object();
    row.set("spec", layer.spec);
    row.set("forward", double(layer.forward));
    row.set("backward", double(layer.backward));
    layers.call<void>("push", row);
  }
  out.set("layers", layers);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(mnist_benchmark) {
  emscripten::function("trainingFlops", &js_training_flops);
  emscripten::value_object<kernels::PeakTiming>("PeakTiming")
      .field("gflops", &kernels::PeakTiming::gflops)
      .field("seconds", &kernels::PeakTiming::seconds);
  emscripten::function("timePeak", &kernels::time_peak);
}
