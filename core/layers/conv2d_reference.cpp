#include "core/layers/conv2d_reference.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace mnist {

Conv2DGeometry conv2d_reference_geometry(Shape in, const Conv2DOptions& o) {
  Conv2DGeometry g;
  if (o.same_padding) {
    g.out_h = (in.height + o.stride - 1) / o.stride;  // ceil(H / S)
    g.out_w = (in.width + o.stride - 1) / o.stride;
    g.pad_top = std::max(0, ((g.out_h - 1) * o.stride + o.kernel_h - in.height) / 2);
    g.pad_left = std::max(0, ((g.out_w - 1) * o.stride + o.kernel_w - in.width) / 2);
  } else {
    g.out_h = (in.height - o.kernel_h) / o.stride + 1;
    g.out_w = (in.width - o.kernel_w) / o.stride + 1;
  }
  return g;
}

namespace {

// Flat indices into the (C, H, W), (F, C, Kh, Kw) and (F, Ho, Wo) arrays.
std::size_t at3(int a, int b, int c, int nb, int nc) {
  return (std::size_t(a) * nb + b) * nc + c;
}
std::size_t at4(int a, int b, int c, int d, int nb, int nc, int nd) {
  return ((std::size_t(a) * nb + b) * nc + c) * nd + d;
}

}  // namespace

void conv2d_forward_reference(const float* x, Shape in, const float* w, const float* b,
                              const Conv2DOptions& o, float* y) {
  const Conv2DGeometry g = conv2d_reference_geometry(in, o);
  const int C = in.channels, H = in.height, W = in.width;
  const int F = o.filters, Kh = o.kernel_h, Kw = o.kernel_w;
  for (int f = 0; f < F; ++f)
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox) {
        double sum = b[f];
        for (int c = 0; c < C; ++c)
          for (int ky = 0; ky < Kh; ++ky)
            for (int kx = 0; kx < Kw; ++kx) {
              const int iy = oy * o.stride + ky - g.pad_top;
              const int ix = ox * o.stride + kx - g.pad_left;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;  // zero padding
              sum += double(w[at4(f, c, ky, kx, C, Kh, Kw)]) * x[at3(c, iy, ix, H, W)];
            }
        y[at3(f, oy, ox, g.out_h, g.out_w)] = float(sum);
      }
}

void conv2d_backward_reference(const float* x, Shape in, const float* w, const Conv2DOptions& o,
                               const float* dy, float* dw, float* db, float* dx) {
  const Conv2DGeometry g = conv2d_reference_geometry(in, o);
  const int C = in.channels, H = in.height, W = in.width;
  const int F = o.filters, Kh = o.kernel_h, Kw = o.kernel_w;
  std::vector<double> dw_sum(std::size_t(F) * C * Kh * Kw, 0.0);
  std::vector<double> dx_sum(std::size_t(in.size()), 0.0);
  for (int f = 0; f < F; ++f) {
    double db_sum = 0;
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox) {
        const double grad = dy[at3(f, oy, ox, g.out_h, g.out_w)];
        db_sum += grad;
        for (int c = 0; c < C; ++c)
          for (int ky = 0; ky < Kh; ++ky)
            for (int kx = 0; kx < Kw; ++kx) {
              const int iy = oy * o.stride + ky - g.pad_top;
              const int ix = ox * o.stride + kx - g.pad_left;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;  // padding has no gradient
              const std::size_t wi = at4(f, c, ky, kx, C, Kh, Kw);
              const std::size_t xi = at3(c, iy, ix, H, W);
              dw_sum[wi] += grad * x[xi];
              dx_sum[xi] += grad * w[wi];
            }
      }
    db[f] = float(db_sum);
  }
  for (std::size_t i = 0; i < dw_sum.size(); ++i) dw[i] = float(dw_sum[i]);
  if (dx)
    for (std::size_t i = 0; i < dx_sum.size(); ++i) dx[i] = float(dx_sum[i]);
}

}  // namespace mnist
