// One epoch's figures as mnist-train prints them (train loss and accuracy, seconds, samples/s),
// summed over the train_batches calls that made it up. Everything counts the images actually
// trained: with --limit N an epoch is N images, not the 55,000 of the training set.
#pragma once
#include <cstdint>

#include "core/train/metrics.h"

namespace mnist {

class EpochTally {
 public:
  // samples_seen_before: the trainer's samples_seen() when the epoch starts.
  explicit EpochTally(std::int64_t samples_seen_before) : seen_(samples_seen_before) {}

  // One train_batches call's progress (its loss and accuracy are means over its own batches).
  void add(const TrainProgress& p);

  std::int64_t samples() const { return samples_; }
  double seconds() const { return seconds_; }
  double loss() const { return samples_ ? loss_sum_ / double(samples_) : 0; }
  double accuracy() const { return samples_ ? correct_sum_ / double(samples_) : 0; }
  double samples_per_second() const { return seconds_ > 0 ? double(samples_) / seconds_ : 0; }

 private:
  std::int64_t seen_;
  std::int64_t samples_ = 0;
  double seconds_ = 0, loss_sum_ = 0, correct_sum_ = 0;
};

}  // namespace mnist
