// The loss after the model's last layer, in the form training uses: fused with that layer when
// the pair has an exact, stable gradient (softmax + cross-entropy, sigmoid + binary
// cross-entropy: dL/d(the last layer's input) from the logits), else on the output
// (dL/d(output)). Shared by the trainer, the step explanation, the gradient check and the
// network-health probe, so all of them see the same loss.
#pragma once
#include <cstdint>

#include "core/layers/layer.h"
#include "core/train/loss.h"

namespace mnist {

struct OutputLoss {
  double loss = 0;     // mean over the batch
  bool fused = false;  // grad is dL/d(input of the last layer) rather than dL/d(its output)
};

// logits: the last layer's input (batch, classes), out: its output (batch, classes); grad (same
// shape) receives the gradient when not null.
OutputLoss output_loss(LossKind kind, const Layer& last, const float* logits, const float* out,
                       const std::uint8_t* labels, int batch, int classes, float* grad);

}  // namespace mnist
