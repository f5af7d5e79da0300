// Dropout (inverted): during training each value is kept with probability 1 - r and scaled by
// 1 / (1 - r), or zeroed; at evaluation it passes unchanged. Zeroing random neurons stops them
// from relying on each other (co-adaptation); the scaling keeps the expected value the same in
// both modes, so nothing changes at test time.
//   training:  m_i = [u_i >= r] / (1 - r),  y = x ⊙ m,  dx = dy ⊙ m     (u_i ~ U[0,1), seeded)
#pragma once
#include "core/layers/layer.h"
#include "core/tensor/aligned_buffer.h"

namespace mnist {

class Dropout : public Layer {
 public:
  Dropout(Shape shape, float rate);
  std::string spec() const override;
  std::string kind() const override { return "Dropout"; }
  void prepare(int max_batch) override;
  std::size_t workspace_bytes() const override { return mask_.size() * sizeof(float); }
  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

 private:
  float rate_;
  bool last_training_ = false;
  AlignedBuffer<float> mask_;  // (batch, size) of the last training pass
};

}  // namespace mnist
