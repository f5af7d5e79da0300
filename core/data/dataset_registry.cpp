#include "core/data/dataset_registry.h"

namespace mnist {
namespace {

std::vector<DatasetInfo> make_builtin_datasets() {
  DatasetInfo mnist{
      "mnist",
      "MNIST",
      "70,000 handwritten digits, 28x28 grey pixels: 60,000 for training, 10,000 for testing.",
      {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
      {{{"train-images-idx3-ubyte",
         "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {"train-labels-idx1-ubyte",
         "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {"t10k-images-idx3-ubyte",
         "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {"t10k-labels-idx1-ubyte",
         "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"}}},
      "http://yann.lecun.com/exdb/mnist/",
      "https://storage.googleapis.com/cvdf-datasets/mnist",
      "CC BY-SA 3.0 (Yann LeCun, Corinna Cortes, Christopher J.C. Burges)"};
  DatasetInfo fashion{
      "fashion-mnist",
      "Fashion-MNIST",
      "70,000 photos of clothing from Zalando's catalogue in 10 classes, 28x28 grey pixels, "
      "split 60,000 / 10,000 like MNIST.",
      {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
       "Ankle boot"},
      {{{"train-images-idx3-ubyte",
         "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"},
        {"train-labels-idx1-ubyte",
         "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"},
        {"t10k-images-idx3-ubyte",
         "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"},
        {"t10k-labels-idx1-ubyte",
         "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"}}},
      "https://github.com/zalandoresearch/fashion-mnist",
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com",
      "MIT (Zalando SE)"};
  return {std::move(mnist), std::move(fashion)};
}

}  // namespace

const std::vector<DatasetInfo>& builtin_datasets() {
  static const std::vector<DatasetInfo> datasets = make_builtin_datasets();
  return datasets;
}

const DatasetInfo* find_builtin_dataset(std::string_view id) {
  for (const DatasetInfo& d : builtin_datasets()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::string builtin_dataset_ids() {
  std::string ids;
  for (const DatasetInfo& d : builtin_datasets()) ids += (ids.empty() ? "" : ", ") + d.id;
  return ids;
}

const DatasetInfo* builtin_dataset_with_file(std::string_view name, std::string_view sha256) {
  for (const DatasetInfo& d : builtin_datasets()) {
    for (const DatasetFile& f : d.files) {
      if (f.name == name && f.sha256 == sha256) return &d;
    }
  }
  return nullptr;
}

std::size_t validation_count_for(std::size_t training_images) {
  if (training_images < 2) return 0;
  const std::size_t twelfth = (training_images + 6) / 12;
  return twelfth == 0 ? 1 : twelfth;
}

}  // namespace mnist
