#include "core/layers/conv2d.h"

#include <algorithm>
#include <cstring>

#include "core/kernels/gemm.h"
#include "core/kernels/gemm_abt.h"
#include "core/kernels/vector_ops.h"
#include "core/model/initializers.h"
#include "core/util/parallel.h"

namespace mnist {

using kernels::Trans;

Conv2D::Conv2D(Shape input, const Conv2DOptions& o) : options_(o) {
  input_ = input;
  int out_h, out_w;
  if (o.same_padding) {
    out_h = (input.height + o.stride - 1) / o.stride;
    out_w = (input.width + o.stride - 1) / o.stride;
    pad_top_ = std::max(0, ((out_h - 1) * o.stride + o.kernel_h - input.height) / 2);
    pad_left_ = std::max(0, ((out_w - 1) * o.stride + o.kernel_w - input.width) / 2);
  } else {
    out_h = (input.height - o.kernel_h) / o.stride + 1;
    out_w = (input.width - o.kernel_w) / o.stride + 1;
  }
  output_ = Shape{o.filters, out_h, out_w};
  patch_ = input.channels * o.kernel_h * o.kernel_w;
  pixels_ = out_h * out_w;
}

std::string Conv2D::spec() const {
  std::string s = "conv:" + std::to_string(options_.filters) + ":" +
                  std::to_string(options_.kernel_h) + "x" + std::to_string(options_.kernel_w);
  if (options_.stride != 1) s += ":s" + std::to_string(options_.stride);
  if (options_.same_padding) s += ":same";
  return s;
}

std::size_t Conv2D::parameter_count() const {
  return std::size_t(patch_) * options_.filters + options_.filters;
}

void Conv2D::bind_parameters(float* params, float* grads) {
  w_ = params;
  b_ = params + std::size_t(patch_) * options_.filters;
  dw_ = grads;
  db_ = grads + std::size_t(patch_) * options_.filters;
}

void Conv2D::initialize(Initializer init, Rng& rng) {
  // Each output sees C·Kh·Kw inputs; each input feeds F·Kh·Kw outputs.
  const int fan_in = patch_;
  const int fan_out = options_.filters * options_.kernel_h * options_.kernel_w;
  fill_weights(init, w_, std::size_t(patch_) * options_.filters, fan_in, fan_out, rng);
  for (int f = 0; f < options_.filters; ++f) b_[f] = 0.0f;
}

namespace {

// About this many output columns per GEMM (see conv2d.h): a few packed B blocks' worth, which
// keeps a chunk's im2col columns in L2 from the copy to the GEMM.
constexpr int kChunkColumns = 1024;

}  // namespace

int Conv2D::chunk_images(std::uint64_t pixels) {
  return int(std::max<std::uint64_t>(1, kChunkColumns / std::max<std::uint64_t>(1, pixels)));
}

// In 64 bits: memory_budget asks before anything is allocated, for any spec.
std::uint64_t Conv2D::thread_scratch_floats(std::uint64_t filters, std::uint64_t patch,
                                            std::uint64_t pixels) {
  const std::uint64_t cols = chunk_images(pixels) * pixels;
  auto aligned = [](std::uint64_t n) { return (n + 15) / 16 * 16; };
  return aligned(filters * cols) + aligned(patch * cols) + aligned(filters * patch) + aligned(filters);
}

void Conv2D::prepare(int) {  // sized once, by the thread count: no allocation afterwards
  chunk_ = chunk_images(pixels_);
  if (scratch_.empty())
    scratch_.resize(std::size_t(parallel::max_threads()) *
                    std::size_t(thread_scratch_floats(options_.filters, patch_, pixels_)));
}

// Part p's scratch: [by filter (F, chunk·pixels) | col, then dcol (patch, chunk·pixels) | dW | db].
float* Conv2D::thread_scratch(int part) {
  return scratch_.data() + std::size_t(part) * (scratch_.size() / parallel::max_threads());
}

// im2col of images [first, first + n) into the columns part of a thread's scratch, image after
// image. Forward and backward each make their own: a chunk's columns stay in cache from this copy
// to the GEMM that reads them, where keeping the whole batch's for backward (megabytes) sent them
// out to memory and back.
float* Conv2D::chunk_columns(const float* x, int first, int n, float* scratch) const {
  float* col = scratch + align_floats(std::size_t(options_.filters) * chunk_ * pixels_);
  const int cols = n * pixels_;
  for (int b = 0; b < n; ++b)
    im2col(x + std::size_t(first + b) * input_.size(), input_, options_.kernel_h,
           options_.kernel_w, options_.stride, pad_top_, pad_left_, output_.height,
           output_.width, col + std::size_t(b) * pixels_, cols);
  return col;
}

void Conv2D::forward(const float* x, float* y, int batch, const PassContext&) {
  const int chunks = (batch + chunk_ - 1) / chunk_;
  parallel::for_ranges(chunks, [&](int part, int first_chunk, int last_chunk) {
    for (int c = first_chunk; c < last_chunk; ++c) {
      const int first = c * chunk_;
      forward_chunk(x, y, first, std::min(chunk_, batch - first), thread_scratch(part));
    }
  });
}

// Images [first, first + n): im2col, one GEMM into by_filter (F, n·pixels), then out to y + bias.
void Conv2D::forward_chunk(const float* x, float* y, int first, int n, float* scratch) {
  const int F = options_.filters, cols = n * pixels_;
  float* by_filter = scratch;
  const float* col = chunk_columns(x, first, n, scratch);
  kernels::gemm(Trans::kNo, Trans::kNo, F, cols, patch_, w_, patch_, col, cols, by_filter, cols,
                false);
  for (int b = 0; b < n; ++b)
    for (int f = 0; f < F; ++f)
      kernels::add_scalar(pixels_, b_[f], by_filter + std::size_t(f) * cols + std::size_t(b) * pixels_,
                          y + (std::size_t(first + b) * F + f) * pixels_);
}

void Conv2D::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const int chunks = (batch + chunk_ - 1) / chunk_;
  const int parts = parallel::parts_for(chunks);
  const std::size_t weights = std::size_t(options_.filters) * patch_;
  const std::size_t sums_offset =
      align_floats(std::size_t(options_.filters) * chunk_ * pixels_) +
      align_floats(std::size_t(patch_) * chunk_ * pixels_);
  auto part_dw = [&](int part) { return part == 0 ? dw_ : thread_scratch(part) + sums_offset; };
  auto part_db = [&](int part) {
    return part == 0 ? db_ : thread_scratch(part) + sums_offset + align_floats(weights);
  };
  parallel::for_ranges(chunks, [&](int part, int first_chunk, int last_chunk) {
    for (int c = first_chunk; c < last_chunk; ++c) {
      const int first = c * chunk_;
      backward_chunk(x, dy, dx, first, std::min(chunk_, batch - first), thread_scratch(part),
                     part_dw(part), part_db(part), c > first_chunk);
    }
  });
  for (int part = 1; part < parts; ++part) {  // in part order: the same sums on every run
    kernels::axpy(int(weights), 1.0f, part_dw(part), dw_);
    kernels::axpy(options_.filters, 1.0f, part_db(part), db_);
  }
}

// Images [first, first + n): dW, db (+)= this chunk's share, dx = col2im(Wᵀ · dY). dcol takes
// the place of col once dW is done.
void Conv2D::backward_chunk(const float* x, const float* dy, float* dx, int first, int n,
                            float* scratch, float* dw, float* db, bool accumulate) {
  const int F = options_.filters, cols = n * pixels_;
  float* by_filter = scratch;  // dY (F, cols)
  for (int b = 0; b < n; ++b)
    for (int f = 0; f < F; ++f)
      std::memcpy(by_filter + std::size_t(f) * cols + std::size_t(b) * pixels_,
                  dy + (std::size_t(first + b) * F + f) * pixels_, sizeof(float) * pixels_);
  float* col = chunk_columns(x, first, n, scratch);
  kernels::gemm_abt(F, patch_, cols, by_filter, cols, col, cols, dw, patch_, accumulate);
  for (int f = 0; f < F; ++f)
    db[f] = (accumulate ? db[f] : 0.0f) + kernels::sum(cols, by_filter + std::size_t(f) * cols);
  if (!dx) return;
  float* d_col = col;
  kernels::gemm(Trans::kTrans, Trans::kNo, patch_, cols, F, w_, patch_, by_filter, cols, d_col,
                cols, false);
  for (int b = 0; b < n; ++b) {
    float* dxb = dx + std::size_t(first + b) * input_.size();
    std::memset(dxb, 0, sizeof(float) * input_.size());
    col2im(d_col + std::size_t(b) * pixels_, input_, options_.kernel_h, options_.kernel_w,
           options_.stride, pad_top_, pad_left_, output_.height, output_.width, dxb, cols);
  }
}

namespace {

// The output columns [first, last) whose input column ox·stride + kx - pad_left lies inside
// [0, width): outside it the patch reads zero padding.
void valid_columns(int kx, int stride, int pad_left, int width, int out_w, int& first, int& last) {
  first = 0;
  while (first < out_w && first * stride + kx - pad_left < 0) ++first;
  last = out_w;
  while (last > first && (last - 1) * stride + kx - pad_left >= width) --last;
}

// True when every patch lies inside the image with stride 1 (no padding): then each row of col
// is out_h runs of out_w consecutive inputs, copied by the tight loops of *_inside below (the
// general loops spend more on bookkeeping than on copying rows this short).
bool inside_stride_one(Shape in, int kh, int kw, int stride, int pad_top, int pad_left, int out_h,
                       int out_w) {
  return stride == 1 && pad_top == 0 && pad_left == 0 && out_h + kh - 1 <= in.height &&
         out_w + kw - 1 <= in.width;
}

// Compilers turn a loop copying floats into a call to memcpy or memmove, slower than copying rows
// this short (8 to 24 floats) in place: in WebAssembly the call is the C library's loop, which
// took a fifth of a CNN run. This keeps a loop a loop.
#if defined(__clang__)
#define MNIST_KEEP_COPY_LOOPS __attribute__((no_builtin("memcpy", "memmove")))
#elif defined(__GNUC__)
#define MNIST_KEEP_COPY_LOOPS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define MNIST_KEEP_COPY_LOOPS
#endif
// The patch row (c, ky, kx) of col starts at `row`; the image's input under its first output at
// `src`. add: col2im (src += row) instead of im2col (row = src). Rows go in blocks of 4 floats:
// they are 8 to 24 floats long here, and the compilers' vector loops (16 floats a step in
// WebAssembly) left them mostly to their float-by-float tails, which cost more than the copying.
// A copied row's last block overlaps the one before when the width is not a multiple of 4.
template <bool add>
MNIST_KEEP_COPY_LOOPS void patch_rows_inside(float* __restrict row, float* __restrict src,
                                             int out_h, int out_w, int width) {
  constexpr std::size_t kBlock = 4 * sizeof(float);
  for (int oy = 0; oy < out_h; ++oy, row += out_w, src += width) {
    int ox = 0;
    if constexpr (add) {
      for (; ox + 4 <= out_w; ox += 4) {
        float sum[4], part[4];
        __builtin_memcpy(sum, src + ox, kBlock);
        __builtin_memcpy(part, row + ox, kBlock);
        for (int i = 0; i < 4; ++i) sum[i] += part[i];
        __builtin_memcpy(src + ox, sum, kBlock);
      }
    } else if (out_w >= 4) {
      for (; ox + 4 < out_w; ox += 4) __builtin_memcpy(row + ox, src + ox, kBlock);
      __builtin_memcpy(row + out_w - 4, src + out_w - 4, kBlock);
      continue;
    }
    for (; ox < out_w; ++ox) {
      if constexpr (add) src[ox] += row[ox];
      else row[ox] = src[ox];
    }
  }
}

template <bool add>
void every_patch_row_inside(float* x, Shape in, int kh, int kw, int out_h, int out_w, float* col,
                            int col_stride) {
  for (int c = 0; c < in.channels; ++c)
    for (int ky = 0; ky < kh; ++ky)
      for (int kx = 0; kx < kw; ++kx)
        patch_rows_inside<add>(col + (std::size_t(c * kh + ky) * kw + kx) * col_stride,
                               x + (std::size_t(c) * in.height + ky) * in.width + kx, out_h, out_w,
                               in.width);
}

}  // namespace

void im2col(const float* x, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* col, int col_stride) {
  if (col_stride == 0) col_stride = out_h * out_w;
  if (inside_stride_one(in, kh, kw, stride, pad_top, pad_left, out_h, out_w)) {
    every_patch_row_inside<false>(const_cast<float*>(x), in, kh, kw, out_h, out_w, col, col_stride);
    return;
  }
  for (int c = 0; c < in.channels; ++c)
    for (int ky = 0; ky < kh; ++ky)
      for (int kx = 0; kx < kw; ++kx) {
        float* row = col + (std::size_t(c * kh + ky) * kw + kx) * col_stride;
        int first, last;
        valid_columns(kx, stride, pad_left, in.width, out_w, first, last);
        for (int oy = 0; oy < out_h; ++oy) {
          const int iy = oy * stride + ky - pad_top;
          float* out = row + std::size_t(oy) * out_w;
          if (iy < 0 || iy >= in.height) {
            std::fill(out, out + out_w, 0.0f);
            continue;
          }
          const float* src = x + (std::size_t(c) * in.height + iy) * in.width;
          const int shift = kx - pad_left;  // input column = ox·stride + shift
          std::fill(out, out + first, 0.0f);
          if (stride == 1) {  // its own loop, which the compiler vectorises (rows are short)
            for (int ox = first; ox < last; ++ox) out[ox] = src[ox + shift];
          } else {
            for (int ox = first; ox < last; ++ox) out[ox] = src[ox * stride + shift];
          }
          std::fill(out + last, out + out_w, 0.0f);
        }
      }
}

void col2im(const float* col, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* dx, int col_stride) {
  if (col_stride == 0) col_stride = out_h * out_w;
  if (inside_stride_one(in, kh, kw, stride, pad_top, pad_left, out_h, out_w)) {
    every_patch_row_inside<true>(dx, in, kh, kw, out_h, out_w, const_cast<float*>(col), col_stride);
    return;
  }
  for (int c = 0; c < in.channels; ++c)
    for (int ky = 0; ky < kh; ++ky)
      for (int kx = 0; kx < kw; ++kx) {
        const float* row = col + (std::size_t(c * kh + ky) * kw + kx) * col_stride;
        int first, last;
        valid_columns(kx, stride, pad_left, in.width, out_w, first, last);
        for (int oy = 0; oy < out_h; ++oy) {
          const int iy = oy * stride + ky - pad_top;
          if (iy < 0 || iy >= in.height) continue;
          float* dst = dx + (std::size_t(c) * in.height + iy) * in.width;
          const int shift = kx - pad_left;
          const float* src = row + std::size_t(oy) * out_w;
          if (stride == 1) {  // as in im2col
            for (int ox = first; ox < last; ++ox) dst[ox + shift] += src[ox];
          } else {
            for (int ox = first; ox < last; ++ox) dst[ox * stride + shift] += src[ox];
          }
        }
      }
}

}  // namespace mnist
