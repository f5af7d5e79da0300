// Checked 64-bit size arithmetic. Sizes that come from outside (a model spec, a file header, a
// batch size) are multiplied in std::uint64_t and every step says whether it overflowed, so a
// hostile spec such as conv:4096:64x64 after input:2048x2048 gives an error, never a wrapped,
// small-looking product that then under-allocates.
#pragma once
#include <cstdint>
#include <initializer_list>

namespace mnist {

// out = a * b; false (out unspecified) when the product does not fit in 64 bits.
inline bool checked_mul(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
#if defined(__GNUC__) || defined(__clang__)
  return !__builtin_mul_overflow(a, b, &out);
#else
  if (a != 0 && b > UINT64_MAX / a) return false;
  out = a * b;
  return true;
#endif
}

// out = a + b; false when the sum does not fit in 64 bits.
inline bool checked_add(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
#if defined(__GNUC__) || defined(__clang__)
  return !__builtin_add_overflow(a, b, &out);
#else
  if (b > UINT64_MAX - a) return false;
  out = a + b;
  return true;
#endif
}

// out = the product of all factors; false on overflow.
inline bool checked_product(std::initializer_list<std::uint64_t> factors, std::uint64_t& out) {
  std::uint64_t p = 1;
  for (std::uint64_t f : factors)
    if (!checked_mul(p, f, p)) return false;
  out = p;
  return true;
}

}  // namespace mnist
