// What training and evaluation report: plain structs, shared by the trainer, the CLI, the
// session facade and (through the bindings) the page.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace mnist {

// Why train_batches() did not train (TrainProgress::error_kind), so a caller can react: a
// diverged run needs a lower learning rate, the others need data or a model first.
enum class TrainError { kNone, kDiverged, kNoModel, kNoData, kBadData };
const char* train_error_name(TrainError kind);  // "", "diverged", "no-model", "no-data", "bad-data"

// What one train_batches() call did.
struct TrainProgress {
  int epoch = 0;                  // 0-based epoch the next batch belongs to
  int batch = 0;                  // batches done in that epoch
  int batches_per_epoch = 0;
  std::int64_t samples_seen = 0;  // over the whole run
  int batches_run = 0;            // in this call
  float loss = 0;                 // mean training loss over this call's batches
  float accuracy = 0;             // training accuracy over this call's batches
  float first_batch_loss = 0;     // loss of this call's first batch (reproducibility checks)
  float learning_rate = 0;        // of this call's last batch
  double seconds = 0;             // wall time of this call
  bool epoch_finished = false;    // the call ended exactly at an epoch boundary
  std::string error;              // non-empty: training stopped (e.g. loss became NaN)
  TrainError error_kind = TrainError::kNone;
};

struct EvalMetrics {
  int count = 0;
  float loss = 0;
  float accuracy = 0;
  std::vector<float> per_class_accuracy;  // (classes)
  std::vector<int> confusion;             // (classes, classes): row = true label, col = predicted
  std::vector<std::uint8_t> predicted;    // (count) predicted label per example
  std::vector<float> confidence;          // (count) probability of the predicted label
  std::string error;                      // non-empty: nothing was evaluated, and why
};

}  // namespace mnist
