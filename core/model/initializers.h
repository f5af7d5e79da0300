// Weight initialisation schemes. Why they matter: with all-zero weights every neuron of a layer
// computes the same thing and receives the same gradient, so they never become different
// (symmetry is never broken) and the network learns no more than a single neuron per layer.
// Random weights break the symmetry; the scale keeps activations and gradients from shrinking or
// exploding from layer to layer:
//   uniform        U(-0.05, 0.05)                      normal  N(0, 0.05²)   (fixed scale, naive)
//   Glorot/Xavier  Var = 2 / (fan_in + fan_out)        for tanh/sigmoid-like activations
//                  uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out))
//   He/Kaiming     Var = 2 / fan_in                    for ReLU (which zeroes half its inputs)
//                  uniform: U(-a, a), a = sqrt(6 / fan_in)
//   normal_large   N(0, 1)                             deliberately far too large, to show what
//                  happens then (preset fail-large-init): a 784-input neuron's sum has a
//                  spread of ~10 instead of ~1, so softmax saturates and ReLUs die or explode
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/layers/layer.h"
#include "core/util/named_choice.h"
#include "core/util/result.h"

namespace mnist {

void fill_weights(Initializer init, float* w, std::size_t n, int fan_in, int fan_out, Rng& rng);

Result<Initializer> parse_initializer(const std::string& name);
const char* initializer_name(Initializer init);
// The schemes in menu order.
const std::vector<NamedChoice>& initializer_choices();

}  // namespace mnist
