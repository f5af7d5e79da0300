// Turning a hand drawing into an MNIST-style digit, the way the MNIST images themselves were made
// (LeCun et al.): the ink's bounding box is scaled, aspect ratio kept, so its longer side is 20 px,
// with area-averaging (each output pixel is the mean of the source area it covers, so strokes come
// out anti-aliased as in MNIST, not jagged as with nearest neighbour), then placed in a 28x28 field
// so that the ink's centre of mass lies at the field's centre.
//
// Example: the page's worker turns a 280x280 drawing into the model's input:
//   std::vector<float> x = mnist::preprocess_drawing(gray.data(), 280, 280);  // x: (784), [0, 1]
//   auto probs = session.predict(x);
#pragma once
#include <cstdint>
#include <vector>

namespace mnist {

inline constexpr int kDigitSide = 28;  // output is kDigitSide x kDigitSide
inline constexpr int kDigitBox = 20;   // the ink's longer side, in output pixels
// A source pixel is ink when its value is above this (of 255): a little above 0, so faint
// anti-aliasing fringes count but stray near-black noise does not stretch the bounding box.
inline constexpr std::uint8_t kInkThreshold = 8;

// True when no pixel of the (height, width) grayscale image is ink (also for an empty image).
bool is_blank(const std::uint8_t* gray, int width, int height);

// gray: (height, width) row-major, 0 = background, 255 = full ink (white digit on black).
// Returns (28, 28) row-major floats in [0, 1]; all zeros for a blank drawing. The centre of mass,
// in pixel-index coordinates as in the MNIST files (whose digits average (14.0, 14.0)), is moved to
// (14, 14) by a whole-pixel shift (rounded); ink shifted past the border is clipped, as in MNIST.
std::vector<float> preprocess_drawing(const std::uint8_t* gray, int width, int height);

}  // namespace mnist
