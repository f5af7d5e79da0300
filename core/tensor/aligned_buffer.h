// AlignedBuffer<T>: an owned, 64-byte aligned, zero-initialised array. Every float buffer the engine
// touches in a hot loop lives in one of these, so SIMD loads never straddle a cache line at the start.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace mnist {

inline constexpr std::size_t kAlignment = 64;

// Rounds a float count up so consecutive views in one block stay 64-byte aligned.
inline constexpr std::size_t align_floats(std::size_t n) {
  constexpr std::size_t per_line = kAlignment / sizeof(float);
  return (n + per_line - 1) / per_line * per_line;
}

template <class T>
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t n) { resize(n); }
  AlignedBuffer(const AlignedBuffer& o) { *this = o; }
  AlignedBuffer& operator=(const AlignedBuffer& o) {
    if (this != &o) {
      resize(o.size_);
      if (size_) std::memcpy(data_, o.data_, size_ * sizeof(T));
    }
    return *this;
  }
  AlignedBuffer(AlignedBuffer&& o) noexcept { swap(o); }
  AlignedBuffer& operator=(AlignedBuffer&& o) noexcept {
    swap(o);
    return *this;
  }
  ~AlignedBuffer() { release(); }

  // Discards the contents; the new elements are zero.
  void resize(std::size_t n) {
    if (n != size_) {
      release();
      if (n) {
        std::size_t bytes = (n * sizeof(T) + kAlignment - 1) / kAlignment * kAlignment;
        data_ = static_cast<T*>(std::aligned_alloc(kAlignment, bytes));
        if (!data_) throw std::bad_alloc();
        size_ = n;
      }
    }
    if (size_) std::memset(static_cast<void*>(data_), 0, size_ * sizeof(T));
  }
  void fill_zero() {
    if (size_) std::memset(static_cast<void*>(data_), 0, size_ * sizeof(T));
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void release() {
    std::free(data_);
    data_ = nullptr;
    size_ = 0;
  }
  void swap(AlignedBuffer& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace mnist
