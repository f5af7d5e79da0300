#include "core/train/loss.h"

#include <algorithm>
#include <cmath>

namespace mnist {
namespace {

// Keeps log() away from 0 for probabilities that are not computed from logits.
constexpr float kProbabilityFloor = 1e-7f;

float clamp_probability(float p) {
  return std::min(std::max(p, kProbabilityFloor), 1.0f - kProbabilityFloor);
}

}  // namespace

Result<LossKind> parse_loss(const std::string& name) {
  if (name == "cross_entropy" || name == "categorical_cross_entropy") return LossKind::kCrossEntropy;
  if (name == "binary_cross_entropy" || name == "bce") return LossKind::kBinaryCrossEntropy;
  if (name == "mse") return LossKind::kMse;
  return Error{"unknown loss '" + name + "' (expected " + join_choice_names(loss_choices()) + ")"};
}

const std::vector<NamedChoice>& loss_choices() {
  static const std::vector<NamedChoice> choices = {
      {"cross_entropy", "Cross-entropy (softmax)"},
      {"binary_cross_entropy", "Binary cross-entropy (sigmoid)"},
      {"mse", "Mean squared error (softmax)"},
  };
  return choices;
}

const char* output_activation_for(LossKind kind) {
  return kind == LossKind::kBinaryCrossEntropy ? "sigmoid" : "softmax";
}

const char* loss_name(LossKind kind) {
  switch (kind) {
    case LossKind::kCrossEntropy: return "cross_entropy";
    case LossKind::kBinaryCrossEntropy: return "binary_cross_entropy";
    case LossKind::kMse: return "mse";
  }
  return "?";
}

double loss_and_gradient(LossKind kind, const float* p, const std::uint8_t* labels, int B, int K,
                        float* grad) {
  double total = 0;
  const float inv_b = 1.0f / float(B), inv_bk = 1.0f / float(B * K);
  for (int b = 0; b < B; ++b) {
    const float* row = p + std::size_t(b) * K;
    float* g = grad ? grad + std::size_t(b) * K : nullptr;
    for (int k = 0; k < K; ++k) {
      const float t = k == labels[b] ? 1.0f : 0.0f;
      switch (kind) {
        case LossKind::kCrossEntropy: {
          const float pk = std::max(row[k], kProbabilityFloor);
          if (t > 0) total -= std::log(pk);
          if (g) g[k] = -t * inv_b / pk;
          break;
        }
        case LossKind::kBinaryCrossEntropy: {
          const float pk = clamp_probability(row[k]);
          total -= t * std::log(pk) + (1 - t) * std::log(1 - pk);
          if (g) g[k] = (pk - t) * inv_bk / (pk * (1 - pk));
          break;
        }
        case LossKind::kMse: {
          const float d = row[k] - t;
          total += double(d) * d;
          if (g) g[k] = 2 * d * inv_bk;
          break;
        }
      }
    }
  }
  return kind == LossKind::kCrossEntropy ? total / B : total / (double(B) * K);
}

double softmax_cross_entropy(const float* z, const float* p, const std::uint8_t* labels, int B,
                            int K, float* grad) {
  double total = 0;
  const float inv_b = 1.0f / float(B);
  for (int b = 0; b < B; ++b) {
    const float* zr = z + std::size_t(b) * K;
    const float m = *std::max_element(zr, zr + K);
    double sum = 0;
    for (int k = 0; k < K; ++k) sum += std::exp(double(zr[k] - m));
    total += std::log(sum) - double(zr[labels[b]] - m);
    if (grad) {
      const float* pr = p + std::size_t(b) * K;
      float* g = grad + std::size_t(b) * K;
      for (int k = 0; k < K; ++k) g[k] = (pr[k] - (k == labels[b] ? 1.0f : 0.0f)) * inv_b;
    }
  }
  return total / B;
}

double sigmoid_binary_cross_entropy(const float* z, const float* p, const std::uint8_t* labels,
                                   int B, int K, float* grad) {
  double total = 0;
  const float inv_bk = 1.0f / float(B * K);
  for (int b = 0; b < B; ++b) {
    for (int k = 0; k < K; ++k) {
      const std::size_t i = std::size_t(b) * K + k;
      const float t = k == labels[b] ? 1.0f : 0.0f;
      const double zi = z[i];
      total += std::max(zi, 0.0) - zi * t + std::log1p(std::exp(-std::fabs(zi)));
      if (grad) grad[i] = (p[i] - t) * inv_bk;
    }
  }
  return total / (double(B) * K);
}

}  // namespace mnist
