// Conv2D: F filters of size C×Kh×Kw slide over the image with stride S; each output pixel is
// a dot product of a filter with the patch under it, plus the filter's bias.
//   forward:   y[f, oy, ox] = b[f] + Σ_{c,ky,kx} W[f, c, ky, kx] · x[c, oy·S + ky - pad_top, ox·S + kx - pad_left]
//              computed per image as one GEMM:  Y (F, Ho·Wo) = W (F, C·Kh·Kw) · col (C·Kh·Kw, Ho·Wo)
//              where col = im2col(x) lays every patch out as a column (zeros outside the image).
//   backward:  dW = Σ_images dY · colᵀ        db[f] = Σ_{images, oy, ox} dY[f, oy, ox]
//              dcol = Wᵀ · dY,  dx = col2im(dcol)  (each patch's gradient added back where it came from)
// Padding "valid" uses only whole patches: Ho = (H - Kh) / S + 1. "same" pads with zeros so that
// Ho = ceil(H / S), splitting the padding like TensorFlow (the extra pixel goes after).
#pragma once
#include "core/layers/layer.h"
#include "core/tensor/aligned_buffer.h"

namespace mnist {

struct Conv2DOptions {
  int filters = 8;
  int kernel_h = 5, kernel_w = 5;
  int stride = 1;
  bool same_padding = false;
};

class Conv2D : public Layer {
 public:
  Conv2D(Shape input, const Conv2DOptions& options);

  std::string spec() const override;
  std::string kind() const override { return "Conv2D"; }
  std::size_t parameter_count() const override;
  void bind_parameters(float* params, float* grads) override;
  void initialize(Initializer init, Rng& rng) override;
  std::size_t decayed_count() const override { return std::size_t(patch_) * options_.filters; }
  void prepare(int max_batch) override;
  std::size_t workspace_bytes() const override {
    return (columns_.size() + d_columns_.size()) * sizeof(float);
  }

  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

  const Conv2DOptions& options() const { return options_; }
  int pad_top() const { return pad_top_; }    // zero rows above the image ("same" padding)
  int pad_left() const { return pad_left_; }  // zero columns left of it
  const float* weights() const { return w_; }  // (F, C, Kh, Kw)
  const float* bias() const { return b_; }     // (F)

 private:
  Conv2DOptions options_;
  int pad_top_ = 0, pad_left_ = 0;
  int patch_ = 0;    // C·Kh·Kw
  int pixels_ = 0;   // Ho·Wo
  float* w_ = nullptr;
  float* b_ = nullptr;
  float* dw_ = nullptr;
  float* db_ = nullptr;
  AlignedBuffer<float> columns_;   // (batch, patch, pixels): im2col of the last forward pass
  AlignedBuffer<float> d_columns_; // (patch, pixels)
};

// im2col for one image x (C, H, W) into col (C·Kh·Kw, Ho·Wo), and its adjoint col2im, which adds
// col back into dx (C, H, W) (dx must be zeroed first). Plain loops: the copy is cheap next to
// the GEMM that follows.
void im2col(const float* x, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* col);
void col2im(const float* col, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* dx);

}  // namespace mnist
