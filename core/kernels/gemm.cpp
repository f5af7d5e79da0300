// gemm(): the cache-blocked, packed xsimd GEMM behind every Dense layer (see gemm.h for the API).
// BLIS-style: op(A) is packed into panels of kMr rows and op(B) into panels of kNr columns, both
// k-major, so the four transpose combinations differ only in how they pack; a single
// register-blocked micro-kernel (a kMr x kNr tile of C held in SIMD accumulators) does all the
// arithmetic.
// Blocking: a k-slice of at most kKc keeps one packed B panel (kc x kNr, <= 16 KB with AVX2) in L1
// while the micro-kernel walks down the packed A block (<= kMc x kKc, 144 KB) held in L2; kNc bounds
// the packed B block. The seed MLP's shapes at batch 32 (forward 32x256x784, weight gradient
// 256x784x32, input gradient 32x784x256, output layer N or K = 10) need one or two blocks in M and
// one in N, so what matters for them is the micro-kernel and cheap packing. After packing, each A
// panel's non-zero k-runs and each B panel's blankness are noted so the micro-kernel skips them.
#include "core/kernels/gemm.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include <xsimd/xsimd.hpp>

#include "core/kernels/simd_vec.h"
#include "core/tensor/aligned_buffer.h"
#include "core/util/parallel.h"

namespace mnist::kernels {
namespace {

using simd::kLanes;
using simd::load_vec;
using simd::mul_add;
using simd::store_vec;
using simd::Vec;

#ifdef MNIST_SCALAR_KERNELS
constexpr int kMr = 4;  // 4 x 2 accumulators plus operands stay within 16 host registers
using Square = float;
constexpr int kSquare = 1;
Square load_square(const float* p) { return *p; }
void store_square(float* p, Square v) { *p = v; }
void transpose_square(Square*) {}
#else
#if defined(__wasm_simd128__)
// WebAssembly has no fused multiply-add, so each product needs a register of its own before it is
// added, and V8 on x86-64 leaves 15 of the 16 vector registers to values. Node 20's V8 spilled
// 6 x 2 accumulators to the stack in every k step and ran the seed's GEMMs at 19-22 GFLOP/s
// against 24-28 with 4 x 2 (best of 12); Chromium 156 runs both at 27-28.
constexpr int kMr = 4;
#else
constexpr int kMr = 6;  // 6 x 2 accumulators + 2 B vectors + 1 broadcast = 15 of 16 registers
#endif

// pack_b transposes kSquare x kSquare blocks in registers. xsimd transposes floats with shuffles
// for SSE and AVX only: for 16 lanes and for wasm its generic fallback moves the elements one by
// one through memory. So AVX-512 builds transpose 8 x 8 AVX blocks, and 4-lane builds use
// transpose4 below.
#if defined(__AVX512F__)
using Square = xsimd::batch<float, xsimd::avx2>;
#else
using Square = Vec;
#endif
constexpr int kSquare = static_cast<int>(Square::size);
Square load_square(const float* p) { return Square::load_unaligned(p); }
void store_square(float* p, Square v) { v.store_unaligned(p); }

// The classic 4 x 4 transpose: interleave floats, then pairs of floats.
template <class V>
void transpose4(V* r) {
  using Pairs = xsimd::batch<double, typename V::arch_type>;
  const Pairs t0 = xsimd::bitwise_cast<double>(xsimd::zip_lo(r[0], r[1]));  // a0 b0 a1 b1
  const Pairs t1 = xsimd::bitwise_cast<double>(xsimd::zip_hi(r[0], r[1]));  // a2 b2 a3 b3
  const Pairs t2 = xsimd::bitwise_cast<double>(xsimd::zip_lo(r[2], r[3]));  // c0 d0 c1 d1
  const Pairs t3 = xsimd::bitwise_cast<double>(xsimd::zip_hi(r[2], r[3]));  // c2 d2 c3 d3
  r[0] = xsimd::bitwise_cast<float>(xsimd::zip_lo(t0, t2));
  r[1] = xsimd::bitwise_cast<float>(xsimd::zip_hi(t0, t2));
  r[2] = xsimd::bitwise_cast<float>(xsimd::zip_lo(t1, t3));
  r[3] = xsimd::bitwise_cast<float>(xsimd::zip_hi(t1, t3));
}

// Rows of a kSquare x kSquare block become its columns.
void transpose_square(Square* rows) {
  if constexpr (kSquare == 4) {
    transpose4(rows);
  } else {
    xsimd::transpose(rows, rows + kSquare);
  }
}
#endif

constexpr int kNrVecs = 2;
constexpr int kNr = kNrVecs * kLanes;  // 16 with AVX2, 8 with wasm SIMD, 2 scalar
constexpr int kKc = 256;
constexpr int kMc = 144;
constexpr int kNc = 2048;
static_assert(kMc % kMr == 0 && kNc % kNr == 0, "blocks hold whole panels");

// A range [begin, end) of k over which a packed A panel is not all zero. Zero stretches are common
// where op(A) holds the input images (MNIST's borders are blank), and skipping them changes no
// result: acc + 0·b == acc for every finite b.
struct KRun {
  int begin, end;
};

// C tile (Rows x kNr, row stride ldc) = or += a_panel · b_panel over the k of `runs`. Rows < kMr
// only on the bottom edge of C; a narrow tile on the right edge goes through a scratch tile (see
// gemm_block()).
template <int Rows>
void micro_kernel(const KRun* runs, int run_count, const float* a_panel, const float* b_panel,
                  float* c, int ldc, bool add_to_c) {
  Vec acc[Rows][kNrVecs];
  for (auto& row : acc)
    for (auto& v : row) v = Vec(0.0f);
  for (const KRun* run = runs; run != runs + run_count; ++run) {
    const float* a = a_panel + static_cast<std::ptrdiff_t>(run->begin) * kMr;
    const float* b = b_panel + static_cast<std::ptrdiff_t>(run->begin) * kNr;
    for (int k = run->begin; k < run->end; ++k, a += kMr, b += kNr) {
      Vec bv[kNrVecs];
      for (int v = 0; v < kNrVecs; ++v) bv[v] = load_vec(b + v * kLanes);
      for (int r = 0; r < Rows; ++r) {
        const Vec av(a[r]);
        for (int v = 0; v < kNrVecs; ++v) acc[r][v] = mul_add(av, bv[v], acc[r][v]);
      }
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int v = 0; v < kNrVecs; ++v) {
      float* dst = c + r * ldc + v * kLanes;
      store_vec(dst, add_to_c ? load_vec(dst) + acc[r][v] : acc[r][v]);
    }
}

using MicroKernel = void (*)(const KRun*, int, const float*, const float*, float*, int, bool);

template <std::size_t... RowsMinusOne>
constexpr std::array<MicroKernel, kMr> micro_kernels_by_rows(
    std::index_sequence<RowsMinusOne...>) {
  return {&micro_kernel<static_cast<int>(RowsMinusOne) + 1>...};
}
// kMicroKernels[rows - 1] handles a tile of `rows` rows.
constexpr auto kMicroKernels = micro_kernels_by_rows(std::make_index_sequence<kMr>{});

// True when each of the n floats is +0 or -0 (a NaN is not): their bits but the sign ORed
// together, without a branch per float. Whether a k of a panel is blank changes from k to k, and
// a compare-and-jump per float mispredicted enough to take a quarter of the packing's time.
bool all_zero(const float* v, std::ptrdiff_t n) {
  std::uint32_t bits = 0;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    std::uint32_t b;
    std::memcpy(&b, v + i, sizeof b);
    bits |= b;
  }
  return (bits & 0x7fffffffu) == 0;
}

// Appends the runs of k where the packed panel (kc x width, k-major; the first `used` of each
// k's `width` values are real) has a non-zero value.
void find_nonzero_runs(const float* panel, int kc, int width, int used, std::vector<KRun>& runs) {
  int begin = -1;
  for (int k = 0; k < kc; ++k, panel += width) {
    const bool zero = all_zero(panel, used);
    if (!zero && begin < 0) begin = k;
    if (zero && begin >= 0) {
      runs.push_back({begin, k});
      begin = -1;
    }
  }
  if (begin >= 0) runs.push_back({begin, kc});
}

// Packs op(A)[i0 .. i0+mc, k0 .. k0+kc) as consecutive panels of kMr rows, each stored k-major
// (kc x kMr). The missing rows of a bottom edge panel stay unwritten: its kernel never reads them.
void pack_a(Trans trans, const float* A, int lda, int i0, int k0, int mc, int kc, float* dst) {
  for (int p = 0; p < mc; p += kMr, dst += kc * kMr) {
    const int rows = std::min(kMr, mc - p);
    if (trans == Trans::kNo) {  // a row of op(A) is contiguous
      for (int r = 0; r < rows; ++r) {
        const float* src = A + static_cast<std::ptrdiff_t>(i0 + p + r) * lda + k0;
        for (int k = 0; k < kc; ++k) dst[k * kMr + r] = src[k];
      }
    } else {  // a column of op(A) is contiguous
      for (int k = 0; k < kc; ++k) {
        const float* src = A + static_cast<std::ptrdiff_t>(k0 + k) * lda + i0 + p;
        for (int r = 0; r < rows; ++r) dst[k * kMr + r] = src[r];
      }
    }
  }
}

// Packs op(B)[k0 .. k0+kc, j0 .. j0+nc) as consecutive panels of kNr columns, each stored k-major
// (kc x kNr). A right edge panel is zero-padded so the kernel can load whole vectors.
void pack_b(Trans trans, const float* B, int ldb, int k0, int j0, int kc, int nc, float* dst) {
  for (int q = 0; q < nc; q += kNr, dst += kc * kNr) {
    const int cols = std::min(kNr, nc - q);
    if (trans == Trans::kNo) {  // a row of op(B) is contiguous
      for (int k = 0; k < kc; ++k) {
        const float* src = B + static_cast<std::ptrdiff_t>(k0 + k) * ldb + j0 + q;
        float* row = dst + k * kNr;
        if (cols == kNr) {
          for (int v = 0; v < kNrVecs; ++v) store_vec(row + v * kLanes, load_vec(src + v * kLanes));
        } else {
          std::fill(std::copy(src, src + cols, row), row + kNr, 0.0f);
        }
      }
      continue;
    }
    // op(B) is Bᵀ (the forward pass's weights): a column of op(B) is a row of B. Whole panels go
    // through kSquare x kSquare register transposes, the k remainder and edge panels element-wise.
    const float* src = B + static_cast<std::ptrdiff_t>(j0 + q) * ldb + k0;
    int k = 0;
    if (cols == kNr) {
      for (; k + kSquare <= kc; k += kSquare)
        for (int g = 0; g < kNr; g += kSquare) {
          Square square[kSquare];
          for (int l = 0; l < kSquare; ++l)
            square[l] = load_square(src + static_cast<std::ptrdiff_t>(g + l) * ldb + k);
          transpose_square(square);
          for (int l = 0; l < kSquare; ++l) store_square(dst + (k + l) * kNr + g, square[l]);
        }
    }
    for (; k < kc; ++k) {
      float* row = dst + k * kNr;
      for (int j = 0; j < cols; ++j) row[j] = src[static_cast<std::ptrdiff_t>(j) * ldb + k];
      std::fill(row + cols, row + kNr, 0.0f);
    }
  }
}

// Splits `total` into equal blocks of at most `max_block` (rounded up to `granularity`), so that
// e.g. K = 784 runs as 4 x 196 rather than 3 x 256 + 16, whose thin last slice would pay a full
// pass of C loads and stores for little arithmetic.
int balanced_block(int total, int max_block, int granularity) {
  const int blocks = (total + max_block - 1) / max_block;
  const int block = (total + blocks - 1) / blocks;
  return (block + granularity - 1) / granularity * granularity;
}

// Packing scratch, reused across calls (grown on demand, never shrunk): no allocation per call in
// steady state. One set per thread so concurrent callers do not share it.
struct PackBuffers {
  AlignedBuffer<float> a;
  AlignedBuffer<float> b;
  std::vector<KRun> a_runs;            // every A panel's non-zero runs, panel after panel
  std::vector<int> a_run_start;        // panel p's runs: a_runs[a_run_start[p] .. a_run_start[p+1])
  std::vector<unsigned char> b_zero;   // per B panel: all zero (its tiles get nothing added)
};

float* at_least(AlignedBuffer<float>& buffer, std::size_t floats) {
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer.data();
}

// Notes the non-zero k-runs of each packed A panel of a block of mc rows.
void index_a_block(const float* a_pack, int mc, int kc, PackBuffers& buffers) {
  buffers.a_runs.clear();
  buffers.a_run_start.clear();
  for (int p = 0; p < mc; p += kMr) {
    buffers.a_run_start.push_back(int(buffers.a_runs.size()));
    find_nonzero_runs(a_pack + static_cast<std::ptrdiff_t>(p) * kc, kc, kMr, std::min(kMr, mc - p),
                      buffers.a_runs);
  }
  buffers.a_run_start.push_back(int(buffers.a_runs.size()));
}

// Notes which packed B panels of a block of nc columns are all zero.
void index_b_block(const float* b_pack, int nc, int kc, PackBuffers& buffers) {
  buffers.b_zero.clear();
  for (int q = 0; q < nc; q += kNr) {
    const float* panel = b_pack + static_cast<std::ptrdiff_t>(q) * kc;
    buffers.b_zero.push_back(std::all_of(panel, panel + static_cast<std::ptrdiff_t>(kc) * kNr,
                                         [](float v) { return v == 0.0f; }));
  }
}

// C tile (rows x cols) of a B panel that is all zero: unchanged when adding, else zero.
void zero_tile(float* c_tile, int ldc, int rows, int cols, bool add_to_c) {
  if (add_to_c) return;
  for (int r = 0; r < rows; ++r)
    std::fill(c_tile + static_cast<std::ptrdiff_t>(r) * ldc,
              c_tile + static_cast<std::ptrdiff_t>(r) * ldc + cols, 0.0f);
}

// One thread's share of gemm(): the whole blocked loop nest over C (M x N).
void gemm_block(Trans trans_a, Trans trans_b, int M, int N, int K, const float* A, int lda,
                const float* B, int ldb, float* C, int ldc, bool accumulate) {
  const int kc_max = balanced_block(K, kKc, 1);
  const int mc_max = balanced_block(M, kMc, kMr);
  const int nc_max = balanced_block(N, kNc, kNr);
  thread_local PackBuffers buffers;
  float* a_pack = at_least(buffers.a, static_cast<std::size_t>(mc_max) * kc_max);
  float* b_pack = at_least(buffers.b, static_cast<std::size_t>(nc_max) * kc_max);

  for (int jc = 0; jc < N; jc += nc_max) {
    const int nc = std::min(nc_max, N - jc);
    for (int pc = 0; pc < K; pc += kc_max) {
      const int kc = std::min(kc_max, K - pc);
      const bool add_to_c = accumulate || pc > 0;  // later k-slices add to the first one's sums
      pack_b(trans_b, B, ldb, pc, jc, kc, nc, b_pack);
      index_b_block(b_pack, nc, kc, buffers);
      for (int ic = 0; ic < M; ic += mc_max) {
        const int mc = std::min(mc_max, M - ic);
        pack_a(trans_a, A, lda, ic, pc, mc, kc, a_pack);
        index_a_block(a_pack, mc, kc, buffers);
        for (int jr = 0; jr < nc; jr += kNr) {
          const int cols = std::min(kNr, nc - jr);
          const float* b_panel = b_pack + static_cast<std::ptrdiff_t>(jr) * kc;
          const bool b_zero = buffers.b_zero[jr / kNr];
          for (int ir = 0; ir < mc; ir += kMr) {
            const int rows = std::min(kMr, mc - ir);
            const float* a_panel = a_pack + static_cast<std::ptrdiff_t>(ir) * kc;
            float* c_tile = C + static_cast<std::ptrdiff_t>(ic + ir) * ldc + jc + jr;
            if (b_zero) {
              zero_tile(c_tile, ldc, rows, cols, add_to_c);
              continue;
            }
            const int* run_start = &buffers.a_run_start[ir / kMr];
            const KRun* runs = buffers.a_runs.data() + run_start[0];
            const int run_count = run_start[1] - run_start[0];
            const MicroKernel kernel = kMicroKernels[rows - 1];
            if (cols == kNr) {
              kernel(runs, run_count, a_panel, b_panel, c_tile, ldc, add_to_c);
              continue;
            }
            // Right edge: compute the whole padded tile aside, then write only the real columns.
            alignas(64) float tile[kMr * kNr];
            kernel(runs, run_count, a_panel, b_panel, tile, kNr, false);
            for (int r = 0; r < rows; ++r)
              for (int j = 0; j < cols; ++j) {
                float& dst = c_tile[static_cast<std::ptrdiff_t>(r) * ldc + j];
                dst = add_to_c ? dst + tile[r * kNr + j] : tile[r * kNr + j];
              }
          }
        }
      }
    }
  }
}

// Below this many multiply-adds a call runs on one thread: waking the others would cost more.
constexpr double kParallelMinMacs = 48 * 1024;

// op(A) and op(B) with the first `offset` rows (columns) skipped.
const float* skip_rows(Trans trans, const float* X, int ld, int offset) {
  return X + (trans == Trans::kNo ? static_cast<std::ptrdiff_t>(offset) * ld : offset);
}
const float* skip_columns(Trans trans, const float* X, int ld, int offset) {
  return X + (trans == Trans::kNo ? offset : static_cast<std::ptrdiff_t>(offset) * ld);
}

// The split of C among threads: see gemm() below.
bool split_by_columns(int M, int N, int K, int row_panels, int column_panels, int max_parts) {
  const double a = double(M) * K, b = double(K) * N, c = double(M) * N;
  const bool rows_preferred = (c >= a && c >= b) || a >= b;
  const int threads = parallel::parts_for(std::max(row_panels, column_panels), max_parts);
  const bool rows_enough = row_panels >= threads, columns_enough = column_panels >= threads;
  if (rows_preferred) return !rows_enough && column_panels > row_panels;
  return columns_enough || column_panels >= row_panels;
}

}  // namespace

// Threads split C into blocks of whole panels. A split by rows also splits A, one by columns also
// splits B; so when C is the largest operand (a weight gradient), rows: each thread's block of C
// is then one contiguous range, the same the optimizer's element-wise update gives that thread
// next, and the range stays in that core's cache. Otherwise the split that divides the larger of
// A and B (the weights, in the forward pass), if it has a panel for every thread. Each element of C
// is computed by one thread with the same k-blocking as on one thread, so the result does not
// depend on the thread count or the split.
void gemm(Trans trans_a, Trans trans_b, int M, int N, int K, const float* A, int lda,
          const float* B, int ldb, float* C, int ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // the empty sum: C = 0, or C unchanged when accumulating
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::fill(C + static_cast<std::ptrdiff_t>(i) * ldc,
                                            C + static_cast<std::ptrdiff_t>(i) * ldc + N, 0.0f);
    return;
  }
  const int column_panels = (N + kNr - 1) / kNr, row_panels = (M + kMr - 1) / kMr;
  const int max_parts = double(M) * N * K < kParallelMinMacs ? 1 : parallel::kMaxThreads;
  const bool by_columns = split_by_columns(M, N, K, row_panels, column_panels, max_parts);
  const int panels = by_columns ? column_panels : row_panels;
  parallel::for_ranges(panels, [&](int, int first, int last) {
    if (by_columns) {
      const int j0 = first * kNr, n = std::min(N, last * kNr) - j0;
      gemm_block(trans_a, trans_b, M, n, K, A, lda, skip_columns(trans_b, B, ldb, j0), ldb, C + j0,
                 ldc, accumulate);
    } else {
      const int i0 = first * kMr, m = std::min(M, last * kMr) - i0;
      gemm_block(trans_a, trans_b, m, N, K, skip_rows(trans_a, A, lda, i0), lda, B, ldb,
                 C + static_cast<std::ptrdiff_t>(i0) * ldc, ldc, accumulate);
    }
  }, max_parts);
}

std::size_t gemm_workspace_bytes() {
  // balanced_block never exceeds its maximum by more than one granule (a panel of kMr or kNr).
  const std::size_t a_floats = std::size_t(kMc + kMr) * kKc;
  const std::size_t b_floats = std::size_t(kNc + kNr) * kKc;
  // The run index: at most kc/2 + 1 runs per A panel, a start per A panel, a flag per B panel.
  const std::size_t a_panels = (kMc + kMr) / kMr + 1, b_panels = (kNc + kNr) / kNr;
  const std::size_t index = a_panels * ((kKc / 2 + 1) * sizeof(KRun) + sizeof(int)) + b_panels;
  return (a_floats + b_floats) * sizeof(float) + 2 * kAlignment + index;
}

const char* simd_arch_name() { return simd::arch_name(); }
int simd_lanes() { return kLanes; }

}  // namespace mnist::kernels
