#include "core/train/output_loss.h"

namespace mnist {

OutputLoss output_loss(LossKind kind, const Layer& last, const float* logits, const float* out,
                       const std::uint8_t* labels, int batch, int classes, float* grad) {
  if (kind == LossKind::kCrossEntropy && last.kind() == "Softmax")
    return {softmax_cross_entropy(logits, out, labels, batch, classes, grad), true};
  if (kind == LossKind::kBinaryCrossEntropy && last.kind() == "Sigmoid")
    return {sigmoid_binary_cross_entropy(logits, out, labels, batch, classes, grad), true};
  return {loss_and_gradient(kind, out, labels, batch, classes, grad), false};
}

}  // namespace mnist
