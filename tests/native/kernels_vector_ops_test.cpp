// Tests of the xsimd kernels of vector_ops.h against their *_reference twins, at lengths below, at,
// above and at multiples of the SIMD widths (4 and 8 lanes) so both the main loop and the tail
// run. Outputs start as NaN so an element left unwritten fails; in-place use is checked where the
// header allows it; reductions, argmax ties, all_finite's NaN/inf detection at every position, and
// a few optimizer steps computed by hand.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/kernels/vector_ops.h"
#include "core/util/rng.h"

namespace {

namespace k = mnist::kernels;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
const int kLengths[] = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 100, 257};

std::vector<float> random_vector(int n, mnist::Rng& rng, float lo = -1.0f, float hi = 1.0f) {
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(lo, hi);
  return v;
}

std::vector<float> nan_vector(int n) { return std::vector<float>(n, kNaN); }

// Element-wise comparison: |got - want| <= rel * |want| + abs (NaN matches only NaN), reporting the
// first few mismatching indices.
void expect_close(const std::vector<float>& got, const std::vector<float>& want, float rel = 0.0f,
                  float abs = 0.0f) {
  ASSERT_EQ(got.size(), want.size());
  int failures = 0;
  for (std::size_t i = 0; i < got.size() && failures < 5; ++i) {
    const bool both_nan = std::isnan(got[i]) && std::isnan(want[i]);
    if (both_nan || got[i] == want[i] || std::fabs(got[i] - want[i]) <= rel * std::fabs(want[i]) + abs)
      continue;
    ++failures;
    ADD_FAILURE() << "index " << i << ": got " << got[i] << ", reference " << want[i];
  }
}

// Relative accuracy of xsimd's exp/tanh against libm, plus the float rounding of 1/(1+e).
constexpr float kTranscendentalRel = 4e-7f;
constexpr float kTranscendentalAbs = 1e-37f;

TEST(KernelsVectorOps, BiasAdd) {
  mnist::Rng rng(1);
  for (int rows : {0, 1, 3, 5})
    for (int cols : kLengths) {
      SCOPED_TRACE(testing::Message() << "rows=" << rows << " cols=" << cols);
      const std::vector<float> bias = random_vector(cols, rng);
      std::vector<float> y = random_vector(rows * cols, rng), y_ref = y;
      k::bias_add(rows, cols, bias.data(), y.data());
      k::bias_add_reference(rows, cols, bias.data(), y_ref.data());
      expect_close(y, y_ref);
    }
}

TEST(KernelsVectorOps, AddScalar) {
  mnist::Rng rng(13);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng);
    const float a = rng.uniform(-1.0f, 1.0f);
    std::vector<float> y = nan_vector(n), y_ref = nan_vector(n);
    k::add_scalar(n, a, x.data(), y.data());
    k::add_scalar_reference(n, a, x.data(), y_ref.data());
    expect_close(y, y_ref);
  }
}

TEST(KernelsVectorOps, Multiply) {
  mnist::Rng rng(14);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng), y = random_vector(n, rng);
    std::vector<float> z = nan_vector(n), z_ref = nan_vector(n);
    k::multiply(n, x.data(), y.data(), z.data());
    k::multiply_reference(n, x.data(), y.data(), z_ref.data());
    expect_close(z, z_ref);
    std::vector<float> in_place = x;
    k::multiply(n, in_place.data(), y.data(), in_place.data());
    SCOPED_TRACE("in place");
    expect_close(in_place, z_ref);
  }
}

TEST(KernelsVectorOps, ColumnSums) {
  mnist::Rng rng(2);
  for (int rows : {0, 1, 2, 5, 32})
    for (int cols : kLengths) {
      SCOPED_TRACE(testing::Message() << "rows=" << rows << " cols=" << cols);
      const std::vector<float> dy = random_vector(rows * cols, rng);
      std::vector<float> db = nan_vector(cols), db_ref = nan_vector(cols);
      k::column_sums(rows, cols, dy.data(), db.data());
      k::column_sums_reference(rows, cols, dy.data(), db_ref.data());
      expect_close(db, db_ref);  // same additions in the same order: exact
    }
}

// Pooling's vertical pass: windows of 1..3 rows whose rows lie further apart than the width
// (stride > width), as inside a padded image row.
TEST(KernelsVectorOps, PoolingColumnMaxAndSum) {
  mnist::Rng rng(12);
  for (int rows : {1, 2, 3})
    for (int width : kLengths) {
      SCOPED_TRACE(testing::Message() << "rows=" << rows << " width=" << width);
      const int stride = width + 5;
      std::vector<float> x = random_vector(rows * stride, rng);
      // Ties between rows in some columns: the first row must win.
      for (int i = 0; i < width; i += 3)
        if (rows > 1) x[stride + i] = x[i];
      std::vector<float> out = nan_vector(width), out_ref = nan_vector(width);
      std::vector<float> row = nan_vector(width), row_ref = nan_vector(width);
      k::column_max(rows, width, stride, x.data(), out.data(), row.data());
      k::column_max_reference(rows, width, stride, x.data(), out_ref.data(), row_ref.data());
      expect_close(out, out_ref);
      expect_close(row, row_ref);
      std::vector<float> sum = nan_vector(width), sum_ref = nan_vector(width);
      k::column_sum(rows, width, stride, x.data(), sum.data());
      k::column_sum_reference(rows, width, stride, x.data(), sum_ref.data());
      expect_close(sum, sum_ref);  // same additions in the same order: exact
    }
}

TEST(KernelsVectorOps, PoolingColumnMaxByHand) {
  // Two rows of 5, stride 6: column maxima and the row each came from (ties go to row 0).
  const float x[] = {1, 5, 3, 7, -2, 99,
                     2, 4, 3, 8, -1, 99};
  float out[5], row[5];
  k::column_max(2, 5, 6, x, out, row);
  const float want_out[] = {2, 5, 3, 8, -1}, want_row[] = {1, 0, 0, 1, 1};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(out[i], want_out[i]) << "index " << i;
    EXPECT_EQ(row[i], want_row[i]) << "index " << i;
  }
}

// 2 x 2 max pooling of a pair of rows at every length class, with ties between and within the
// columns (the first must win) and NaNs in every position of a window.
TEST(KernelsVectorOps, MaxPool2x2) {
  mnist::Rng rng(13);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    std::vector<float> top = random_vector(2 * n + 1, rng), bottom = random_vector(2 * n + 1, rng);
    for (int i = 0; i + 1 < 2 * n; i += 6) top[i + 1] = top[i];        // tie across
    for (int i = 2; i < 2 * n; i += 6) bottom[i] = top[i];             // tie down a column
    for (int i = 0; i < 2 * n; i += 7) (i % 2 ? bottom : top)[i] = kNaN;
    for (int i = 3; i < 2 * n; i += 11) (i % 3 ? top : bottom)[i] = kNaN;
    std::vector<float> out = nan_vector(n), out_ref = nan_vector(n);
    std::vector<std::int32_t> where(n, -1), where_ref(n, -1);
    k::max_pool_2x2(n, top.data(), bottom.data(), 1000, 37, out.data(), where.data());
    k::max_pool_2x2_reference(n, top.data(), bottom.data(), 1000, 37, out_ref.data(),
                              where_ref.data());
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(where[i], where_ref[i]) << "output " << i;
      if (std::isnan(out_ref[i])) EXPECT_TRUE(std::isnan(out[i])) << "output " << i;
      else EXPECT_EQ(out[i], out_ref[i]) << "output " << i;
    }
  }
}

TEST(KernelsVectorOps, MaxPool2x2ByHand) {
  // Windows (top row over bottom row): bottom right largest; all equal (top left); top right
  // largest; NaN at top left (it stays: nothing is larger than NaN); NaN at bottom right
  // (never wins); and then a 6th and 7th so a 4-lane pass has a tail.
  const float top[] = {1, 2, 5, 5, 1, 9, kNaN, 3, 1, 2, 0, 0, 4, 1};
  const float bottom[] = {0, 3, 5, 5, 2, 8, 7, 7, 0, kNaN, 0, 6, 4, 5};
  float out[7];
  std::int32_t where[7];
  k::max_pool_2x2(7, top, bottom, 100, 28, out, where);
  const float want_out[] = {3, 5, 9, kNaN, 2, 6, 5};
  const std::int32_t want_where[] = {100 + 28 + 1, 100 + 2, 100 + 5, 100 + 6, 100 + 9,
                                     100 + 28 + 11, 100 + 28 + 13};
  for (int i = 0; i < 7; ++i) {
    if (i == 3) EXPECT_TRUE(std::isnan(out[i]));
    else EXPECT_EQ(out[i], want_out[i]) << "output " << i;
    EXPECT_EQ(where[i], want_where[i]) << "output " << i;
  }
}

// Forward activations y = f(x), out of place and in place.
using Forward = void (*)(int, const float*, float*);

void check_forward(Forward kernel, Forward reference, float rel, float abs, float range) {
  mnist::Rng rng(3);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng, -range, range);
    std::vector<float> y = nan_vector(n), y_ref = nan_vector(n);
    kernel(n, x.data(), y.data());
    reference(n, x.data(), y_ref.data());
    expect_close(y, y_ref, rel, abs);
    std::vector<float> in_place = x;
    kernel(n, in_place.data(), in_place.data());
    SCOPED_TRACE("in place");
    expect_close(in_place, y_ref, rel, abs);
  }
}

TEST(KernelsVectorOps, ReluForward) {
  check_forward(k::relu_forward, k::relu_forward_reference, 0.0f, 0.0f, 5.0f);
}
TEST(KernelsVectorOps, LeakyReluForward) {
  auto leaky = [](int n, const float* x, float* y) { k::leaky_relu_forward(n, 0.01f, x, y); };
  auto leaky_ref = [](int n, const float* x, float* y) {
    k::leaky_relu_forward_reference(n, 0.01f, x, y);
  };
  check_forward(leaky, leaky_ref, 0.0f, 0.0f, 5.0f);
}
TEST(KernelsVectorOps, SigmoidForward) {  // +-100 also checks the saturation to exactly 0 and 1
  check_forward(k::sigmoid_forward, k::sigmoid_forward_reference, kTranscendentalRel,
                kTranscendentalAbs, 100.0f);
  check_forward(k::sigmoid_forward, k::sigmoid_forward_reference, kTranscendentalRel,
                kTranscendentalAbs, 4.0f);
}
TEST(KernelsVectorOps, TanhForward) {
  check_forward(k::tanh_forward, k::tanh_forward_reference, kTranscendentalRel, kTranscendentalAbs,
                20.0f);
  check_forward(k::tanh_forward, k::tanh_forward_reference, kTranscendentalRel, kTranscendentalAbs,
                0.5f);
}

// Backward activations dx = dy * f'(s), s being x or y; out of place and in place (dx == dy).
using Backward = void (*)(int, const float*, const float*, float*);

void check_backward(Backward kernel, Backward reference, float s_lo, float s_hi) {
  mnist::Rng rng(4);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> s = random_vector(n, rng, s_lo, s_hi);
    const std::vector<float> dy = random_vector(n, rng);
    std::vector<float> dx = nan_vector(n), dx_ref = nan_vector(n);
    kernel(n, s.data(), dy.data(), dx.data());
    reference(n, s.data(), dy.data(), dx_ref.data());
    // f'(s) like 1 - y² cancels near |y| = 1: an FMA-contracted and a plain evaluation may then
    // differ by a rounding of the 1 (|dy| <= 1), hence the absolute term.
    expect_close(dx, dx_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
    std::vector<float> in_place = dy;
    kernel(n, s.data(), in_place.data(), in_place.data());
    SCOPED_TRACE("in place");
    expect_close(in_place, dx_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
  }
}

TEST(KernelsVectorOps, ReluBackward) {
  check_backward(k::relu_backward, k::relu_backward_reference, -1.0f, 1.0f);
}
TEST(KernelsVectorOps, LeakyReluBackward) {
  auto leaky = [](int n, const float* x, const float* dy, float* dx) {
    k::leaky_relu_backward(n, 0.2f, x, dy, dx);
  };
  auto leaky_ref = [](int n, const float* x, const float* dy, float* dx) {
    k::leaky_relu_backward_reference(n, 0.2f, x, dy, dx);
  };
  check_backward(leaky, leaky_ref, -1.0f, 1.0f);
}
TEST(KernelsVectorOps, SigmoidBackward) {
  check_backward(k::sigmoid_backward, k::sigmoid_backward_reference, 0.0f, 1.0f);
}
TEST(KernelsVectorOps, TanhBackward) {
  check_backward(k::tanh_backward, k::tanh_backward_reference, -1.0f, 1.0f);
}

TEST(KernelsVectorOps, ReluTreatsZeroAndNaNAsInactive) {
  const std::vector<float> x = {0.0f, -0.0f, kNaN, 2.0f, -2.0f, 0.0f, kNaN, 1.0f, -1.0f, kNaN};
  std::vector<float> y = nan_vector(10), y_ref = nan_vector(10);
  k::relu_forward(10, x.data(), y.data());
  k::relu_forward_reference(10, x.data(), y_ref.data());
  expect_close(y, y_ref);
  EXPECT_EQ(y[2], 0.0f);
  EXPECT_EQ(y[9], 0.0f);
}

TEST(KernelsVectorOps, SoftmaxRows) {
  mnist::Rng rng(5);
  for (int rows : {1, 3, 32})
    for (int cols : kLengths) {
      SCOPED_TRACE(testing::Message() << "rows=" << rows << " cols=" << cols);
      const std::vector<float> x = random_vector(rows * cols, rng, -30.0f, 30.0f);
      std::vector<float> y = nan_vector(rows * cols), y_ref = nan_vector(rows * cols);
      k::softmax_rows(rows, cols, x.data(), y.data());
      k::softmax_rows_reference(rows, cols, x.data(), y_ref.data());
      expect_close(y, y_ref, 1e-6f, 1e-37f);
      for (int r = 0; r < rows && cols > 0; ++r) {
        double total = 0.0;
        for (int c = 0; c < cols; ++c) total += y[r * cols + c];
        EXPECT_NEAR(total, 1.0, 1e-5) << "row " << r;
      }
    }
}

TEST(KernelsVectorOps, SoftmaxRowsSurvivesLargeLogits) {
  const std::vector<float> x = {1000.0f, 999.0f, -1000.0f, 1000.0f, 0.0f, 3e38f, -3e38f, 3e38f, 1.0f};
  std::vector<float> y = nan_vector(9), y_ref = nan_vector(9);
  k::softmax_rows(1, 9, x.data(), y.data());
  k::softmax_rows_reference(1, 9, x.data(), y_ref.data());
  expect_close(y, y_ref, 1e-6f, 1e-37f);
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(std::isfinite(y[i])) << "index " << i;
}

TEST(KernelsVectorOps, SoftmaxRowsBackward) {
  mnist::Rng rng(6);
  for (int rows : {0, 1, 3, 32})
    for (int cols : kLengths) {
      SCOPED_TRACE(testing::Message() << "rows=" << rows << " cols=" << cols);
      std::vector<float> x = random_vector(rows * cols, rng, -5.0f, 5.0f);
      std::vector<float> y(rows * cols);
      k::softmax_rows_reference(rows, cols, x.data(), y.data());
      const std::vector<float> dy = random_vector(rows * cols, rng);
      std::vector<float> dx = nan_vector(rows * cols), dx_ref = nan_vector(rows * cols);
      k::softmax_rows_backward(rows, cols, y.data(), dy.data(), dx.data());
      k::softmax_rows_backward_reference(rows, cols, y.data(), dy.data(), dx_ref.data());
      // The inner sum(dy * y) (|dy| <= 1, sum(y) = 1) may round differently: ~cols ulps of 1.
      expect_close(dx, dx_ref, 1e-6f, (cols + 2) * FLT_EPSILON);
      std::vector<float> in_place = dy;
      k::softmax_rows_backward(rows, cols, y.data(), in_place.data(), in_place.data());
      SCOPED_TRACE("in place");
      expect_close(in_place, dx_ref, 1e-6f, (cols + 2) * FLT_EPSILON);
    }
}

TEST(KernelsVectorOps, SumAndDot) {
  mnist::Rng rng(7);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng), y = random_vector(n, rng);
    double x_magnitude = 0.0, xy_magnitude = 0.0;
    for (int i = 0; i < n; ++i) {
      x_magnitude += std::fabs(x[i]);
      xy_magnitude += std::fabs(x[i] * y[i]);
    }
    EXPECT_NEAR(k::sum(n, x.data()), k::sum_reference(n, x.data()),
                (n + 1) * FLT_EPSILON * x_magnitude);
    EXPECT_NEAR(k::dot(n, x.data(), y.data()), k::dot_reference(n, x.data(), y.data()),
                (n + 1) * FLT_EPSILON * xy_magnitude);
  }
}

TEST(KernelsVectorOps, MaxValueAndArgmax) {
  mnist::Rng rng(8);
  for (int n : kLengths) {
    if (n == 0) continue;  // both need n >= 1
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng, -100.0f, -1.0f);  // all negative
    EXPECT_EQ(k::max_value(n, x.data()), k::max_value_reference(n, x.data()));
    EXPECT_EQ(k::argmax(n, x.data()), k::argmax_reference(n, x.data()));
  }
}

TEST(KernelsVectorOps, ArgmaxTakesTheFirstOfTies) {
  for (int n : kLengths) {
    if (n == 0) continue;
    SCOPED_TRACE(testing::Message() << "n=" << n);
    EXPECT_EQ(k::argmax(n, std::vector<float>(n, 3.0f).data()), 0);
    // Equal maxima at every pair of positions (first, second), across lanes and the tail.
    for (int first = 0; first < n; first += 1 + n / 12)
      for (int second = first + 1; second < n; second += 1 + n / 12) {
        std::vector<float> x(n, -1.0f);
        x[first] = x[second] = 5.0f;
        ASSERT_EQ(k::argmax(n, x.data()), first) << "maxima at " << first << " and " << second;
        ASSERT_EQ(k::argmax_reference(n, x.data()), first);
      }
  }
}

TEST(KernelsVectorOps, MaxValueAndArgmaxSkipNaNLikeTheReference) {
  for (int n : {2, 9, 17}) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    for (int position = 0; position < n; ++position) {
      std::vector<float> x(n);
      for (int i = 0; i < n; ++i) x[i] = static_cast<float>((i * 7) % n);
      x[position] = kNaN;
      const float max_ref = k::max_value_reference(n, x.data());
      const float max_got = k::max_value(n, x.data());
      EXPECT_TRUE(max_got == max_ref || (std::isnan(max_got) && std::isnan(max_ref)))
          << "NaN at " << position << ": got " << max_got << ", reference " << max_ref;
      EXPECT_EQ(k::argmax(n, x.data()), k::argmax_reference(n, x.data())) << "NaN at " << position;
    }
  }
}

TEST(KernelsVectorOps, AllFinite) {
  mnist::Rng rng(9);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    std::vector<float> x = random_vector(n, rng, -10.0f, 10.0f);
    if (n >= 2) {  // the extremes are finite; x * 0 must not overflow on them
      x[0] = FLT_MAX;
      x[n - 1] = -FLT_MAX;
    }
    EXPECT_TRUE(k::all_finite(n, x.data()));
    EXPECT_TRUE(k::all_finite_reference(n, x.data()));
    for (int position = 0; position < n; ++position)
      for (float bad : {kNaN, kInf, -kInf}) {
        const float saved = x[position];
        x[position] = bad;
        EXPECT_FALSE(k::all_finite(n, x.data())) << bad << " at index " << position;
        EXPECT_FALSE(k::all_finite_reference(n, x.data())) << bad << " at index " << position;
        x[position] = saved;
      }
  }
}

TEST(KernelsVectorOps, AxpyAndScale) {
  mnist::Rng rng(10);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> x = random_vector(n, rng);
    std::vector<float> y = random_vector(n, rng), y_ref = y;
    k::axpy(n, -0.37f, x.data(), y.data());
    k::axpy_reference(n, -0.37f, x.data(), y_ref.data());
    expect_close(y, y_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
    std::vector<float> s = x, s_ref = x;
    k::scale(n, 1.7f, s.data());
    k::scale_reference(n, 1.7f, s_ref.data());
    expect_close(s, s_ref);
  }
}

TEST(KernelsVectorOps, BytesToFloats) {
  mnist::Rng rng(11);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    std::vector<std::uint8_t> src(n);
    for (int i = 0; i < n; ++i) src[i] = static_cast<std::uint8_t>(i < 2 ? 255 * i : rng.below(256));
    std::vector<float> dst = nan_vector(n), dst_ref = nan_vector(n);
    k::bytes_to_floats(n, src.data(), 1.0f / 255.0f, dst.data());
    k::bytes_to_floats_reference(n, src.data(), 1.0f / 255.0f, dst_ref.data());
    expect_close(dst, dst_ref);
    if (n >= 2) {
      EXPECT_EQ(dst[0], 0.0f);
      EXPECT_FLOAT_EQ(dst[1], 1.0f);
    }
  }
}

TEST(KernelsVectorOps, OptimizersMatchReference) {
  mnist::Rng rng(12);
  for (int n : kLengths) {
    SCOPED_TRACE(testing::Message() << "n=" << n);
    const std::vector<float> g = random_vector(n, rng);
    std::vector<float> p = random_vector(n, rng), p_ref = p;
    k::sgd_update(n, 0.05f, g.data(), p.data());
    k::sgd_update_reference(n, 0.05f, g.data(), p_ref.data());
    expect_close(p, p_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);

    for (bool nesterov : {false, true}) {
      SCOPED_TRACE(nesterov ? "nesterov" : "momentum");
      std::vector<float> v = random_vector(n, rng), v_ref = v;
      std::vector<float> pm = random_vector(n, rng), pm_ref = pm;
      k::momentum_update(n, 0.1f, 0.9f, nesterov, g.data(), v.data(), pm.data());
      k::momentum_update_reference(n, 0.1f, 0.9f, nesterov, g.data(), v_ref.data(), pm_ref.data());
      expect_close(v, v_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
      expect_close(pm, pm_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
    }

    std::vector<float> m = random_vector(n, rng), m_ref = m;
    std::vector<float> v = random_vector(n, rng, 0.0f, 1.0f), v_ref = v;
    std::vector<float> pa = random_vector(n, rng), pa_ref = pa;
    k::adam_update(n, 1e-3f, 0.9f, 0.999f, 1e-8f, g.data(), m.data(), v.data(), pa.data());
    k::adam_update_reference(n, 1e-3f, 0.9f, 0.999f, 1e-8f, g.data(), m_ref.data(), v_ref.data(),
                             pa_ref.data());
    expect_close(m, m_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
    expect_close(v, v_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
    expect_close(pa, pa_ref, 2 * FLT_EPSILON, 2 * FLT_EPSILON);
  }
}

// A weight whose gradient stays zero (a border pixel's): its momentum and moments shrink every
// step and must reach exactly zero instead of lingering as subnormals, in both twins, in the main
// loop and in the tail; a moment at the threshold or above is kept as computed.
TEST(KernelsVectorOps, OptimizerStateNeverSubnormal) {
  constexpr int n = 19;
  const std::vector<float> g(n, 0.0f);
  const auto expect_zero_or_normal = [](const std::vector<float>& state, const char* what) {
    for (float x : state) EXPECT_TRUE(x == 0.0f || std::fpclassify(x) == FP_NORMAL) << what << " " << x;
  };
  std::vector<float> v(n, 1e-3f), v_ref = v, m(n, 1e-3f), m_ref = m, s(n, 1e-6f), s_ref = s;
  std::vector<float> p(n, 0.5f), p_ref = p;
  for (int step = 0; step < 1500; ++step) {
    k::momentum_update(n, 0.1f, 0.9f, false, g.data(), v.data(), p.data());
    k::momentum_update_reference(n, 0.1f, 0.9f, false, g.data(), v_ref.data(), p_ref.data());
    k::adam_update(n, 1e-3f, 0.9f, 0.999f, 1e-8f, g.data(), m.data(), s.data(), p.data());
    k::adam_update_reference(n, 1e-3f, 0.9f, 0.999f, 1e-8f, g.data(), m_ref.data(), s_ref.data(),
                             p_ref.data());
    for (const auto* state : {&v, &v_ref, &m, &m_ref, &s, &s_ref}) expect_zero_or_normal(*state, "state");
  }
  // 1e-3 * 0.9^1500 is about 1e-72: long since zero. 1e-6 * 0.999^1500 is about 2e-7: kept.
  EXPECT_EQ(v[0], 0.0f);
  EXPECT_EQ(v[n - 1], 0.0f);
  EXPECT_EQ(m_ref[n - 1], 0.0f);
  EXPECT_EQ(m[0], 0.0f);
  EXPECT_NEAR(s[n - 1], 1e-6f * std::pow(0.999f, 1500.0f), 1e-9f);
  EXPECT_EQ(s, s_ref);

  std::vector<float> at_threshold(n, k::kTinyState * 1.2f), at_ref = at_threshold;  // 1.08x after
  k::momentum_update(n, 0.1f, 0.9f, false, g.data(), at_threshold.data(), p.data());
  k::momentum_update_reference(n, 0.1f, 0.9f, false, g.data(), at_ref.data(), p_ref.data());
  EXPECT_NE(at_threshold[0], 0.0f);
  EXPECT_NE(at_threshold[n - 1], 0.0f);
  EXPECT_EQ(at_threshold, at_ref);
}

// One step by hand, on element 0 (main loop) and element 16 (the tail for 4 and 8 lanes).
TEST(KernelsVectorOps, OptimizerStepsByHand) {
  constexpr int n = 17;
  std::vector<float> g(n, 0.0f);
  g[0] = 0.5f;
  g[16] = 1.0f;

  std::vector<float> p(n, 1.0f);
  k::sgd_update(n, 0.1f, g.data(), p.data());
  EXPECT_FLOAT_EQ(p[0], 0.95f);  // 1 - 0.1 * 0.5
  EXPECT_FLOAT_EQ(p[16], 0.9f);  // 1 - 0.1 * 1
  EXPECT_FLOAT_EQ(p[5], 1.0f);

  std::vector<float> v(n, 2.0f);
  p.assign(n, 1.0f);
  k::momentum_update(n, 0.1f, 0.9f, false, g.data(), v.data(), p.data());
  EXPECT_FLOAT_EQ(v[0], 2.3f);    // 0.9 * 2 + 0.5
  EXPECT_FLOAT_EQ(p[0], 0.77f);   // 1 - 0.1 * 2.3
  EXPECT_FLOAT_EQ(v[16], 2.8f);   // 0.9 * 2 + 1
  EXPECT_FLOAT_EQ(p[16], 0.72f);  // 1 - 0.1 * 2.8

  v.assign(n, 2.0f);
  p.assign(n, 1.0f);
  k::momentum_update(n, 0.1f, 0.9f, true, g.data(), v.data(), p.data());
  EXPECT_FLOAT_EQ(v[16], 2.8f);
  EXPECT_FLOAT_EQ(p[16], 0.648f);  // 1 - 0.1 * (1 + 0.9 * 2.8)
  EXPECT_FLOAT_EQ(p[0], 0.743f);   // 1 - 0.1 * (0.5 + 0.9 * 2.3)

  std::vector<float> m(n, 0.0f);
  v.assign(n, 0.0f);
  p.assign(n, 1.0f);
  g[16] = 2.0f;
  k::adam_update(n, 0.01f, 0.9f, 0.999f, 1e-8f, g.data(), m.data(), v.data(), p.data());
  EXPECT_FLOAT_EQ(m[16], 0.2f);    // 0.1 * 2
  EXPECT_FLOAT_EQ(v[16], (1.0f - 0.999f) * 4.0f);  // ~0.004: 1 - 0.999f is 0.00099999 in float
  EXPECT_NEAR(p[16], 1.0f - 0.01f * 0.2f / (std::sqrt(0.004f) + 1e-8f), 1e-6f);  // 0.968377
  EXPECT_NEAR(p[16], 0.968377f, 1e-6f);
  EXPECT_FLOAT_EQ(m[0], 0.05f);      // 0.1 * 0.5
  EXPECT_FLOAT_EQ(v[0], (1.0f - 0.999f) * 0.25f);
  EXPECT_NEAR(p[0], 0.968377f, 1e-6f);  // m / sqrt(v) is 0.05 / 0.0158 = 3.16 again
  EXPECT_EQ(p[5], 1.0f);             // zero gradient: m = v = 0, p unchanged
}

}  // namespace
