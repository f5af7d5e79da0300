// Losses: how wrong the model's output p (B rows of K values) is for the true labels, averaged
// over the batch, and the gradient dL/dp that starts backpropagation. Targets are one-hot: t_k = 1
// for the true class, 0 elsewhere.
//
//   cross_entropy          L = -(1/B) Σ_b log p_b,label                 dL/dp = -t / (B p)
//     fused with softmax   L = -(1/B) Σ_b (z_label - logsumexp(z))     dL/dz = (p - t) / B
//     (computed from the logits z, so log never sees a probability that rounded to 0)
//   binary_cross_entropy   L = -(1/BK) Σ [t log p + (1-t) log(1-p)]    dL/dp = (p - t) / (BK p(1-p))
//     fused with sigmoid   L = (1/BK) Σ [max(z,0) - z t + log(1 + e^-|z|)]   dL/dz = (p - t) / BK
//   mse                    L = (1/BK) Σ (p - t)²                       dL/dp = 2 (p - t) / BK
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/named_choice.h"
#include "core/util/result.h"

namespace mnist {

enum class LossKind { kCrossEntropy, kBinaryCrossEntropy, kMse };

Result<LossKind> parse_loss(const std::string& name);
const char* loss_name(LossKind kind);
// The losses in menu order (aliases such as "bce" are accepted by parse_loss but not listed).
const std::vector<NamedChoice>& loss_choices();
// The output activation the loss is fused with: "sigmoid" for binary cross-entropy, else "softmax".
const char* output_activation_for(LossKind kind);

// Each returns the mean loss as accumulated, in double (training keeps it as a float; the
// gradient check's finite differences need the extra digits).
// Mean loss of outputs p (B, K) for labels, and dL/dp into grad (B, K) if grad is not null.
double loss_and_gradient(LossKind kind, const float* p, const std::uint8_t* labels, int B, int K,
                        float* grad);

// Softmax + cross-entropy, from logits z and their softmax p: mean loss, dL/dz into grad.
double softmax_cross_entropy(const float* z, const float* p, const std::uint8_t* labels, int B,
                            int K, float* grad);

// Sigmoid + binary cross-entropy, from logits z and p = sigmoid(z): mean loss, dL/dz into grad.
double sigmoid_binary_cross_entropy(const float* z, const float* p, const std::uint8_t* labels,
                                   int B, int K, float* grad);

}  // namespace mnist
