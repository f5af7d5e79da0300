// The image layers (Conv2D, MaxPool2D/AvgPool2D, Flatten, Dropout) and the CNN model specs.
//
// Reader's guide:
//   1. Conv2D against its plain-loop twin (core/layers/conv2d_reference.h) for odd sizes, every
//      kernel / stride / padding combination, forward and backward, and against finite differences.
//   2. Hand-computed forward and backward passes (Conv2D, MaxPool2D, AvgPool2D).
//   3. Pooling gradients against finite differences; Flatten; Dropout's statistics and mask.
//   4. Model specs with CNN tokens: parsing, canonical text, errors; Sequential::build errors.
//   5. The whole model: save/load round trip of a CNN, and every parameter's gradient through a
//      small CNN against finite differences.
//
// Gradient checks use the scalar objective L = Σ y·r with a fixed random r, so dL/dy = r is what
// backward() receives; the forward passes run in float and L is summed in double. Outputs and
// gradients are pre-filled with NaN, so an element a layer forgets to write shows up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/io/model_file.h"
#include "core/io/trainer_snapshot.h"
#include "core/layers/conv2d.h"
#include "core/layers/conv2d_reference.h"
#include "core/layers/dropout.h"
#include "core/layers/layer.h"
#include "core/layers/pool2d.h"
#include "core/model/model_spec.h"
#include "core/model/sequential.h"
#include "core/train/trainer.h"
#include "core/util/rng.h"
#include "tests/native/gradient_check.h"

namespace mnist {
namespace {

using test::central_difference;
using test::expect_close;
using test::random_values;
using test::weighted_sum;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr int kBatch = 3;

std::string shape_name(Shape s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

// ================================================================================================
// 1. Conv2D against the reference.

struct ConvCase {
  Shape in;
  Conv2DOptions o;
};

std::string conv_case_name(const ConvCase& c) {
  return "C" + std::to_string(c.in.channels) + "_" + std::to_string(c.in.height) + "x" +
         std::to_string(c.in.width) + "_F" + std::to_string(c.o.filters) + "_k" +
         std::to_string(c.o.kernel_h) + "x" + std::to_string(c.o.kernel_w) + "_s" +
         std::to_string(c.o.stride) + (c.o.same_padding ? "_same" : "_valid");
}

void PrintTo(const ConvCase& c, std::ostream* os) { *os << conv_case_name(c); }

// Every kernel (1x1, 3x3, 5x5, the non-square 2x3) x stride (1, 2, 3) x padding, on odd inputs
// with 1 to 3 channels, a few "same" convolutions whose kernel is larger than the image, two
// batches that run as several chunks, and the presets' row widths.
std::vector<ConvCase> conv_cases() {
  const Shape inputs[] = {{1, 7, 9}, {2, 9, 7}, {3, 6, 5}};
  const int kernels[][2] = {{1, 1}, {3, 3}, {5, 5}, {2, 3}};
  std::vector<ConvCase> cases;
  int n = 0;
  for (Shape in : inputs)
    for (const auto& k : kernels)
      for (int stride : {1, 2, 3})
        for (bool same : {false, true}) {
          const int filters = 2 + n++ % 3;  // 2, 3 or 4 filters
          cases.push_back({in, Conv2DOptions{filters, k[0], k[1], stride, same}});
        }
  cases.push_back({{1, 3, 4}, Conv2DOptions{2, 5, 5, 1, true}});
  cases.push_back({{2, 4, 3}, Conv2DOptions{3, 5, 5, 2, true}});
  cases.push_back({{1, 2, 2}, Conv2DOptions{1, 3, 2, 3, true}});
  // Outputs large enough that Conv2D splits the batch into chunks (Conv2D::chunk_images): one
  // image per chunk, and two images then one.
  cases.push_back({{1, 40, 37}, Conv2DOptions{3, 3, 3, 1, false}});
  cases.push_back({{2, 20, 23}, Conv2DOptions{2, 3, 3, 1, false}});
  // Output rows a multiple of 4 wide (8 and 24, as in the CNN presets), which im2col and col2im
  // copy in whole 4-float blocks; the odd widths above end in an overlapping or single-float tail.
  cases.push_back({{3, 12, 12}, Conv2DOptions{4, 5, 5, 1, false}});
  cases.push_back({{1, 28, 28}, Conv2DOptions{2, 5, 5, 1, false}});
  return cases;
}

// A Conv2D with random parameters bound to buffers followed by a canary, a random input batch,
// an output pre-filled with NaN and a random upstream gradient r.
struct ConvFixture {
  static constexpr std::size_t kCanary = 16;
  static constexpr float kCanaryValue = -12345.0f;

  Conv2D conv;
  std::size_t n_params;
  std::vector<float> params, grads;  // n_params + kCanary each
  std::vector<float> x, y, r;

  ConvFixture(const ConvCase& c, std::uint64_t seed)
      : conv(c.in, c.o), n_params(conv.parameter_count()) {
    Rng rng(seed);
    params = random_values(rng, n_params, -1.0f, 1.0f);
    params.resize(n_params + kCanary, kCanaryValue);
    grads.assign(n_params + kCanary, kCanaryValue);
    conv.bind_parameters(params.data(), grads.data());
    conv.prepare(kBatch);
    x = random_values(rng, std::size_t(kBatch) * c.in.size(), -1.0f, 1.0f);
    y.assign(std::size_t(kBatch) * conv.output_shape().size(), kNaN);
    r = random_values(rng, y.size(), -1.0f, 1.0f);
  }

  const float* weights() const { return params.data(); }
  const float* bias() const {
    return params.data() + n_params - std::size_t(conv.options().filters);
  }

  double objective() {
    conv.forward(x.data(), y.data(), kBatch, PassContext{});
    return weighted_sum(y.data(), r);
  }
};

class Conv2DReferenceTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(Conv2DReferenceTest, OutputShapeFollowsThePaddingRule) {
  const ConvCase& c = GetParam();
  Conv2D conv(c.in, c.o);
  const Conv2DGeometry g = conv2d_reference_geometry(c.in, c.o);
  EXPECT_EQ(conv.input_shape(), c.in);
  EXPECT_EQ(conv.output_shape(), (Shape{c.o.filters, g.out_h, g.out_w}))
      << "got " << shape_name(conv.output_shape());
  if (c.o.same_padding) {
    EXPECT_EQ(g.out_h, (c.in.height + c.o.stride - 1) / c.o.stride);
    EXPECT_EQ(g.out_w, (c.in.width + c.o.stride - 1) / c.o.stride);
  }
  EXPECT_EQ(conv.parameter_count(),
            std::size_t(c.o.filters) * (c.in.channels * c.o.kernel_h * c.o.kernel_w + 1));
}

TEST_P(Conv2DReferenceTest, ForwardMatchesReference) {
  const ConvCase& c = GetParam();
  ConvFixture f(c, /*seed=*/11);
  f.conv.forward(f.x.data(), f.y.data(), kBatch, PassContext{});

  const Shape out = f.conv.output_shape();
  std::vector<float> expected(out.size());
  for (int b = 0; b < kBatch; ++b) {
    conv2d_forward_reference(f.x.data() + std::size_t(b) * c.in.size(), c.in, f.weights(),
                             f.bias(), c.o, expected.data());
    for (int i = 0; i < out.size(); ++i) {
      const float got = f.y[std::size_t(b) * out.size() + i];
      const int filter = i / (out.height * out.width), pixel = i % (out.height * out.width);
      expect_close(expected[i], got, 1e-5, 1e-5,
                   "image " + std::to_string(b) + ", filter " + std::to_string(filter) + ", (" +
                       std::to_string(pixel / out.width) + ", " +
                       std::to_string(pixel % out.width) + ")");
    }
  }
}

TEST_P(Conv2DReferenceTest, BackwardMatchesReference) {
  const ConvCase& c = GetParam();
  ConvFixture f(c, /*seed=*/22);
  f.objective();
  std::fill(f.grads.begin(), f.grads.begin() + f.n_params, kNaN);
  std::vector<float> dx(f.x.size(), kNaN);
  f.conv.backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);

  // The reference works on one image: dW and db are summed over the batch here.
  const Shape out = f.conv.output_shape();
  const std::size_t n_weights = f.n_params - c.o.filters;
  std::vector<double> dw_total(n_weights, 0.0), db_total(c.o.filters, 0.0);
  std::vector<float> dw(n_weights), db(c.o.filters), dx_ref(c.in.size());
  for (int b = 0; b < kBatch; ++b) {
    conv2d_backward_reference(f.x.data() + std::size_t(b) * c.in.size(), c.in, f.weights(), c.o,
                              f.r.data() + std::size_t(b) * out.size(), dw.data(), db.data(),
                              dx_ref.data());
    for (std::size_t i = 0; i < n_weights; ++i) dw_total[i] += dw[i];
    for (int i = 0; i < c.o.filters; ++i) db_total[i] += db[i];
    for (int i = 0; i < c.in.size(); ++i)
      expect_close(dx_ref[i], dx[std::size_t(b) * c.in.size() + i], 1e-5, 1e-5,
                   "dx, image " + std::to_string(b) + ", input " + std::to_string(i));
  }
  for (std::size_t i = 0; i < n_weights; ++i)
    expect_close(dw_total[i], f.grads[i], 1e-5, 1e-5, "dW[" + std::to_string(i) + "]");
  for (int i = 0; i < c.o.filters; ++i)
    expect_close(db_total[i], f.grads[n_weights + i], 1e-5, 1e-5, "db[" + std::to_string(i) + "]");
  for (std::size_t i = f.n_params; i < f.grads.size(); ++i)
    EXPECT_EQ(f.grads[i], ConvFixture::kCanaryValue) << "wrote past the gradient view at " << i;
}

// The convolution is linear in x and in θ, so the central difference is exact up to rounding.
TEST_P(Conv2DReferenceTest, BackwardMatchesFiniteDifferences) {
  const ConvCase& c = GetParam();
  ConvFixture f(c, /*seed=*/33);
  f.objective();
  std::vector<float> dx(f.x.size(), kNaN);
  f.conv.backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);
  const std::vector<float> grads = f.grads;

  for (std::size_t i = 0; i < f.n_params; ++i) {
    const double numeric = central_difference(&f.params[i], 0.05f, [&] { return f.objective(); });
    expect_close(numeric, grads[i], 1e-3, 2e-3, "parameter gradient [" + std::to_string(i) + "]");
  }
  for (std::size_t i = 0; i < f.x.size(); ++i) {
    const double numeric = central_difference(&f.x[i], 0.05f, [&] { return f.objective(); });
    expect_close(numeric, dx[i], 1e-3, 2e-3,
                 "dx[" + std::to_string(i) + "] (image " + std::to_string(i / c.in.size()) +
                     ", input " + std::to_string(i % c.in.size()) + ")");
  }
}

// The first layer of a model gets dx == nullptr: the same parameter gradients, nothing else written.
TEST_P(Conv2DReferenceTest, BackwardWithoutDxOnlyWritesParameterGradients) {
  ConvFixture f(GetParam(), /*seed=*/44);
  f.objective();
  std::vector<float> dx(f.x.size());
  f.conv.backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);
  const std::vector<float> expected = f.grads;

  std::fill(f.grads.begin(), f.grads.begin() + f.n_params, kNaN);
  const auto x = f.x, y = f.y, r = f.r, params = f.params;
  f.conv.backward(f.x.data(), f.y.data(), f.r.data(), nullptr, kBatch);
  EXPECT_EQ(x, f.x) << "x changed";
  EXPECT_EQ(0, std::memcmp(y.data(), f.y.data(), y.size() * sizeof(float))) << "y changed";
  EXPECT_EQ(r, f.r) << "dy changed";
  EXPECT_EQ(params, f.params) << "parameters changed";
  for (std::size_t i = 0; i < f.grads.size(); ++i)
    EXPECT_EQ(expected[i], f.grads[i]) << "gradient [" << i << "]";
}

INSTANTIATE_TEST_SUITE_P(OddSizes, Conv2DReferenceTest, ::testing::ValuesIn(conv_cases()),
                         [](const ::testing::TestParamInfo<ConvCase>& info) {
                           return conv_case_name(info.param);
                         });

// ================================================================================================
// 2. Hand-computed passes.

// One channel, 3x3 input, one 2x2 filter:
//   x = [1 2 3]    W = [1 2]    b = 0.5
//       [4 5 6]        [3 4]
//       [7 8 9]
struct TinyConv {
  std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> params = {1, 2, 3, 4, 0.5f};  // W (1, 1, 2, 2) then b (1)
  std::vector<float> grads = std::vector<float>(5, kNaN);
  Conv2D conv;

  TinyConv(int stride, bool same) : conv(Shape{1, 3, 3}, Conv2DOptions{1, 2, 2, stride, same}) {
    conv.bind_parameters(params.data(), grads.data());
    conv.prepare(1);
  }
  std::vector<float> forward() {
    std::vector<float> y(conv.output_shape().size(), kNaN);
    conv.forward(x.data(), y.data(), 1, PassContext{});
    return y;
  }
};

TEST(Conv2DByHandTest, ValidStrideOne) {
  TinyConv t(1, false);
  ASSERT_EQ(t.conv.output_shape(), (Shape{1, 2, 2}));
  // y[0,0] = 1·1 + 2·2 + 4·3 + 5·4 + 0.5, and the window moves one pixel at a time.
  EXPECT_EQ(t.forward(), (std::vector<float>{37.5f, 47.5f, 67.5f, 77.5f}));
}

TEST(Conv2DByHandTest, ValidStrideTwoKeepsOnlyWholeWindows) {
  TinyConv t(2, false);
  ASSERT_EQ(t.conv.output_shape(), (Shape{1, 1, 1}));  // (3 - 2) / 2 + 1
  EXPECT_EQ(t.forward(), (std::vector<float>{37.5f}));
}

TEST(Conv2DByHandTest, SamePaddingPutsTheExtraZerosAfter) {
  // Padding needed: (3 - 1)·1 + 2 - 3 = 1 row and 1 column; TensorFlow puts it after (bottom,
  // right), so the first output is the same window as in "valid".
  TinyConv t(1, true);
  ASSERT_EQ(t.conv.output_shape(), (Shape{1, 3, 3}));
  EXPECT_EQ(t.forward(), (std::vector<float>{37.5f, 47.5f,
                                             21.5f,  // 3·1 + 6·3 + 0.5
                                             67.5f, 77.5f,
                                             33.5f,  // 6·1 + 9·3 + 0.5
                                             23.5f,  // 7·1 + 8·2 + 0.5
                                             26.5f,  // 8·1 + 9·2 + 0.5
                                             9.5f}));  // 9·1 + 0.5
}

TEST(Conv2DByHandTest, SamePaddingWithStrideTwo) {
  // ceil(3 / 2) = 2 outputs a side; padding (2 - 1)·2 + 2 - 3 = 1, after.
  TinyConv t(2, true);
  ASSERT_EQ(t.conv.output_shape(), (Shape{1, 2, 2}));
  EXPECT_EQ(t.forward(), (std::vector<float>{37.5f, 21.5f, 23.5f, 9.5f}));
}

TEST(Conv2DByHandTest, BackwardWithAllOnesGradient) {
  TinyConv t(1, false);
  const auto y = t.forward();
  const float dy[4] = {1, 1, 1, 1};
  std::vector<float> dx(9, kNaN);
  t.conv.backward(t.x.data(), y.data(), dy, dx.data(), 1);
  // dW[ky,kx] = sum of the inputs that weight touched; db = number of outputs.
  EXPECT_EQ(t.grads, (std::vector<float>{1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8,
                                         5 + 6 + 8 + 9, 4}));
  // dx = sum of the weights that touched each input: corners once, the centre by all four.
  EXPECT_EQ(dx, (std::vector<float>{1, 1 + 2, 2, 1 + 3, 1 + 2 + 3 + 4, 2 + 4, 3, 3 + 4, 4}));
}

TEST(Conv2DLayerTest, SpecAndInitialization) {
  Conv2D conv(Shape{3, 10, 10}, Conv2DOptions{4, 3, 5, 2, true});
  EXPECT_EQ(conv.spec(), "conv:4:3x5:s2:same");
  EXPECT_EQ(Conv2D(Shape{1, 8, 8}, Conv2DOptions{2, 3, 3, 1, false}).spec(), "conv:2:3x3");
  EXPECT_EQ(conv.kind(), "Conv2D");
  const std::size_t weights = 4 * 3 * 3 * 5;
  ASSERT_EQ(conv.parameter_count(), weights + 4);
  EXPECT_EQ(conv.decayed_offset(), 0u);
  EXPECT_EQ(conv.decayed_count(), weights);

  std::vector<float> params(conv.parameter_count(), kNaN), grads(params.size());
  conv.bind_parameters(params.data(), grads.data());
  Rng rng(5);
  conv.initialize(Initializer::kGlorotUniform, rng);
  // fan_in = C·Kh·Kw = 45, fan_out = F·Kh·Kw = 60
  const float limit = std::sqrt(6.0f / (45 + 60));
  float largest = 0;
  for (std::size_t i = 0; i < weights; ++i) {
    EXPECT_LE(std::fabs(params[i]), limit) << "weight " << i;
    largest = std::max(largest, std::fabs(params[i]));
  }
  EXPECT_GT(largest, 0.5f * limit) << "weights look unfilled";
  for (int f = 0; f < 4; ++f) EXPECT_EQ(params[weights + f], 0.0f) << "bias " << f;
}

// One channel 4x4 image with no ties inside any window:
//   [1  5  2  0]
//   [3 -1  7  4]
//   [8  6 -2  9]
//   [0 10  3 -4]
const std::vector<float> kPoolImage = {1, 5, 2, 0, 3, -1, 7, 4, 8, 6, -2, 9, 0, 10, 3, -4};

std::vector<float> pool_forward(Pool2D& pool, const std::vector<float>& x, int batch = 1) {
  pool.prepare(batch);
  std::vector<float> y(std::size_t(batch) * pool.output_shape().size(), kNaN);
  pool.forward(x.data(), y.data(), batch, PassContext{});
  return y;
}

TEST(Pool2DByHandTest, MaxPoolOverlappingWindows) {
  Pool2D pool(Shape{1, 4, 4}, Pool2D::Mode::kMax, 2, 1);
  ASSERT_EQ(pool.output_shape(), (Shape{1, 3, 3}));
  EXPECT_EQ(pool.spec(), "maxpool:2:s1");
  EXPECT_EQ(pool.kind(), "MaxPool2D");
  const auto y = pool_forward(pool, kPoolImage);
  EXPECT_EQ(y, (std::vector<float>{5, 7, 7, 8, 7, 9, 10, 10, 9}));

  // Each window's gradient goes to its max; the 7 is the max of three windows, 10 and 9 of two.
  const std::vector<float> dy(9, 1.0f);
  std::vector<float> dx(16, kNaN);
  pool.backward(kPoolImage.data(), y.data(), dy.data(), dx.data(), 1);
  EXPECT_EQ(dx, (std::vector<float>{0, 1, 0, 0, 0, 0, 3, 0, 1, 0, 0, 2, 0, 2, 0, 0}));
}

TEST(Pool2DByHandTest, AvgPoolOverlappingWindows) {
  Pool2D pool(Shape{1, 4, 4}, Pool2D::Mode::kAverage, 2, 1);
  EXPECT_EQ(pool.spec(), "avgpool:2:s1");
  EXPECT_EQ(pool.kind(), "AvgPool2D");
  EXPECT_EQ(pool_forward(pool, kPoolImage),
            (std::vector<float>{2, 3.25f, 3.25f, 4, 2.5f, 4.5f, 6, 4.25f, 1.5f}));

  // dy / 4 to every input of each window: the centre four inputs are in four windows.
  const std::vector<float> dy(9, 4.0f);
  std::vector<float> dx(16, kNaN), y(9);
  pool.backward(kPoolImage.data(), y.data(), dy.data(), dx.data(), 1);
  EXPECT_EQ(dx, (std::vector<float>{1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1}));
}

TEST(Pool2DByHandTest, DefaultStrideIsTheSize) {
  Pool2D max_pool(Shape{1, 4, 4}, Pool2D::Mode::kMax, 2, 2);
  EXPECT_EQ(max_pool.spec(), "maxpool:2");
  EXPECT_EQ(pool_forward(max_pool, kPoolImage), (std::vector<float>{5, 7, 10, 9}));
  Pool2D avg_pool(Shape{1, 4, 4}, Pool2D::Mode::kAverage, 2, 2);
  EXPECT_EQ(pool_forward(avg_pool, kPoolImage), (std::vector<float>{2, 3.25f, 6, 1.5f}));
}

TEST(Pool2DByHandTest, StrideLargerThanSizeSkipsInputs) {
  // 2x2 windows every 3 pixels on 5x5: windows at 0 and 3, rows/columns 2 are never read.
  std::vector<float> x(25);
  for (int i = 0; i < 25; ++i) x[i] = float(i);
  Pool2D pool(Shape{1, 5, 5}, Pool2D::Mode::kMax, 2, 3);
  ASSERT_EQ(pool.output_shape(), (Shape{1, 2, 2}));
  const auto y = pool_forward(pool, x);
  EXPECT_EQ(y, (std::vector<float>{6, 9, 21, 24}));
  const std::vector<float> dy = {1, 2, 3, 4};
  std::vector<float> dx(25, kNaN);
  pool.backward(x.data(), y.data(), dy.data(), dx.data(), 1);
  std::vector<float> expected(25, 0.0f);
  expected[6] = 1, expected[9] = 2, expected[21] = 3, expected[24] = 4;
  EXPECT_EQ(dx, expected);
}

// ================================================================================================
// 3. Pooling gradients, Flatten, Dropout.

struct PoolCase {
  Pool2D::Mode mode;
  Shape in;
  int size, stride;
};

std::string pool_case_name(const PoolCase& c) {
  return std::string(c.mode == Pool2D::Mode::kMax ? "Max" : "Avg") + "_C" +
         std::to_string(c.in.channels) + "_" + std::to_string(c.in.height) + "x" +
         std::to_string(c.in.width) + "_p" + std::to_string(c.size) + "_s" +
         std::to_string(c.stride);
}

void PrintTo(const PoolCase& c, std::ostream* os) { *os << pool_case_name(c); }

std::vector<PoolCase> pool_cases() {
  std::vector<PoolCase> cases;
  for (auto mode : {Pool2D::Mode::kMax, Pool2D::Mode::kAverage}) {
    cases.push_back({mode, {2, 5, 6}, 2, 1});  // overlapping
    cases.push_back({mode, {2, 7, 7}, 3, 2});  // overlapping, odd
    cases.push_back({mode, {1, 5, 5}, 2, 3});  // gaps
    cases.push_back({mode, {3, 6, 7}, 2, 2});  // the usual, last column dropped
    cases.push_back({mode, {2, 8, 10}, 2, 2});  // the usual, every input in a window
    cases.push_back({mode, {1, 9, 18}, 2, 2});  // the usual, last row dropped, 9 windows a row
    cases.push_back({mode, {1, 4, 3}, 1, 1});  // identity
  }
  return cases;
}

// Pooling by its definition, for one (batch, C, H, W) array.
std::vector<float> pool_reference(const PoolCase& c, const std::vector<float>& x, int batch) {
  const int Ho = (c.in.height - c.size) / c.stride + 1, Wo = (c.in.width - c.size) / c.stride + 1;
  std::vector<float> y;
  for (int b = 0; b < batch; ++b)
    for (int ch = 0; ch < c.in.channels; ++ch)
      for (int oy = 0; oy < Ho; ++oy)
        for (int ox = 0; ox < Wo; ++ox) {
          double best = -INFINITY, sum = 0;
          for (int ky = 0; ky < c.size; ++ky)
            for (int kx = 0; kx < c.size; ++kx) {
              const float v = x[((std::size_t(b) * c.in.channels + ch) * c.in.height +
                                 oy * c.stride + ky) * c.in.width + ox * c.stride + kx];
              best = std::max(best, double(v));
              sum += v;
            }
          y.push_back(float(c.mode == Pool2D::Mode::kMax ? best : sum / (c.size * c.size)));
        }
  return y;
}

class Pool2DGradientTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(Pool2DGradientTest, ForwardMatchesDefinitionAndBackwardMatchesFiniteDifferences) {
  const PoolCase& c = GetParam();
  Pool2D pool(c.in, c.mode, c.size, c.stride);
  pool.prepare(kBatch);
  Rng rng(77);
  // Distinct values 0.05 apart in random order: no ties, and a ±1e-3 probe never changes which
  // input is the max of a window.
  const std::size_t n = std::size_t(kBatch) * c.in.size();
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = 0.05f * float(i) - 1.0f;
  rng.shuffle(x.data(), std::uint32_t(n));
  std::vector<float> y(std::size_t(kBatch) * pool.output_shape().size(), kNaN);
  const auto r = random_values(rng, y.size(), -1.0f, 1.0f);
  auto objective = [&] {
    pool.forward(x.data(), y.data(), kBatch, PassContext{});
    return weighted_sum(y.data(), r);
  };

  objective();
  const auto expected = pool_reference(c, x, kBatch);
  ASSERT_EQ(expected.size(), y.size());
  for (std::size_t i = 0; i < y.size(); ++i)
    expect_close(expected[i], y[i], 1e-6, 1e-6, "y[" + std::to_string(i) + "]");

  std::vector<float> dx(n, kNaN);
  pool.backward(x.data(), y.data(), r.data(), dx.data(), kBatch);
  for (std::size_t i = 0; i < n; ++i) {
    const double numeric = central_difference(&x[i], 1e-3f, objective);
    expect_close(numeric, dx[i], 1e-3, 2e-3,
                 "dx[" + std::to_string(i) + "] (image " + std::to_string(i / c.in.size()) +
                     ", input " + std::to_string(i % c.in.size()) + ")");
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, Pool2DGradientTest, ::testing::ValuesIn(pool_cases()),
                         [](const ::testing::TestParamInfo<PoolCase>& info) {
                           return pool_case_name(info.param);
                         });

TEST(FlattenLayerTest, RoundTripKeepsTheBytesAndChangesTheShape) {
  const Shape in{3, 4, 5};
  Flatten flatten(in);
  EXPECT_EQ(flatten.input_shape(), in);
  EXPECT_EQ(flatten.output_shape(), (Shape{60, 1, 1}));
  EXPECT_EQ(flatten.spec(), "flatten");
  EXPECT_EQ(flatten.parameter_count(), 0u);

  Rng rng(3);
  const auto x = random_values(rng, kBatch * 60, -1.0f, 1.0f);
  std::vector<float> y(x.size(), kNaN);
  flatten.forward(x.data(), y.data(), kBatch, PassContext{});
  EXPECT_EQ(y, x);  // (C, H, W) row-major is already the flat order
  const auto dy = random_values(rng, x.size(), -1.0f, 1.0f);
  std::vector<float> dx(x.size(), kNaN);
  flatten.backward(x.data(), y.data(), dy.data(), dx.data(), kBatch);
  EXPECT_EQ(dx, dy);
  flatten.backward(x.data(), y.data(), dy.data(), nullptr, kBatch);  // first layer: no-op
}

TEST(FlattenLayerTest, InASequentialModel) {
  Result<ModelSpec> spec = parse_model_spec("input:4x5x3,flatten,dense:2");
  ASSERT_TRUE(spec.ok()) << spec.error();
  Result<Sequential> model = Sequential::build(*spec);
  ASSERT_TRUE(model.ok()) << model.error();
  EXPECT_EQ(model->layer(0).kind(), "Flatten");
  EXPECT_EQ(model->layer(0).output_shape(), (Shape{60, 1, 1}));
  EXPECT_EQ(model->trainable_count(), 60u * 2 + 2);
}

struct DropoutRun {
  Dropout dropout;
  std::vector<float> x, y;
  static constexpr int kRows = 100, kCols = 1000;  // n = 100,000

  DropoutRun(float rate, std::uint64_t seed, bool training) : dropout(Shape{kCols, 1, 1}, rate) {
    dropout.prepare(kRows);
    Rng data_rng(99);
    x = random_values(data_rng, std::size_t(kRows) * kCols, 0.5f, 1.5f);  // never 0
    y.assign(x.size(), kNaN);
    Rng rng(seed);
    dropout.forward(x.data(), y.data(), kRows, PassContext{training, &rng});
  }
};

TEST(DropoutLayerTest, EvaluationIsTheIdentityAndUsesNoRandomness) {
  Dropout dropout(Shape{50, 1, 1}, 0.5f);
  EXPECT_EQ(dropout.spec(), "dropout:0.5");
  EXPECT_EQ(dropout.output_shape(), (Shape{50, 1, 1}));
  dropout.prepare(kBatch);
  Rng data_rng(1);
  const auto x = random_values(data_rng, kBatch * 50, -1.0f, 1.0f);
  std::vector<float> y(x.size(), kNaN);
  Rng rng(2);
  dropout.forward(x.data(), y.data(), kBatch, PassContext{false, &rng});
  EXPECT_EQ(y, x);
  EXPECT_EQ(rng.next_u32(), Rng(2).next_u32()) << "evaluation consumed random numbers";

  const auto dy = random_values(data_rng, x.size(), -1.0f, 1.0f);
  std::vector<float> dx(x.size(), kNaN);
  dropout.backward(x.data(), y.data(), dy.data(), dx.data(), kBatch);
  EXPECT_EQ(dx, dy);
}

class DropoutRateTest : public ::testing::TestWithParam<float> {};

TEST_P(DropoutRateTest, TrainingZeroesAboutRateAndScalesTheRest) {
  const float rate = GetParam();
  DropoutRun run(rate, /*seed=*/1234, /*training=*/true);
  const float scale = 1.0f / (1.0f - rate);
  std::size_t zeros = 0;
  double sum_x = 0, sum_y = 0;
  for (std::size_t i = 0; i < run.x.size(); ++i) {
    sum_x += run.x[i];
    sum_y += run.y[i];
    if (run.y[i] == 0.0f) {
      ++zeros;
    } else {
      ASSERT_FLOAT_EQ(run.y[i], run.x[i] * scale) << "kept value " << i;
    }
  }
  const double dropped = double(zeros) / run.x.size();
  EXPECT_NEAR(dropped, rate, 0.01) << zeros << " of " << run.x.size() << " zeroed";
  EXPECT_NEAR(sum_y / sum_x, 1.0, 0.02) << "the expected value should be kept";
}

TEST_P(DropoutRateTest, BackwardUsesTheForwardMask) {
  const float rate = GetParam();
  DropoutRun run(rate, /*seed=*/55, /*training=*/true);
  Rng rng(8);
  const auto dy = random_values(rng, run.x.size(), -1.0f, 1.0f);
  std::vector<float> dx(run.x.size(), kNaN);
  run.dropout.backward(run.x.data(), run.y.data(), dy.data(), dx.data(), DropoutRun::kRows);
  const float scale = 1.0f / (1.0f - rate);
  for (std::size_t i = 0; i < dx.size(); ++i) {
    const float expected = run.y[i] == 0.0f ? 0.0f : dy[i] * scale;
    ASSERT_EQ(dx[i], expected) << "dx[" << i << "], y = " << run.y[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Rates, DropoutRateTest, ::testing::Values(0.1f, 0.25f, 0.5f, 0.8f),
                         [](const ::testing::TestParamInfo<float>& info) {
                           return "Rate" + std::to_string(int(std::lround(info.param * 100)));
                         });

TEST(DropoutLayerTest, SameSeedGivesTheSameMask) {
  const DropoutRun a(0.3f, 42, true), b(0.3f, 42, true), c(0.3f, 43, true);
  EXPECT_EQ(a.y, b.y);
  std::size_t different = 0;
  for (std::size_t i = 0; i < a.y.size(); ++i) different += (a.y[i] == 0) != (c.y[i] == 0);
  EXPECT_GT(different, a.y.size() / 10) << "another seed should give another mask";
}

TEST(DropoutLayerTest, RateZeroIsTheIdentityEvenInTraining) {
  const DropoutRun run(0.0f, 7, true);
  EXPECT_EQ(run.y, run.x);
}

// ================================================================================================
// 4. Model specs with CNN tokens, and Sequential::build.

using Type = LayerSpec::Type;

TEST(CnnModelSpecTest, ParsesEveryCnnToken) {
  Result<ModelSpec> parsed = parse_model_spec(
      "input:28x28x1, conv:8:5x5:relu, maxpool:2, conv:16:3x3:s2:same:tanh, avgpool:3:s2, "
      "conv:4:1x2:valid:s3, flatten, dropout:0.25, dense:10:softmax");
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const ModelSpec& spec = *parsed;
  EXPECT_EQ(spec.input, (Shape{1, 28, 28}));
  ASSERT_EQ(spec.layers.size(), 11u);
  const auto& l = spec.layers;

  EXPECT_EQ(l[0].type, Type::kConv);
  EXPECT_EQ(l[0].units, 8);
  EXPECT_EQ(l[0].kernel_h, 5);
  EXPECT_EQ(l[0].kernel_w, 5);
  EXPECT_EQ(l[0].stride, 1);
  EXPECT_FALSE(l[0].same_padding);
  EXPECT_EQ(l[1].type, Type::kActivation);
  EXPECT_EQ(l[1].activation, ActivationKind::kReLU);
  EXPECT_EQ(l[2].type, Type::kMaxPool);
  EXPECT_EQ(l[2].kernel_h, 2);
  EXPECT_EQ(l[2].stride, 2) << "pool stride defaults to its size";
  EXPECT_EQ(l[3].type, Type::kConv);
  EXPECT_EQ(l[3].units, 16);
  EXPECT_EQ(l[3].stride, 2);
  EXPECT_TRUE(l[3].same_padding);
  EXPECT_EQ(l[4].type, Type::kActivation);
  EXPECT_EQ(l[4].activation, ActivationKind::kTanh);
  EXPECT_EQ(l[5].type, Type::kAvgPool);
  EXPECT_EQ(l[5].kernel_h, 3);
  EXPECT_EQ(l[5].stride, 2);
  EXPECT_EQ(l[6].type, Type::kConv);
  EXPECT_EQ(l[6].kernel_h, 1);
  EXPECT_EQ(l[6].kernel_w, 2);
  EXPECT_EQ(l[6].stride, 3);
  EXPECT_FALSE(l[6].same_padding);
  EXPECT_EQ(l[7].type, Type::kFlatten);
  EXPECT_EQ(l[8].type, Type::kDropout);
  EXPECT_FLOAT_EQ(l[8].rate, 0.25f);
  EXPECT_EQ(l[9].type, Type::kDense);
  EXPECT_EQ(l[10].type, Type::kSoftmax);

  // Canonical text: activations as their own tokens, defaults (s1, valid, pool stride) left out.
  const std::string canonical =
      "conv:8:5x5,relu,maxpool:2,conv:16:3x3:s2:same,tanh,avgpool:3:s2,conv:4:1x2:s3,flatten,"
      "dropout:0.25,dense:10,softmax";
  EXPECT_EQ(spec.to_string(), canonical);
  Result<ModelSpec> again = parse_model_spec(canonical);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->to_string(), canonical);
}

TEST(CnnModelSpecTest, ToStringRoundTripsCnnSpecs) {
  for (const char* text :
       {"input:12x12x1,conv:4:3x3,relu,maxpool:2,flatten,dense:10,softmax",
        "input:8x9x3,conv:2:2x3:s2:same,maxpool:2:s1,avgpool:1,dropout:0.5,dense:4",
        "conv:32:3x3:same,sigmoid,conv:8:5x5:s3,dropout:0.125,dense:10"}) {
    Result<ModelSpec> spec = parse_model_spec(text);
    ASSERT_TRUE(spec.ok()) << text << ": " << spec.error();
    EXPECT_EQ(spec->to_string(), text);
  }
  // Spelled-out defaults are dropped from the canonical form.
  Result<ModelSpec> spec = parse_model_spec("conv:4:3x3:s1:valid,maxpool:2:s2,avgpool:3:s3");
  ASSERT_TRUE(spec.ok()) << spec.error();
  EXPECT_EQ(spec->to_string(), "conv:4:3x3,maxpool:2,avgpool:3");
}

TEST(CnnModelSpecTest, LayerSpecMatchesTheLayersOwnSpec) {
  // What Sequential builds from a token writes the same token back.
  Result<ModelSpec> spec =
      parse_model_spec("input:12x12x2,conv:3:3x5:s2:same,maxpool:2:s1,avgpool:2,dropout:0.25,flatten");
  ASSERT_TRUE(spec.ok()) << spec.error();
  Result<Sequential> model = Sequential::build(*spec);
  ASSERT_TRUE(model.ok()) << model.error();
  const char* expected[] = {"conv:3:3x5:s2:same", "maxpool:2:s1", "avgpool:2", "dropout:0.25",
                            "flatten"};
  ASSERT_EQ(model->layer_count(), 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(model->layer(i).spec(), expected[i]) << "layer " << i;
}

Result<Sequential> build_from(const std::string& text) {
  Result<ModelSpec> spec = parse_model_spec(text);
  if (!spec) return Error{"parse: " + spec.error()};
  return Sequential::build(*spec);
}

TEST(CnnSequentialTest, BuildRejectsKernelsThatDoNotFit) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"input:4x4x1,conv:2:5x5", "model spec, layer 2: kernel 5x5 does not fit its input (1, 4, 4)"},
           Case{"input:9x4x1,conv:2:3x5", "kernel 3x5 does not fit its input (1, 9, 4)"},
           Case{"input:6x6x1,conv:2:3x3,maxpool:2,conv:2:3x3",
                "layer 4: kernel 3x3 does not fit its input (2, 2, 2)"},
           // Layers are numbered by their token in the spec text, as in parse errors.
           Case{"input:6x6x1,conv:2:3x3:relu,conv:2:5x5", "layer 3: kernel 5x5 does not fit"},
           Case{"input:4x4x1,maxpool:5", "layer 2: pool size 5 does not fit its input (1, 4, 4)"},
           Case{"input:8x3x2,avgpool:4", "pool size 4 does not fit its input (2, 8, 3)"},
       }) {
    Result<Sequential> model = build_from(c.text);
    ASSERT_FALSE(model.ok()) << c.text << " was built";
    EXPECT_NE(model.error().find(c.message), std::string::npos)
        << c.text << ": expected \"" << c.message << "\" in: " << model.error();
  }
}

TEST(CnnSequentialTest, SamePaddingLetsALargeKernelFit) {
  Result<Sequential> model = build_from("input:4x4x1,conv:2:5x5:same");
  ASSERT_TRUE(model.ok()) << model.error();
  EXPECT_EQ(model->output_shape(), (Shape{2, 4, 4}));
}

TEST(CnnSequentialTest, ShapesAndParameterCountsOfASmallCnn) {
  Result<Sequential> model =
      build_from("input:12x12x1,conv:4:3x3:relu,maxpool:2,flatten,dense:10:softmax");
  ASSERT_TRUE(model.ok()) << model.error();
  ASSERT_EQ(model->layer_count(), 6);
  EXPECT_EQ(model->layer(0).output_shape(), (Shape{4, 10, 10}));
  EXPECT_EQ(model->layer(1).output_shape(), (Shape{4, 10, 10}));
  EXPECT_EQ(model->layer(2).output_shape(), (Shape{4, 5, 5}));
  EXPECT_EQ(model->layer(3).output_shape(), (Shape{100, 1, 1}));
  EXPECT_EQ(model->output_shape(), (Shape{10, 1, 1}));
  // conv: 4·(1·3·3) + 4 = 40; dense: 100·10 + 10 = 1010
  EXPECT_EQ(model->trainable_count(), 1050u);
  const std::string summary = model->summary();
  EXPECT_NE(summary.find("(4, 10, 10)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("MaxPool2D"), std::string::npos) << summary;
  EXPECT_NE(summary.find("total parameters: 1050"), std::string::npos) << summary;
}

// ================================================================================================
// 5. The whole model: save/load, gradients.

constexpr int kClasses = 10;
const Shape kImage{1, 12, 12};

class CnnModelFileTest : public ::testing::TestWithParam<const char*> {
 protected:
  // A trainer for the spec, trained for two batches of random 12x12 images, so its weights (and
  // Adam's state) are no longer the seed's initial ones.
  std::unique_ptr<Trainer> trained() {
    config_.model_spec = GetParam();
    config_.optimizer = "adam";
    config_.learning_rate = 0.01f;
    config_.batch_size = 4;
    config_.seed = 17;
    auto created = Trainer::create(config_, kImage, kClasses);
    EXPECT_TRUE(created.ok()) << created.error();
    if (!created) return nullptr;
    Rng rng(4);
    std::vector<std::uint8_t> pixels(8 * kImage.size()), labels(8);
    for (auto& p : pixels) p = std::uint8_t(rng.below(256));
    for (auto& l : labels) l = std::uint8_t(rng.below(kClasses));
    Result<Dataset> data = Dataset::from_pixels(12, 12, pixels, labels);
    EXPECT_TRUE(data.ok()) << data.error();
    const TrainProgress progress = (*created)->train_batches(*data, 2);
    EXPECT_TRUE(progress.error.empty()) << progress.error;
    EXPECT_EQ(progress.batches_run, 2);
    return std::move(*created);
  }

  // Same weights, same outputs (bit for bit) on fresh images, and the weights are not the
  // initial ones (the comparison would be vacuous otherwise).
  void expect_same_model(Trainer& original, Trainer& restored) {
    const Sequential& a = original.model();
    const Sequential& b = restored.model();
    ASSERT_EQ(a.trainable_count(), b.trainable_count());
    EXPECT_EQ(a.unpadded(a.parameters()), b.unpadded(b.parameters()));
    auto fresh = Trainer::create(config_, kImage, kClasses);
    ASSERT_TRUE(fresh.ok()) << fresh.error();
    EXPECT_NE((*fresh)->model().unpadded((*fresh)->model().parameters()),
              a.unpadded(a.parameters()));

    Rng rng(5);
    const auto x = random_values(rng, 5 * kImage.size(), 0.0f, 1.0f);
    const float* out_a = original.model().forward(x.data(), 5, PassContext{});
    const std::vector<float> ya(out_a, out_a + 5 * kClasses);
    const float* out_b = restored.model().forward(x.data(), 5, PassContext{});
    const std::vector<float> yb(out_b, out_b + 5 * kClasses);
    EXPECT_EQ(ya, yb);
    for (float v : ya) EXPECT_TRUE(std::isfinite(v));
    auto pa = original.predict(x.data(), kImage.size());
    auto pb = restored.predict(x.data(), kImage.size());
    ASSERT_TRUE(pa.ok()) << pa.error();
    ASSERT_TRUE(pb.ok()) << pb.error();
    EXPECT_EQ(*pa, *pb);
  }

  TrainConfig config_;
};

// Through the bytes of a model file: encode_model_file -> decode_model_file -> restore_trainer.
TEST_P(CnnModelFileTest, SaveLoadRoundTripGivesIdenticalOutputs) {
  auto original = trained();
  ASSERT_TRUE(original);
  const auto bytes = encode_model_file(snapshot_trainer(*original, true));
  Result<ModelFile> decoded = decode_model_file(bytes.data(), bytes.size());
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_EQ(decoded->config.model_spec, config_.model_spec);
  auto restored = restore_trainer(*decoded, kImage, kClasses);
  ASSERT_TRUE(restored.ok()) << restored.error();
  expect_same_model(*original, **restored);
}

// The same without the byte format: snapshot_trainer -> restore_trainer (isolates the layers'
// parameter layout from the file encoding).
TEST_P(CnnModelFileTest, SnapshotRestoreRoundTripGivesIdenticalOutputs) {
  auto original = trained();
  ASSERT_TRUE(original);
  auto restored = restore_trainer(snapshot_trainer(*original, true), kImage, kClasses);
  ASSERT_TRUE(restored.ok()) << restored.error();
  expect_same_model(*original, **restored);
}

INSTANTIATE_TEST_SUITE_P(
    Specs, CnnModelFileTest,
    ::testing::Values("input:12x12x1,conv:4:3x3:relu,maxpool:2,flatten,dense:10:softmax",
                      "input:12x12x1,conv:3:2x3:s2:same:tanh,avgpool:2:s1,dropout:0.25,"
                      "conv:2:3x3:relu,maxpool:2:s1,flatten,dense:10:softmax"));

// Every trainable parameter's gradient through a small CNN against a central difference of
// L = Σ output·r (no softmax), backpropagated by Sequential::backward from a random dL/dy = r.
struct WholeModelCase {
  const char* name;
  const char* spec;
  std::uint64_t seed;  // chosen so that no max-pool window holds a near-tie (checked below)
};

void PrintTo(const WholeModelCase& c, std::ostream* os) { *os << c.spec << " (seed " << c.seed << ")"; }

// The smallest gap between the largest and the second largest value of any max-pool window in
// the last forward pass. A ±ε probe that closes such a gap switches the window's argmax, and the
// finite difference then averages two slopes: a kink, not a bug.
double smallest_max_pool_gap(const Sequential& model, int batch) {
  double smallest = INFINITY;
  for (int l = 1; l < model.layer_count(); ++l) {
    const LayerSpec& spec = model.spec().layers[l];
    if (spec.type != LayerSpec::Type::kMaxPool) continue;
    const Shape s = model.layer(l).input_shape(), o = model.layer(l).output_shape();
    const float* a = model.activation(l - 1);
    for (int b = 0; b < batch; ++b)
      for (int c = 0; c < s.channels; ++c)
        for (int oy = 0; oy < o.height; ++oy)
          for (int ox = 0; ox < o.width; ++ox) {
            std::vector<float> window;
            for (int ky = 0; ky < spec.kernel_h; ++ky)
              for (int kx = 0; kx < spec.kernel_h; ++kx)
                window.push_back(a[((std::size_t(b) * s.channels + c) * s.height +
                                    oy * spec.stride + ky) * s.width + ox * spec.stride + kx]);
            std::sort(window.rbegin(), window.rend());
            smallest = std::min(smallest, double(window[0]) - window[1]);
          }
  }
  return smallest;
}

class CnnWholeModelGradientTest : public ::testing::TestWithParam<WholeModelCase> {};

TEST_P(CnnWholeModelGradientTest, BackwardMatchesFiniteDifferencesOnEveryParameter) {
  Result<Sequential> built = build_from(GetParam().spec);
  ASSERT_TRUE(built.ok()) << built.error();
  Sequential model = std::move(built).value();
  Rng rng(GetParam().seed);
  const auto values = random_values(rng, model.trainable_count(), -0.6f, 0.6f);
  model.set_from_unpadded(values.data(), model.parameters());
  const int in = model.input_shape().size(), out = model.output_shape().size();
  const auto x = random_values(rng, std::size_t(kBatch) * in, -1.0f, 1.0f);
  const auto r = random_values(rng, std::size_t(kBatch) * out, -1.0f, 1.0f);
  auto objective = [&] { return weighted_sum(model.forward(x.data(), kBatch, PassContext{}), r); };

  objective();
  ASSERT_GT(smallest_max_pool_gap(model, kBatch), 5e-3)
      << "a max-pool window holds a near-tie: choose another seed";
  std::fill(model.gradients(), model.gradients() + model.parameter_count(), kNaN);
  model.backward(x.data(), r.data(), model.layer_count() - 1, kBatch);
  const std::vector<float> grads(model.gradients(), model.gradients() + model.parameter_count());

  std::size_t checked = 0;
  for (int l = 0; l < model.layer_count(); ++l) {
    const std::size_t at = model.parameter_offset(l);
    for (std::size_t j = 0; j < model.layer(l).parameter_count(); ++j, ++checked) {
      const double numeric = central_difference(model.parameters() + at + j, 2e-3f, objective);
      expect_close(numeric, grads[at + j], 5e-4, 2e-3,
                   "layer " + std::to_string(l) + " (" + model.layer(l).spec() + ") parameter " +
                       std::to_string(j));
    }
  }
  EXPECT_EQ(checked, model.trainable_count());
}

INSTANTIATE_TEST_SUITE_P(
    Specs, CnnWholeModelGradientTest,
    ::testing::Values(
        WholeModelCase{"ConvAvgPoolConvDense",
                       "input:8x8x1,conv:3:3x3:s1:same:tanh,avgpool:2,conv:2:3x3:tanh,flatten,dense:4",
                       2024},
        WholeModelCase{"StridedConvMaxPoolDropoutConvDense",
                       "input:7x8x2,conv:3:3x2:s2:same:tanh,maxpool:2:s1,dropout:0.5,"
                       "conv:2:2x2:sigmoid,dense:3",
                       2025}),
    [](const ::testing::TestParamInfo<WholeModelCase>& info) { return info.param.name; });

}  // namespace
}  // namespace mnist
