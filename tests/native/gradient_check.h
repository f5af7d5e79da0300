// Helpers shared by the finite-difference gradient checks of the layer tests: random inputs, the
// scalar objective L = Σ y·r (so dL/dy = r), central differences, and a tolerance check.
#pragma once
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/util/rng.h"

namespace mnist::test {

inline std::vector<float> random_values(Rng& rng, std::size_t n, float lo, float hi) {
  std::vector<float> v(n);
  for (float& value : v) value = rng.uniform(lo, hi);
  return v;
}

inline double weighted_sum(const float* y, const std::vector<float>& r) {
  double sum = 0;
  for (std::size_t i = 0; i < r.size(); ++i) sum += double(y[i]) * r[i];
  return sum;
}

// Central difference of f with respect to *v, using the step that float rounding actually took.
inline double central_difference(float* v, float eps, const std::function<double()>& f) {
  const float original = *v;
  *v = original + eps;
  const float up = *v;
  const double f_up = f();
  *v = original - eps;
  const float down = *v;
  const double f_down = f();
  *v = original;
  return (f_up - f_down) / (double(up) - double(down));
}

// |expected - actual| <= atol + rtol * |expected|, and actual is not NaN. `expected` is the
// reference (a finite difference or a reference kernel), `actual` the value under test.
inline void expect_close(double expected, double actual, double atol, double rtol,
                         const std::string& what) {
  EXPECT_NEAR(actual, expected, atol + rtol * std::fabs(expected)) << what;
}

}  // namespace mnist::test
