// make-png-folder DIR [IMAGES_PER_CLASS] [SIDE]: writes an easy synthetic data set in the layout
// mnist-train --data accepts for a user's own images, for tests/cli/image_folder_cli_test.sh:
//   DIR/ring/000.png ..., DIR/horizontal/..., DIR/vertical/...  (default 60 images per class)
//   DIR/README.txt                                              (not an image: skipped)
// Each image is SIDE x SIDE (default 32, so it is scaled to fit 28x28), dark ink on a light
// background with noise (so it is inverted), the shape at a random place and size. A fixed seed:
// the same files every time.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace {

std::uint32_t state = 12345;
int random_below(int n) {  // a small LCG: enough for shapes and noise
  state = state * 1664525u + 1013904223u;
  return int((state >> 8) % std::uint32_t(n));
}

void append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  out->insert(out->end(), static_cast<std::uint8_t*>(data),
              static_cast<std::uint8_t*>(data) + size);
}

// Ink (0..1) at (r, c) of shape k: 0 a ring, 1 a horizontal bar, 2 a vertical bar.
std::vector<float> draw(int k, int side) {
  std::vector<float> ink(std::size_t(side) * side, 0.0f);
  const int size = side / 3 + random_below(side / 4);  // radius or half length
  const int cy = side / 2 + random_below(5) - 2, cx = side / 2 + random_below(5) - 2;
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const float dy = float(r - cy), dx = float(c - cx);
      bool on = false;
      if (k == 0) on = std::fabs(std::sqrt(dy * dy + dx * dx) - float(size) * 0.8f) < 1.8f;
      if (k == 1) on = std::fabs(dy) < 2.0f && std::fabs(dx) < float(size);
      if (k == 2) on = std::fabs(dx) < 2.0f && std::fabs(dy) < float(size);
      ink[std::size_t(r) * side + c] = on ? 1.0f : 0.0f;
    }
  return ink;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make-png-folder DIR [IMAGES_PER_CLASS] [SIDE]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int per_class = argc > 2 ? std::atoi(argv[2]) : 60;
  const int side = argc > 3 ? std::atoi(argv[3]) : 32;
  if (per_class < 1 || side < 8) {
    std::fprintf(stderr, "make-png-folder: IMAGES_PER_CLASS >= 1 and SIDE >= 8\n");
    return 2;
  }
  const char* classes[] = {"ring", "horizontal", "vertical"};
  for (int k = 0; k < 3; ++k) {
    std::filesystem::create_directories(dir / classes[k]);
    for (int i = 0; i < per_class; ++i) {
      const std::vector<float> ink = draw(k, side);
      std::vector<std::uint8_t> pixels(ink.size());
      for (std::size_t p = 0; p < ink.size(); ++p)  // paper ~225, ink ~30, noise +-15
        pixels[p] = std::uint8_t(225 - 195 * ink[p] + random_below(31) - 15);
      std::vector<std::uint8_t> png;
      stbi_write_png_to_func(append, &png, side, side, 1, pixels.data(), side);
      char name[16];
      std::snprintf(name, sizeof name, "%03d.png", i);
      std::ofstream out(dir / classes[k] / name, std::ios::binary);
      out.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
      if (!out) {
        std::fprintf(stderr, "make-png-folder: cannot write %s\n",
                     (dir / classes[k] / name).c_str());
        return 1;
      }
    }
  }
  std::ofstream(dir / "README.txt")
      << "A synthetic data set: rings, horizontal and vertical bars.\n";
  return 0;
}
