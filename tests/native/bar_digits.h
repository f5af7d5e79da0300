// Synthetic MNIST-shaped data for session tests that must learn something fast: IDX images and
// labels where digit d is a bright bar over rows 2d+4 and 2d+5 on faint noise. `count` images
// (a session keeps the last 5,000 of the training file for validation), drawn from `seed`.
#pragma once
#include <cstdint>
#include <vector>

#include "core/util/rng.h"

namespace mnist {

inline void push_be32(std::vector<std::uint8_t>& bytes, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) bytes.push_back(std::uint8_t(v >> s));
}

struct BarDigits {
  std::vector<std::uint8_t> images = {0, 0, 8, 3}, labels = {0, 0, 8, 1};
  BarDigits(int count, std::uint64_t seed) {
    Rng rng(seed);
    push_be32(images, count);
    push_be32(images, 28);
    push_be32(images, 28);
    push_be32(labels, count);
    for (int i = 0; i < count; ++i) {
      const int digit = int(rng.below(10));
      labels.push_back(std::uint8_t(digit));
      for (int row = 0; row < 28; ++row) {
        const bool bar = row == 2 * digit + 4 || row == 2 * digit + 5;
        for (int col = 0; col < 28; ++col)
          images.push_back(std::uint8_t(bar ? 200 + rng.below(56) : rng.below(60)));
      }
    }
  }
};

}  // namespace mnist
