// The pool behind parallel.h. A loop is published by bumping a generation counter; workers wait for
// it spinning for a short while (the loops of one training step come every few microseconds, and
// waking a sleeping thread costs more than that), then sleep on a condition variable.
#include "core/util/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define MNIST_NO_THREADS 1
#endif

namespace mnist::parallel {
namespace {

thread_local bool in_parallel_loop = false;

#ifndef MNIST_NO_THREADS

using Clock = std::chrono::steady_clock;
constexpr auto kSpinTime = std::chrono::microseconds(300);

// Tells the core this thread is waiting, leaving its resources to the hyper-thread beside it.
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Waits until ready() or kSpinTime has passed; true when ready. The first polls only pause (the
// next loop usually comes within microseconds); later ones yield the CPU: when the machine is busy,
// the thread this one waits for may be queued on this very CPU, and a pure spin would hold it off
// for a whole time slice. On an idle CPU the yield returns at once.
template <typename Ready>
bool spin_until(Ready ready) {
  constexpr int kPausedPolls = 1024;
  const auto deadline = Clock::now() + kSpinTime;
  for (int i = 0;; ++i) {
    if (ready()) return true;
    if (i < kPausedPolls) {
      cpu_relax();
      continue;
    }
    std::this_thread::yield();
    if ((i & 15) == 15 && Clock::now() > deadline) return false;
  }
}

// Parts are claimed, not assigned: whichever thread is free takes the next one, the caller too.
// So a worker the system has not scheduled yet delays nothing (the caller does its parts), while
// the parts themselves, and so the results, stay those of the thread count.
class Pool {
 public:
  explicit Pool(int workers) {
    threads_.reserve(workers);
    for (int w = 0; w < workers; ++w) threads_.emplace_back([this] { work(); });
  }

  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_.store(true, std::memory_order_release);
      job_.fetch_add(std::uint64_t(1) << 32, std::memory_order_release);
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  void run(int count, int parts, RangeBody body) {
    body_ = &body;
    count_ = count;
    done_.store(0, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const std::uint64_t generation = (job_.load(std::memory_order_relaxed) >> 32) + 1;
      next_part_.store(generation << 32, std::memory_order_relaxed);
      job_.store(generation << 32 | unsigned(parts), std::memory_order_release);
    }
    wake_.notify_all();
    run_parts(job_.load(std::memory_order_relaxed));
    while (!spin_until([&] { return done_.load(std::memory_order_acquire) == parts; })) {
    }
  }

 private:
  // Claims and runs parts of the loop `job` (generation << 32 | parts) until none is left. A claim
  // names its generation, so a late thread cannot take a part of the next loop for this one.
  void run_parts(std::uint64_t job) {
    const std::uint64_t generation = job >> 32;
    const int parts = int(job & 0xFFFFFFFFu);
    std::uint64_t claim = next_part_.load(std::memory_order_acquire);
    for (;;) {
      if (claim >> 32 != generation || int(claim & 0xFFFFFFFFu) >= parts) return;
      if (!next_part_.compare_exchange_weak(claim, claim + 1, std::memory_order_acq_rel)) continue;
      const int part = int(claim & 0xFFFFFFFFu);
      const long long n = count_;
      (*body_)(part, int(n * part / parts), int(n * (part + 1) / parts));
      done_.fetch_add(1, std::memory_order_release);
      claim = next_part_.load(std::memory_order_acquire);
    }
  }

  void work() {
    in_parallel_loop = true;  // a loop reached from a part runs on the thread running that part
    std::uint64_t seen = 0;
    for (;;) {
      auto published = [&] { return job_.load(std::memory_order_acquire) >> 32 != seen >> 32; };
      if (!spin_until(published)) {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, published);
      }
      if (stop_.load(std::memory_order_acquire)) return;
      seen = job_.load(std::memory_order_acquire);
      run_parts(seen);
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<std::uint64_t> job_{0};        // generation << 32 | parts of the latest loop
  std::atomic<std::uint64_t> next_part_{0};  // generation << 32 | the next part to claim
  std::atomic<int> done_{0};                 // parts finished
  std::atomic<bool> stop_{false};
  // The loop being run, written before job_ is published.
  const RangeBody* body_ = nullptr;
  int count_ = 0;
};

// A threaded WebAssembly build (CMakeLists.txt) defines MNIST_MAX_THREADS: its Web Workers are
// made before the engine starts, min(cores, MNIST_MAX_THREADS) - 1 of them, and a thread asked for
// beyond those would wait for a worker that the engine's own (blocked) thread has to create.
#ifdef MNIST_MAX_THREADS
constexpr int kBuildMaxThreads = std::min(MNIST_MAX_THREADS, kMaxThreads);
#else
constexpr int kBuildMaxThreads = kMaxThreads;
#endif

int detect_max_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::clamp(int(cores), 1, kBuildMaxThreads);
}

Pool& pool() {
  static Pool instance(max_threads() - 1);
  return instance;
}

#else

int detect_max_threads() { return 1; }

#endif

std::atomic<int> threads_in_use{0};  // 0 until first asked: then max_threads()

}  // namespace

int max_threads() {
  static const int count = detect_max_threads();
  return count;
}

int threads() {
  const int n = threads_in_use.load(std::memory_order_relaxed);
  return n > 0 ? n : max_threads();
}

void set_threads(int count) {
  threads_in_use.store(std::clamp(count, 1, max_threads()), std::memory_order_relaxed);
}

int parts_for(int count, int max_parts) {
  if (in_parallel_loop) return 1;
  return std::max(1, std::min({threads(), count, max_parts}));
}

void for_ranges(int count, RangeBody body, int max_parts) {
  if (count <= 0) return;
  const int parts = parts_for(count, max_parts);
  if (parts == 1) {
    body(0, 0, count);
    return;
  }
#ifndef MNIST_NO_THREADS
  in_parallel_loop = true;
  pool().run(count, parts, body);
  in_parallel_loop = false;
#endif
}

void for_elements(std::size_t count, std::size_t grain, ElementBody body) {
  constexpr std::size_t kBlock = 16;
  const std::size_t blocks = (count + kBlock - 1) / kBlock;
  const std::size_t max_parts = std::max<std::size_t>(1, count / std::max<std::size_t>(grain, 1));
  if (blocks > std::size_t(1) << 30) {  // beyond int: no split (never reached by the engine's sizes)
    body(0, count);
    return;
  }
  for_ranges(int(blocks), [&](int, int first, int last) {
    body(std::size_t(first) * kBlock, std::min(count, std::size_t(last) * kBlock));
  }, int(std::min<std::size_t>(max_parts, kMaxThreads)));
}

}  // namespace mnist::parallel
