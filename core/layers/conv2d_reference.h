// The plain-loop twin of Conv2D (core/layers/conv2d.h): the convolution written straight from its
// definition for one image, with no im2col and no GEMM. It is the oracle the tests compare the fast
// layer with, and the version to read first.
//
//   forward:   y[f, oy, ox] = b[f] + Σ_{c, ky, kx} W[f, c, ky, kx] · x[c, oy·S + ky - pad_top, ox·S + kx - pad_left]
//              (x is 0 outside the image)
//   backward:  dW[f, c, ky, kx] = Σ_{oy, ox} dy[f, oy, ox] · x[c, oy·S + ky - pad_top, ox·S + kx - pad_left]
//              db[f]            = Σ_{oy, ox} dy[f, oy, ox]
//              dx[c, iy, ix]    = Σ over every (f, oy, ox, ky, kx) that read x[c, iy, ix] of W[f, c, ky, kx] · dy[f, oy, ox]
//
// Geometry, computed here independently of Conv2D (same rules):
//   valid:  Ho = (H - Kh) / S + 1, no padding
//   same:   Ho = ceil(H / S), pad_top = max(0, ((Ho - 1)·S + Kh - H) / 2)  (the extra pixel goes after)
// and likewise for the width. Sums are accumulated in double, so the reference is the more
// accurate side of any comparison.
#pragma once
#include "core/layers/conv2d.h"
#include "core/layers/layer.h"

namespace mnist {

struct Conv2DGeometry {
  int out_h = 0, out_w = 0;
  int pad_top = 0, pad_left = 0;
};

Conv2DGeometry conv2d_reference_geometry(Shape in, const Conv2DOptions& o);

// One image. x: (C, H, W), w: (F, C, Kh, Kw), b: (F) -> y: (F, Ho, Wo), every element written.
void conv2d_forward_reference(const float* x, Shape in, const float* w, const float* b,
                              const Conv2DOptions& o, float* y);

// One image. Given x: (C, H, W), w: (F, C, Kh, Kw) and dy: (F, Ho, Wo), overwrites
// dw: (F, C, Kh, Kw), db: (F) and dx: (C, H, W) (dx may be nullptr).
void conv2d_backward_reference(const float* x, Shape in, const float* w, const Conv2DOptions& o,
                               const float* dy, float* dw, float* db, float* dx);

}  // namespace mnist
