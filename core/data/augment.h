// Data augmentation: each training image is given a small random rotation and shift before the
// network sees it. A digit moved by 2 px or tilted by a few degrees is still the same digit, but to
// a dense layer it is a different input vector; showing the network such variants teaches it that
// position and slant do not matter, so it generalises better to digits it has not seen (the
// classic MNIST trick: the best results on the benchmark all use some form of it). Only training
// batches are augmented; validation and test images are evaluated as they are.
//
// The transform, in pixel-index coordinates (x right, y down, centre c = ((cols-1)/2, (rows-1)/2)):
//   p' = R(angle) (p - c) + c + (shift_x, shift_y)
// where a positive angle turns the image counter-clockwise as seen on screen. Each output pixel
// samples the source at the inverse map, with bilinear interpolation; samples outside the image
// read 0 (background), so ink moved past the border is clipped, as in MNIST itself.
//
// Typical use, in a training loop (buffers allocated once):
//   data.gather_batch(batch.indices, batch.count, x, labels);      // x: (count, 784), [0, 1]
//   augment_batch(x, batch.count, 28, 28, options, rng, scratch);  // scratch: (784)
#pragma once
#include "core/util/rng.h"

namespace mnist {

struct AugmentOptions {
  int max_shift = 2;                   // whole pixels, each axis: dx, dy in [-max_shift, max_shift]
  float max_rotation_degrees = 10.0f;  // angle uniform in [-max, +max] degrees
};

// src, dst: (rows, cols) row-major, distinct buffers. Writes dst = src rotated by angle_radians
// about the centre (counter-clockwise on screen for a positive angle), then shifted by
// (shift_x, shift_y) pixels (right and down for positive values). Bilinear interpolation, zero
// outside. Each output is a convex combination of source pixels and zeros, so sources in [0, 1]
// give outputs in [0, 1]. Angle 0 with whole-pixel shifts copies pixels exactly.
void transform_image(const float* src, float* dst, int rows, int cols, float angle_radians,
                     float shift_x, float shift_y);

// x: (count, rows*cols), transformed in place; scratch: (rows*cols), caller-owned so that a
// training loop allocates nothing per batch. For each image, in this order, draws
//   dx = below(2*max_shift + 1) - max_shift,  dy likewise,  angle = uniform(-max, +max) degrees
// (all three even when an option is 0), so the same rng state reproduces the same batch.
// max_shift >= 0 and max_rotation_degrees >= 0.
void augment_batch(float* x, int count, int rows, int cols, const AugmentOptions& options,
                   Rng& rng, float* scratch);

}  // namespace mnist
