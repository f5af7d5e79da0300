// The xsimd gemm_abt (see gemm_abt.h): a register tile of up to kRows rows of A by kCols rows of B
// keeps kRows·kCols vector accumulators, each summing its dot product lane by lane along K; the
// lanes are added at the end, then the K tail element by element. Per step of K it loads
// kRows + kCols vectors for kRows·kCols multiply-adds.
#include "core/kernels/gemm_abt.h"

#include <algorithm>
#include <cstddef>

#include "core/kernels/simd_vec.h"

namespace mnist::kernels {
namespace {

using simd::kLanes;
using simd::lane_sum;
using simd::load_vec;
using simd::mul_add;
using simd::Vec;

constexpr int kRows = 4;
constexpr int kCols = 3;  // 12 accumulators + 4 + 3 operands fit 32 (AVX-512) or 16 registers

// C[r][s] (+)= Σ_k A[r][k]·B[s][k] for the Rows x Cols tile at A, B, C.
template <int Rows, int Cols>
void tile(int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
          bool accumulate) {
  Vec acc[Rows][Cols];
  for (auto& row : acc)
    for (auto& v : row) v = Vec(0.0f);
  int k = 0;
  for (; k + kLanes <= K; k += kLanes) {
    Vec b[Cols];
    for (int s = 0; s < Cols; ++s) b[s] = load_vec(B + std::ptrdiff_t(s) * ldb + k);
    for (int r = 0; r < Rows; ++r) {
      const Vec a = load_vec(A + std::ptrdiff_t(r) * lda + k);
      for (int s = 0; s < Cols; ++s) acc[r][s] = mul_add(a, b[s], acc[r][s]);
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int s = 0; s < Cols; ++s) {
      float total = lane_sum(acc[r][s]);
      for (int t = k; t < K; ++t) total += A[std::ptrdiff_t(r) * lda + t] * B[std::ptrdiff_t(s) * ldb + t];
      float& c = C[std::ptrdiff_t(r) * ldc + s];
      c = accumulate ? c + total : total;
    }
}

using Tile = void (*)(int, const float*, int, const float*, int, float*, int, bool);

template <int Rows>
constexpr Tile tile_for(int cols) {
  return cols == 1 ? &tile<Rows, 1> : cols == 2 ? &tile<Rows, 2> : &tile<Rows, 3>;
}

// The tile kernel for an edge of `rows` x `cols` (1..kRows, 1..kCols).
Tile tile_for(int rows, int cols) {
  switch (rows) {
    case 1: return tile_for<1>(cols);
    case 2: return tile_for<2>(cols);
    case 3: return tile_for<3>(cols);
    default: return tile_for<4>(cols);
  }
}

}  // namespace

void gemm_abt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
              int ldc, bool accumulate) {
  for (int i = 0; i < M; i += kRows)
    for (int j = 0; j < N; j += kCols) {
      const int rows = std::min(kRows, M - i), cols = std::min(kCols, N - j);
      tile_for(rows, cols)(K, A + std::ptrdiff_t(i) * lda, lda, B + std::ptrdiff_t(j) * ldb, ldb,
                           C + std::ptrdiff_t(i) * ldc + j, ldc, accumulate);
    }
}

void gemm_abt_reference(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                        float* C, int ldc, bool accumulate) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float total = 0.0f;
      for (int k = 0; k < K; ++k) total += A[std::ptrdiff_t(i) * lda + k] * B[std::ptrdiff_t(j) * ldb + k];
      float& c = C[std::ptrdiff_t(i) * ldc + j];
      c = accumulate ? c + total : total;
    }
}

}  // namespace mnist::kernels
