// Tests of gemm() (the packed xsimd kernel) against gemm_reference() (its plain-loop twin): every
// transpose combination, accumulate on and off, strides wider than the matrices, and shapes around
// the SIMD width, the micro-tile (up to 6 x 16) and the cache blocks, plus the seed MLP's shapes
// and operands with the blank stretches gemm() skips.
// Unused stride padding of A and B holds NaN (so reading it poisons the result), C's padding holds a
// sentinel that must survive, and C itself starts as NaN unless accumulating (so every element
// must be written).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "core/kernels/gemm.h"
#include "core/util/rng.h"

namespace {

using mnist::kernels::Trans;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kPaddingSentinel = 1234.5f;
constexpr Trans kBothTrans[] = {Trans::kNo, Trans::kTrans};

const char* name(Trans t) { return t == Trans::kNo ? "N" : "T"; }

// A stored matrix of `rows` x `cols` with row stride cols + pad; the padding holds `padding`.
struct Stored {
  int rows, cols, ld;
  std::vector<float> values;

  Stored(int rows_, int cols_, int pad, float padding)
      : rows(rows_), cols(cols_), ld(cols_ + pad),
        values(static_cast<std::size_t>(rows_) * (cols_ + pad) + 1, padding) {}
  float& at(int r, int c) { return values[static_cast<std::size_t>(r) * ld + c]; }
  float at(int r, int c) const { return values[static_cast<std::size_t>(r) * ld + c]; }
};

struct GemmCase {
  Trans trans_a, trans_b;
  int M, N, K;
  int pad;  // extra floats per row in A, B and C
  bool accumulate;
  bool sparse = false;  // zero stretches along k in op(A), zero columns in op(B) (see below)

  std::string describe() const {
    return std::string("gemm(") + name(trans_a) + name(trans_b) + ", M=" + std::to_string(M) +
           " N=" + std::to_string(N) + " K=" + std::to_string(K) + ", pad=" +
           std::to_string(pad) + ", accumulate=" + (accumulate ? "true" : "false") +
           (sparse ? ", sparse" : "") + ")";
  }
};

// Zeros where gemm() skips work, as in a batch of MNIST images: op(A) (the images as rows) is
// blank for every row over k in [K/4, K/2) and at random elsewhere; op(B) (the images as columns)
// is blank in its first N/3 columns.
void blank_like_images(const GemmCase& tc, Stored& a, Stored& b, mnist::Rng& rng) {
  const bool a_plain = tc.trans_a == Trans::kNo, b_plain = tc.trans_b == Trans::kNo;
  for (int i = 0; i < tc.M; ++i)
    for (int k = 0; k < tc.K; ++k)
      if ((k >= tc.K / 4 && k < tc.K / 2) || rng.below(2) == 0) (a_plain ? a.at(i, k) : a.at(k, i)) = 0;
  for (int k = 0; k < tc.K; ++k)
    for (int j = 0; j < tc.N / 3; ++j) (b_plain ? b.at(k, j) : b.at(j, k)) = 0;
}

// Runs both kernels on the same random operands and compares every element of C. The tolerance
// is the classic bound for two float dot products of length K evaluated in different orders,
// relative to the sum of the magnitudes of the terms (and of the accumulated C).
void expect_matches_reference(const GemmCase& tc, mnist::Rng& rng) {
  SCOPED_TRACE(tc.describe());
  const bool a_plain = tc.trans_a == Trans::kNo, b_plain = tc.trans_b == Trans::kNo;
  Stored a(a_plain ? tc.M : tc.K, a_plain ? tc.K : tc.M, tc.pad, kNaN);
  Stored b(b_plain ? tc.K : tc.N, b_plain ? tc.N : tc.K, tc.pad, kNaN);
  Stored c(tc.M, tc.N, tc.pad, kPaddingSentinel);
  for (Stored* m : {&a, &b})
    for (int r = 0; r < m->rows; ++r)
      for (int col = 0; col < m->cols; ++col) m->at(r, col) = rng.uniform(-1.0f, 1.0f);
  if (tc.sparse) blank_like_images(tc, a, b, rng);
  for (int i = 0; i < tc.M; ++i)
    for (int j = 0; j < tc.N; ++j) c.at(i, j) = tc.accumulate ? rng.uniform(-1.0f, 1.0f) : kNaN;
  const Stored c_initial = c;
  Stored c_reference = c;

  mnist::kernels::gemm(tc.trans_a, tc.trans_b, tc.M, tc.N, tc.K, a.values.data(), a.ld,
                       b.values.data(), b.ld, c.values.data(), c.ld, tc.accumulate);
  mnist::kernels::gemm_reference(tc.trans_a, tc.trans_b, tc.M, tc.N, tc.K, a.values.data(), a.ld,
                                 b.values.data(), b.ld, c_reference.values.data(), c.ld,
                                 tc.accumulate);

  auto op_a = [&](int i, int k) { return a_plain ? a.at(i, k) : a.at(k, i); };
  auto op_b = [&](int k, int j) { return b_plain ? b.at(k, j) : b.at(j, k); };
  int failures = 0;
  for (int i = 0; i < tc.M && failures < 5; ++i) {
    for (int j = 0; j < tc.N && failures < 5; ++j) {
      double magnitude = tc.accumulate ? std::fabs(c_initial.at(i, j)) : 0.0;
      for (int k = 0; k < tc.K; ++k) magnitude += std::fabs(op_a(i, k) * op_b(k, j));
      const double tolerance = (tc.K + 2) * double(FLT_EPSILON) * magnitude + FLT_MIN;
      const float got = c.at(i, j), want = c_reference.at(i, j);
      if (!(std::fabs(double(got) - want) <= tolerance)) {
        ++failures;
        ADD_FAILURE() << "C(" << i << ", " << j << ") = " << got << ", reference " << want
                      << ", tolerance " << tolerance;
      }
    }
    for (int j = tc.N; j < c.ld; ++j)
      if (c.at(i, j) != kPaddingSentinel) {
        ++failures;
        ADD_FAILURE() << "padding C(" << i << ", " << j << ") overwritten with " << c.at(i, j);
      }
  }
}

TEST(KernelsGemm, MatchesReferenceOnAssortedShapes) {
  struct Shape {
    int M, N, K;
  };
  // Around the SIMD widths (4, 8), the micro-tile (6 x 16, 4 x 2 scalar), the k-slice (256) and
  // the A block (144 rows); N > 2048 crosses the B block.
  const Shape shapes[] = {
      {1, 1, 1},    {1, 1, 9},     {1, 17, 1},   {2, 3, 4},     {3, 5, 7},     {4, 4, 4},
      {5, 8, 16},   {6, 16, 1},    {7, 9, 15},   {6, 31, 17},   {12, 32, 33},  {13, 15, 31},
      {1, 100, 3},  {100, 1, 3},   {3, 7, 100},  {11, 33, 255}, {6, 16, 256},  {7, 17, 257},
      {9, 40, 513}, {145, 20, 3},  {150, 33, 5}, {289, 9, 2},   {3, 2100, 2},  {17, 257, 10},
  };
  mnist::Rng rng(20240601);
  for (const Shape& s : shapes)
    for (Trans trans_a : kBothTrans)
      for (Trans trans_b : kBothTrans)
        for (bool accumulate : {false, true})
          for (int pad : {0, 3})
            expect_matches_reference({trans_a, trans_b, s.M, s.N, s.K, pad, accumulate}, rng);
}

// The seed MLP (784-256-10, batch 32) in every layout, including the three that backprop uses:
// forward (N,T), weight gradient (T,N), input gradient (N,N).
TEST(KernelsGemm, MatchesReferenceOnMlpShapes) {
  struct Shape {
    int M, N, K;
  };
  const Shape shapes[] = {
      {32, 256, 784}, {256, 784, 32}, {32, 784, 256},  // hidden layer
      {32, 10, 256},  {10, 256, 32},  {32, 256, 10},   // output layer
      {1, 256, 784},  {1, 10, 256},                    // single-image inference
  };
  mnist::Rng rng(7);
  for (const Shape& s : shapes)
    for (Trans trans_a : kBothTrans)
      for (Trans trans_b : kBothTrans)
        for (bool accumulate : {false, true})
          expect_matches_reference({trans_a, trans_b, s.M, s.N, s.K, 0, accumulate}, rng);
}

// gemm() skips the k where a panel of op(A) is all zero and the panels of op(B) that are all zero:
// the results must be those of the full sums (and exactly 0 or unchanged C where op(B) is blank).
TEST(KernelsGemm, ZeroStretchesAndBlankColumnsGiveTheFullSums) {
  struct Shape {
    int M, N, K;
  };
  const Shape shapes[] = {{32, 256, 784}, {256, 784, 32}, {8, 576, 25}, {7, 50, 300}, {13, 9, 1}};
  mnist::Rng rng(4242);
  for (const Shape& s : shapes)
    for (Trans trans_a : kBothTrans)
      for (Trans trans_b : kBothTrans)
        for (bool accumulate : {false, true})
          expect_matches_reference({trans_a, trans_b, s.M, s.N, s.K, 1, accumulate, true}, rng);
}

// Reusing the packing scratch after a larger call must not leak its stale contents.
TEST(KernelsGemm, SmallCallAfterLargeCall) {
  mnist::Rng rng(99);
  expect_matches_reference({Trans::kNo, Trans::kTrans, 64, 300, 600, 1, false}, rng);
  expect_matches_reference({Trans::kNo, Trans::kTrans, 5, 9, 3, 0, false}, rng);
  expect_matches_reference({Trans::kTrans, Trans::kNo, 2, 3, 1, 2, true}, rng);
}

TEST(KernelsGemm, EmptyProducts) {
  const float a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
  for (bool accumulate : {false, true}) {
    SCOPED_TRACE(accumulate ? "accumulate" : "overwrite");
    // M or N = 0: nothing to write.
    float c[4] = {kPaddingSentinel, kPaddingSentinel, kPaddingSentinel, kPaddingSentinel};
    mnist::kernels::gemm(Trans::kNo, Trans::kNo, 0, 2, 2, a, 2, b, 2, c, 2, accumulate);
    mnist::kernels::gemm(Trans::kNo, Trans::kNo, 2, 0, 2, a, 2, b, 2, c, 2, accumulate);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(c[i], kPaddingSentinel) << "at " << i;
    // K = 0: the empty sum is 0, so C becomes 0 or stays as it was; its padding (column 2) stays.
    float c_k0[6] = {1, 2, kPaddingSentinel, 3, 4, kPaddingSentinel};
    mnist::kernels::gemm(Trans::kTrans, Trans::kTrans, 2, 2, 0, a, 2, b, 2, c_k0, 3, accumulate);
    const float expected[6] = {accumulate ? 1.0f : 0.0f, accumulate ? 2.0f : 0.0f,
                               kPaddingSentinel,           accumulate ? 3.0f : 0.0f,
                               accumulate ? 4.0f : 0.0f,   kPaddingSentinel};
    for (int i = 0; i < 6; ++i) EXPECT_EQ(c_k0[i], expected[i]) << "at " << i;
  }
}

TEST(KernelsGemm, SmallProductByHand) {
  // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50], then accumulated once more.
  const float a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
  float c[4] = {kNaN, kNaN, kNaN, kNaN};
  mnist::kernels::gemm(Trans::kNo, Trans::kNo, 2, 2, 2, a, 2, b, 2, c, 2, false);
  EXPECT_EQ(c[0], 19.0f);
  EXPECT_EQ(c[1], 22.0f);
  EXPECT_EQ(c[2], 43.0f);
  EXPECT_EQ(c[3], 50.0f);
  // Aᵀ·Bᵀ = (B·A)ᵀ = [23 31; 34 46]ᵀ, added to C.
  mnist::kernels::gemm(Trans::kTrans, Trans::kTrans, 2, 2, 2, a, 2, b, 2, c, 2, true);
  EXPECT_EQ(c[0], 19.0f + 23.0f);
  EXPECT_EQ(c[1], 22.0f + 31.0f);
  EXPECT_EQ(c[2], 43.0f + 34.0f);
  EXPECT_EQ(c[3], 50.0f + 46.0f);
}

// What counts as a blank stretch: +0 and -0 are skipped (the sums do not change), a NaN or an
// infinity among zeros is not (it must reach its row of C).
TEST(KernelsGemm, NegativeZerosAreBlankButNaNAndInfinityAreNot) {
  constexpr int M = 7, N = 19, K = 40;
  std::vector<float> a(M * K), b(K * N), c(M * N, kNaN);
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < K; ++k) a[i * K + k] = (k + i) % 2 ? -0.0f : 0.0f;
  for (float& v : b) v = 1.5f;
  a[2 * K + 17] = kNaN;
  a[5 * K + 33] = std::numeric_limits<float>::infinity();
  mnist::kernels::gemm(Trans::kNo, Trans::kNo, M, N, K, a.data(), K, b.data(), N, c.data(), N,
                       false);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      SCOPED_TRACE(testing::Message() << "C[" << i << "][" << j << "]");
      if (i == 2) EXPECT_TRUE(std::isnan(c[i * N + j]));
      else if (i == 5) EXPECT_EQ(c[i * N + j], std::numeric_limits<float>::infinity());
      else EXPECT_EQ(c[i * N + j], 0.0f);
    }
}

TEST(KernelsGemm, ReportsItsArchitecture) {
  const std::string arch = mnist::kernels::simd_arch_name();
  EXPECT_FALSE(arch.empty());
  RecordProperty("simd_arch", arch);
}

}  // namespace
