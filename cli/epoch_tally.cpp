#include "cli/epoch_tally.h"

namespace mnist {

void EpochTally::add(const TrainProgress& p) {
  const std::int64_t trained = p.samples_seen - seen_;  // images in this call's batches
  seen_ = p.samples_seen;
  samples_ += trained;
  seconds_ += p.seconds;
  loss_sum_ += double(p.loss) * double(trained);
  correct_sum_ += double(p.accuracy) * double(trained);
}

}  // namespace mnist
