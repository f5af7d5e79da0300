// gemm_abt (C = A·Bᵀ with rows of A and B contiguous along K) against its plain-loop twin: M and N
// below, at and above the register tile (4 x 3), K around the SIMD widths (4, 8, 16 lanes) so the
// vector loop and the tail both run, accumulate on and off, row strides wider than the rows.
// Stride padding of A and B holds NaN (reading it poisons the result), C's padding a sentinel that
// must survive, and C starts as NaN unless accumulating (every element must be written).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <vector>

#include "core/kernels/gemm_abt.h"
#include "core/util/rng.h"

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kSentinel = 1234.5f;
constexpr int kPad = 3;

std::vector<float> matrix(int rows, int cols, float padding, mnist::Rng& rng) {
  std::vector<float> m(std::size_t(rows) * (cols + kPad), padding);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m[std::size_t(r) * (cols + kPad) + c] = rng.uniform(-1.0f, 1.0f);
  return m;
}

void expect_matches_reference(int M, int N, int K, bool accumulate, mnist::Rng& rng) {
  SCOPED_TRACE(testing::Message() << "M=" << M << " N=" << N << " K=" << K
                                  << " accumulate=" << accumulate);
  const std::vector<float> a = matrix(M, K, kNaN, rng), b = matrix(N, K, kNaN, rng);
  std::vector<float> c = matrix(M, N, kSentinel, rng);
  if (!accumulate)
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) c[std::size_t(i) * (N + kPad) + j] = kNaN;
  std::vector<float> c_ref = c;
  const int lda = K + kPad, ldb = K + kPad, ldc = N + kPad;
  mnist::kernels::gemm_abt(M, N, K, a.data(), lda, b.data(), ldb, c.data(), ldc, accumulate);
  mnist::kernels::gemm_abt_reference(M, N, K, a.data(), lda, b.data(), ldb, c_ref.data(), ldc,
                                     accumulate);
  int failures = 0;
  for (int i = 0; i < M && failures < 5; ++i)
    for (int j = 0; j < N + kPad && failures < 5; ++j) {
      const std::size_t at = std::size_t(i) * ldc + j;
      if (j >= N) {
        if (c[at] != kSentinel) ++failures, ADD_FAILURE() << "padding C(" << i << ", " << j << ") overwritten";
        continue;
      }
      // Two float dot products of length K summed in different orders.
      const double tolerance = (K + 2) * double(FLT_EPSILON) * (K + 1) + FLT_MIN;
      if (!(std::fabs(double(c[at]) - c_ref[at]) <= tolerance))
        ++failures, ADD_FAILURE() << "C(" << i << ", " << j << ") = " << c[at] << ", reference " << c_ref[at];
    }
}

TEST(KernelsGemmAbt, MatchesReferenceAroundTheTileAndTheSimdWidth) {
  mnist::Rng rng(5);
  for (int M : {1, 3, 4, 5, 8, 16})
    for (int N : {1, 2, 3, 4, 7, 25})
      for (int K : {0, 1, 3, 4, 7, 8, 15, 16, 17, 33, 576})
        for (bool accumulate : {false, true}) expect_matches_reference(M, N, K, accumulate, rng);
}

TEST(KernelsGemmAbt, SmallProductByHand) {
  const float a[] = {1, 2, 3,
                     4, 5, 6};   // (2, 3)
  const float b[] = {1, 0, -1,
                     2, 1, 0};   // (2, 3): C = A·Bᵀ
  float c[4];
  mnist::kernels::gemm_abt(2, 2, 3, a, 3, b, 3, c, 2, false);
  const float want[] = {-2, 4, -2, 13};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c[i], want[i]) << "index " << i;
}

}  // namespace
