// The record of what the current model went through: every progress point (the chart's curves),
// every epoch's summary and the latest test evaluation. It is what the CSV/JSON exports contain
// and what is saved beside the model in the browser, so a restored model comes back with its
// curves. Plain data only; a model reset starts a new record, continuing training extends it.

/** @returns {{batches: number[][], epochs: object[], test: object|null}} an empty record */
export function emptyRecord() {
  // batches: [samplesSeen, loss, accuracy] per progress report (compact: a long run has thousands)
  return { batches: [], epochs: [], test: null };
}

export function addBatch(record, { samplesSeen, loss, accuracy }) {
  record.batches.push([samplesSeen, loss, accuracy]);
}

export function addEpoch(record, epoch, samplesSeen) {
  const { trainLoss, trainAcc, valAcc, valLoss, seconds, samples } = epoch;
  record.epochs.push({ epoch: epoch.epoch, samplesSeen, trainLoss, trainAcc, valAcc, valLoss, seconds, samples });
}

/** The test-set figures of an evaluation message (the gallery images are not kept). */
export function setTest(record, evaluation) {
  record.test = {
    count: evaluation.count,
    loss: evaluation.loss,
    accuracy: evaluation.accuracy,
    wrongCount: evaluation.wrongCount,
    perClassAccuracy: Array.from(evaluation.perClassAccuracy ?? []),
    confusion: Array.from(evaluation.confusion ?? []),
  };
}

const csvNumber = (v) => (v === undefined || v === null || Number.isNaN(v) ? '' : String(v));

/**
 * One row per point, batches and epochs interleaved in training order:
 * kind,epoch,samples_seen,loss,accuracy,val_loss,val_accuracy,seconds
 * (a batch row: the batch's training loss and accuracy; an epoch row: the epoch's mean training
 * loss and accuracy and its validation figures).
 */
export function recordToCsv(record) {
  const rows = [['kind', 'epoch', 'samples_seen', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'seconds']];
  let e = 0;
  let epochOfBatch = 1;
  const flushEpochsUpTo = (samples) => {
    while (e < record.epochs.length && record.epochs[e].samplesSeen <= samples) {
      const ep = record.epochs[e++];
      rows.push(['epoch', ep.epoch, ep.samplesSeen, ep.trainLoss, ep.trainAcc, ep.valLoss, ep.valAcc, ep.seconds]);
      epochOfBatch = ep.epoch + 1;
    }
  };
  for (const [samples, loss, accuracy] of record.batches) {
    flushEpochsUpTo(samples - 1);
    rows.push(['batch', epochOfBatch, samples, loss, accuracy, '', '', '']);
  }
  flushEpochsUpTo(Infinity);
  return `${rows.map((row) => row.map(csvNumber).join(',')).join('\n')}\n`;
}

/** Everything in one JSON document, with the settings that produced it. */
export function recordToJson(record, about) {
  const batches = record.batches.map(([samplesSeen, loss, accuracy]) => ({ samplesSeen, loss, accuracy }));
  return JSON.stringify({ ...about, exportedAt: new Date().toISOString(), epochs: record.epochs, batches,
    test: record.test }, null, 2);
}
