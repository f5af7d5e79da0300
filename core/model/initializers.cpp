#include "core/model/initializers.h"

#include <cmath>

namespace mnist {
namespace {

// In menu order: the schemes to use first, the ones that show a failure last.
struct NamedInitializer {
  NamedChoice choice;
  Initializer init;
};
const NamedInitializer kInitializers[] = {
    {{"glorot_uniform", "Glorot uniform"}, Initializer::kGlorotUniform},
    {{"glorot_normal", "Glorot normal"}, Initializer::kGlorotNormal},
    {{"he_uniform", "He uniform"}, Initializer::kHeUniform},
    {{"he_normal", "He normal"}, Initializer::kHeNormal},
    {{"uniform", "Uniform"}, Initializer::kUniform},
    {{"normal", "Normal"}, Initializer::kNormal},
    {{"zeros", "Zeros (see why it fails)"}, Initializer::kZeros},
    {{"normal_large", "Normal, sigma = 1 (too large: see why it fails)"}, Initializer::kNormalLarge},
};

void fill_uniform(float* w, std::size_t n, float limit, Rng& rng) {
  for (std::size_t i = 0; i < n; ++i) w[i] = rng.uniform(-limit, limit);
}
void fill_normal(float* w, std::size_t n, float stddev, Rng& rng) {
  for (std::size_t i = 0; i < n; ++i) w[i] = stddev * rng.normal();
}

}  // namespace

void fill_weights(Initializer init, float* w, std::size_t n, int fan_in, int fan_out, Rng& rng) {
  const float glorot_var = 2.0f / float(fan_in + fan_out);
  const float he_var = 2.0f / float(fan_in);
  switch (init) {
    case Initializer::kZeros:
      for (std::size_t i = 0; i < n; ++i) w[i] = 0.0f;
      break;
    case Initializer::kUniform: fill_uniform(w, n, 0.05f, rng); break;
    case Initializer::kNormal: fill_normal(w, n, 0.05f, rng); break;
    // A uniform U(-a, a) has variance a²/3, hence a = sqrt(3 * Var).
    case Initializer::kGlorotUniform: fill_uniform(w, n, std::sqrt(3.0f * glorot_var), rng); break;
    case Initializer::kGlorotNormal: fill_normal(w, n, std::sqrt(glorot_var), rng); break;
    case Initializer::kHeUniform: fill_uniform(w, n, std::sqrt(3.0f * he_var), rng); break;
    case Initializer::kHeNormal: fill_normal(w, n, std::sqrt(he_var), rng); break;
    case Initializer::kNormalLarge: fill_normal(w, n, 1.0f, rng); break;
  }
}

Result<Initializer> parse_initializer(const std::string& name) {
  for (const auto& entry : kInitializers)
    if (name == entry.choice.name) return entry.init;
  return Error{"unknown initializer '" + name + "' (expected " +
               join_choice_names(initializer_choices()) + ")"};
}

const char* initializer_name(Initializer init) {
  for (const auto& entry : kInitializers)
    if (entry.init == init) return entry.choice.name;
  return "?";
}

const std::vector<NamedChoice>& initializer_choices() {
  static const std::vector<NamedChoice> choices = [] {
    std::vector<NamedChoice> out;
    for (const auto& entry : kInitializers) out.push_back(entry.choice);
    return out;
  }();
  return choices;
}

}  // namespace mnist
