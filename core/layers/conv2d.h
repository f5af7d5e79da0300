// Conv2D: F filters of size C×Kh×Kw slide over the image with stride S; each output pixel is
// a dot product of a filter with the patch under it, plus the filter's bias.
//   forward:   y[f, oy, ox] = b[f] + Σ_{c,ky,kx} W[f, c, ky, kx] · x[c, oy·S + ky - pad_top, ox·S + kx - pad_left]
//              computed per chunk of n images as one GEMM:
//                Y (F, n·Ho·Wo) = W (F, C·Kh·Kw) · col (C·Kh·Kw, n·Ho·Wo)
//              where col = im2col(x) lays every patch of the chunk's images out as a column (zeros
//              outside the image), image after image, then copied into y (batch, F, Ho, Wo) + bias.
//   backward:  dW = Σ_chunks dY · colᵀ (kernels::gemm_abt, col made again from x: forward does not
//              keep it)                                            db[f] = Σ_{images, oy, ox} dY[f, oy, ox]
//              dcol = Wᵀ · dY,  dx = col2im(dcol)  (each patch's gradient added back where it came from)
//              with dY (F, n·Ho·Wo), the chunk's output gradient gathered filter by filter.
// A chunk is as many images as make about kChunkColumns columns: a GEMM wide enough to run at
// speed, its columns still in cache when the GEMM reads them. Threads take whole chunks; each
// thread sums its chunks' dW and db, and the threads' sums are added in thread order, so a run
// repeats bit for bit for a given thread count.
// Padding "valid" uses only whole patches: Ho = (H - Kh) / S + 1. "same" pads with zeros so that
// Ho = ceil(H / S), splitting the padding like TensorFlow (the extra pixel goes after).
#pragma once
#include <cstdint>

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
    return scratch_.size() * sizeof(float);
  }
  // Images per chunk for a convolution with `pixels` outputs per filter, and the floats of one
  // thread's scratch (see scratch_): memory_budget counts them.
  static int chunk_images(std::uint64_t pixels);
  static std::uint64_t thread_scratch_floats(std::uint64_t filters, std::uint64_t patch,
                                             std::uint64_t pixels);

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
  int chunk_ = 1;         // images per chunk
  // Per thread, thread_scratch_floats() each: the chunk's output (or its gradient) by filter
  // (F, chunk·pixels), its im2col columns and then its dcol (patch, chunk·pixels), and the
  // thread's dW, db sums (F·patch + F).
  AlignedBuffer<float> scratch_;

  float* thread_scratch(int part);
  float* chunk_columns(const float* x, int first, int n, float* scratch) const;
  void forward_chunk(const float* x, float* y, int first, int n, float* scratch);
  void backward_chunk(const float* x, const float* dy, float* dx, int first, int n,
                      float* scratch, float* dw, float* db, bool accumulate);
};

// im2col for one image x (C, H, W) into col (C·Kh·Kw, Ho·Wo), whose rows lie col_stride floats
// apart (0: Ho·Wo, the image alone), and its adjoint col2im, which adds col back into dx (C, H, W)
// (dx must be zeroed first).
void im2col(const float* x, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* col, int col_stride = 0);
void col2im(const float* col, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* dx, int col_stride = 0);

}  // namespace mnist
