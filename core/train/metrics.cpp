#include "core/train/metrics.h"

namespace mnist {

const char* train_error_name(TrainError kind) {
  switch (kind) {
    case TrainError::kNone: return "";
    case TrainError::kDiverged: return "diverged";
    case TrainError::kNoModel: return "no-model";
    case TrainError::kNoData: return "no-data";
    case TrainError::kBadData: return "bad-data";
  }
  return "";
}

}  // namespace mnist
