// MNIST-style preprocessing of a drawing (see digit_preprocess.h): bounding box, area-averaging
// resample of the box to at most 20x20, then a whole-pixel shift that centres the mass at (14, 14).
#include "core/data/digit_preprocess.h"

#include <algorithm>
#include <cmath>

namespace mnist {
namespace {

struct Box {
  int x0, y0, width, height;  // in source pixels
};

// The smallest rectangle holding every ink pixel; width 0 when there is none.
Box ink_bounding_box(const std::uint8_t* gray, int width, int height) {
  int x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = gray + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) {
      if (row[x] > kInkThreshold) {
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
      }
    }
  }
  if (x1 < 0) return {0, 0, 0, 0};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

// One source sample's share in an output sample.
struct Tap {
  int source;
  float weight;
};

// Area-averaging along one axis: output sample i covers the source interval
// [i * step, (i + 1) * step) with step = source_len / output_len; each source sample it overlaps
// contributes in proportion to the overlap, so the weights of an output sample sum to 1 and the
// total ink is preserved (whether shrinking or, for a tiny drawing, enlarging).
std::vector<std::vector<Tap>> area_taps(int source_len, int output_len) {
  const double step = static_cast<double>(source_len) / output_len;
  std::vector<std::vector<Tap>> taps(output_len);
  for (int i = 0; i < output_len; ++i) {
    const double begin = i * step, end = (i + 1) * step;
    const int last = std::min(source_len, static_cast<int>(std::ceil(end)));
    for (int k = static_cast<int>(std::floor(begin)); k < last; ++k) {
      const double overlap = std::min<double>(k + 1, end) - std::max<double>(k, begin);
      if (overlap > 0) taps[i].push_back({k, static_cast<float>(overlap / step)});
    }
  }
  return taps;
}

// The whole-pixel shift that brings a centre of mass `com` nearest to the field's centre. A
// symmetric shape's centre falls on a .5 tie, and float sums land a hair either side of it
// depending on where the shape was drawn; snapping to 1/1024 px first makes the same shape always
// shift the same way.
int centre_shift(double com) {
  const double shift = kDigitSide / 2 - com;
  return static_cast<int>(std::lround(std::round(shift * 1024) / 1024));
}

}  // namespace

bool is_blank(const std::uint8_t* gray, int width, int height) {
  if (gray == nullptr || width <= 0 || height <= 0) return true;
  return ink_bounding_box(gray, width, height).width == 0;
}

std::vector<float> preprocess_drawing(const std::uint8_t* gray, int width, int height) {
  std::vector<float> out(kDigitSide * kDigitSide, 0.0f);  // out: (28, 28)
  if (is_blank(gray, width, height)) return out;
  const Box box = ink_bounding_box(gray, width, height);

  // The longer side becomes exactly kDigitBox; the shorter keeps the aspect ratio (at least 1 px,
  // so a straight stroke such as a "1" or a "-" stays visible).
  const double scale = double(kDigitBox) / std::max(box.width, box.height);
  const int fit_w = std::max(1, static_cast<int>(std::lround(box.width * scale)));
  const int fit_h = std::max(1, static_cast<int>(std::lround(box.height * scale)));

  // Separable area-averaging: along rows first, then along columns.
  const auto col_taps = area_taps(box.width, fit_w);
  std::vector<float> rows(std::size_t(box.height) * fit_w);  // rows: (box.height, fit_w)
  for (int y = 0; y < box.height; ++y) {
    const std::uint8_t* src = gray + std::size_t(box.y0 + y) * width + box.x0;
    float* dst = &rows[std::size_t(y) * fit_w];
    for (int i = 0; i < fit_w; ++i) {
      float sum = 0;
      for (const Tap& t : col_taps[i]) sum += t.weight * src[t.source];
      dst[i] = sum / 255.0f;
    }
  }
  const auto row_taps = area_taps(box.height, fit_h);
  std::vector<float> fitted(std::size_t(fit_h) * fit_w);  // fitted: (fit_h, fit_w)
  for (int j = 0; j < fit_h; ++j) {
    for (int i = 0; i < fit_w; ++i) {
      float sum = 0;
      for (const Tap& t : row_taps[j]) sum += t.weight * rows[std::size_t(t.source) * fit_w + i];
      fitted[std::size_t(j) * fit_w + i] = std::min(1.0f, sum);  // float rounding may pass 1
    }
  }

  // Centre of mass of the fitted digit, in its own pixel-index coordinates.
  double mass = 0, mx = 0, my = 0;
  for (int j = 0; j < fit_h; ++j) {
    for (int i = 0; i < fit_w; ++i) {
      const double v = fitted[std::size_t(j) * fit_w + i];
      mass += v;
      mx += v * i;
      my += v * j;
    }
  }
  if (mass <= 0) return out;
  const int shift_x = centre_shift(mx / mass), shift_y = centre_shift(my / mass);

  for (int j = 0; j < fit_h; ++j) {
    const int y = j + shift_y;
    if (y < 0 || y >= kDigitSide) continue;
    for (int i = 0; i < fit_w; ++i) {
      const int x = i + shift_x;
      if (x >= 0 && x < kDigitSide) out[y * kDigitSide + x] = fitted[std::size_t(j) * fit_w + i];
    }
  }
  return out;
}

}  // namespace mnist
