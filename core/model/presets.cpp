#include "core/model/presets.h"

namespace mnist {
namespace {

TrainConfig make_config(const char* spec, int batch, int epochs, bool augment) {
  TrainConfig c;
  c.model_spec = spec;
  c.batch_size = batch;
  c.epochs = epochs;
  c.augment = augment;
  return c;  // Adam, lr 1e-3, Glorot uniform, seed 1: the defaults
}

// The seed MLP for one epoch, the starting point of the classic failures.
TrainConfig seed_mlp_for_one_epoch() {
  return make_config("dense:256:relu,dense:10:softmax", 32, 1, false);
}

}  // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> all = {
      {"mlp", "MLP (seed)",
       "784 -> 256 ReLU -> 10 softmax: the textbook network; about 98% after 10 epochs.",
       make_config("dense:256:relu,dense:10:softmax", 32, 10, false)},
      {"cnn-small", "CNN small",
       "The TensorFlow.js MNIST example: two 5x5 convolutions (8 and 16 filters) with 2x2 max "
       "pooling, then a softmax layer. Convolutions share weights across the image, so 6k "
       "parameters do better than the MLP's 200k.",
       make_config("conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
                   64, 1, false)},
      {"cnn-strong", "CNN strong",
       "Wider convolutions (16 and 32 filters), a 128-unit hidden layer with dropout, and "
       "shifted/rotated training images (augmentation) and a cosine learning-rate decay, so it "
       "generalises past 99.3%.",
       [] {
         TrainConfig c = make_config(
             "conv:16:5x5:relu,maxpool:2,conv:32:5x5:relu,maxpool:2,flatten,"
             "dense:128:relu,dropout:0.25,dense:10:softmax",
             64, 12, true);
         c.schedule = "cosine";  // large steps early, fine ones at the end
         return c;
       }()},
      {"softmax", "Softmax regression 784-10",
       "No hidden layer: a linear classifier, about 92%. Its weight images show one template per "
       "digit. Zero initialisation is fine here: with no hidden layer there is no symmetry to "
       "break.",
       [] {
         TrainConfig c = make_config("dense:10:softmax", 32, 1, false);
         c.init = "zeros";
         return c;
       }()},
      {"deep", "Deeper MLP 784-512-256-10",
       "Two hidden layers with He initialisation (made for ReLU): slower per epoch, a little more "
       "accurate.",
       [] {
         TrainConfig c = make_config("dense:512:relu,dense:256:relu,dense:10:softmax", 64, 2, false);
         c.init = "he_normal";
         return c;
       }()},
      {"classic", "Sigmoid MLP with SGD 784-100-10",
       "The 1990s recipe: sigmoid units and plain SGD. It learns, but more slowly than ReLU + Adam.",
       [] {
         TrainConfig c = make_config("dense:100:sigmoid,dense:10:softmax", 32, 1, false);
         c.optimizer = "sgd";
         c.learning_rate = 0.1f;
         return c;
       }()},
      // The classic failures: the seed MLP (or a deep one) with one thing wrong, so the
      // teaching panels (network health, gradient check) can show the symptom. "mlp" is the
      // healthy counterpart.
      {"fail-zero-init", "Failure: all weights zero",
       "The seed MLP with every weight 0. Every hidden neuron computes the same 0, and a ReLU at "
       "0 passes no gradient back, so the hidden layer never changes and only the output biases "
       "learn: accuracy stays near 11% (always the commonest digit). Network health shows 100% "
       "dead ReLUs and a first-layer gradient of exactly 0.",
       [] {
         TrainConfig c = seed_mlp_for_one_epoch();
         c.init = "zeros";
         return c;
       }()},
      {"fail-large-init", "Failure: weights far too large",
       "The seed MLP with weights drawn from N(0, 1), about 20 times the Glorot scale: each "
       "neuron sums 784 inputs into values in the tens, the softmax is sure of its guesses and "
       "mostly wrong, so the first loss is near 185 instead of 2.3 and the gradients are about 30 "
       "times the healthy ones. Adam still crawls forward: about 45% after 3 epochs of 1,000 "
       "images, where the seed MLP reaches 89%.",
       [] {
         TrainConfig c = seed_mlp_for_one_epoch();
         c.init = "normal_large";
         return c;
       }()},
      {"fail-deep-sigmoid", "Failure: deep sigmoid network",
       "Seven sigmoid layers of 64 units trained with plain SGD. A sigmoid passes back at most "
       "a quarter of the gradient, so it shrinks layer after layer towards the input (vanishing "
       "gradients): the first layer's gradient norm is thousands of times smaller than the "
       "last's, and the network stays at chance, about 10%.",
       [] {
         TrainConfig c = make_config(
             "dense:64:sigmoid,dense:64:sigmoid,dense:64:sigmoid,dense:64:sigmoid,"
             "dense:64:sigmoid,dense:64:sigmoid,dense:64:sigmoid,dense:10:softmax",
             32, 1, false);
         c.optimizer = "sgd";
         c.learning_rate = 0.1f;
         return c;
       }()},
      {"fail-high-lr", "Failure: learning rate too high",
       "The seed MLP with plain SGD at learning rate 5 (the seed uses Adam at 0.001): every step "
       "overshoots, the loss jumps from 2.3 into the tens, and the big steps leave almost every "
       "ReLU outputting 0 for every image (97% dead in network health): the network is left "
       "guessing, near 10% after a few epochs.",
       [] {
         TrainConfig c = seed_mlp_for_one_epoch();
         c.optimizer = "sgd";
         c.learning_rate = 5.0f;
         return c;
       }()},
  };
  return all;
}

Result<Preset> find_preset(const std::string& id) {
  std::string known;
  for (const auto& p : presets()) {
    if (p.id == id) return p;
    known += (known.empty() ? "" : ", ") + p.id;
  }
  return Error{"unknown preset '" + id + "' (expected " + known + ")"};
}

}  // namespace mnist
