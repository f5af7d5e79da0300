// mnist-train --predict-json: the model's output for every image of a set, as JSON, so another
// tool (tests/interop/check_onnx.py) can compare its own evaluation of the same model with the
// engine's. {"model": SPEC, "probabilities": [[p0, ..., p9], ...]}, one row per image in file
// order, each value with 9 significant digits (a float round-trips).
#pragma once
#include <string>

#include "core/data/dataset.h"
#include "core/train/trainer.h"
#include "core/util/result.h"

namespace mnist {

Result<std::string> predictions_json(Trainer& trainer, const Dataset& images);

}  // namespace mnist
