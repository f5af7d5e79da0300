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
