// parallel: the engine's threads. One process-wide pool of worker threads, created once on first use
// with max_threads() - 1 workers (the calling thread is the last one), runs the data-parallel loops
// of the kernels and layers: GEMM tiles, the images of a batch in convolution and pooling, long
// element-wise passes.
//
// Determinism: for_ranges() splits [0, count) into parts that depend only on `count` and the thread
// count in use, each part always runs the same arithmetic in the same order, and callers that
// reduce (a weight gradient summed over a batch) add the parts' partial sums in part order. So a run
// repeats bit for bit for a given thread count.
//
// Builds without threads (WebAssembly compiled without -pthread) have max_threads() == 1 and no pool.
#pragma once
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace mnist::parallel {

// A reference to a callable, for loop bodies: unlike std::function it never allocates (a loop runs
// thousands of times per training step), and it must not outlive the callable it refers to.
template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT: implicit, so a lambda can be passed as it is
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

using RangeBody = FunctionRef<void(int part, int begin, int end)>;
using ElementBody = FunctionRef<void(std::size_t begin, std::size_t end)>;

// The most threads this build can use: the machine's cores natively (capped at kMaxThreads), the
// browser's reported cores in a threaded WebAssembly build, 1 in a build without threads.
int max_threads();

// The threads in use, 1..max_threads(); initially max_threads().
int threads();

// Sets the threads in use, clamped to [1, max_threads()]. Takes effect from the next loop; never
// call it from inside one.
void set_threads(int count);

constexpr int kMaxThreads = 64;

// The number of parts for_ranges(count, ...) will use: min(threads(), count, max_parts), and 1
// inside a loop already running in parallel (nested loops run on the thread that reaches them).
int parts_for(int count, int max_parts = kMaxThreads);

// Calls body(part, begin, end) for each of parts_for(count, max_parts) contiguous ranges that
// together cover [0, count) (part p gets [count·p/parts, count·(p+1)/parts)), in parallel, and
// returns when all have finished. Free threads claim the parts, the calling thread among them, so
// anything kept per part must be indexed by `part`, never by thread. With one part the body runs
// directly, so a loop inside it may still go parallel. `body` must not throw.
void for_ranges(int count, RangeBody body,
                int max_parts = kMaxThreads);

// For element-wise passes: body(begin, end) over parts of at least `grain` elements (split at
// multiples of 16, so SIMD loops keep whole vectors). Each element sees the same arithmetic
// whatever the split.
void for_elements(std::size_t count, std::size_t grain, ElementBody body);

}  // namespace mnist::parallel
