// The live loss and accuracy as a running value weighted by images, so every figure shown
// during training means the same thing: progress reports cover different numbers of images (a
// slice of ~50 ms, a single Step, an epoch's short last batch of 8), and a plain average or the
// latest report would let an 8-image batch swing the value to 0 loss and 100% accuracy.
//   value += (1 - exp(-n / TAU)) * (report - value)      n: images in the report
// so a report moves the value in proportion to its images, about TAU images make it forget.

export const SMOOTHING_IMAGES = 1000;

export function createSmoother(tau = SMOOTHING_IMAGES) {
  let loss = NaN;
  let accuracy = NaN;
  return {
    /** One report: its image count and its mean loss and accuracy. @returns {{loss, accuracy}} */
    add(images, reportLoss, reportAccuracy) {
      if (Number.isNaN(loss)) {
        loss = reportLoss;
        accuracy = reportAccuracy;
      } else if (images > 0) {
        const weight = 1 - Math.exp(-images / tau);
        loss += weight * (reportLoss - loss);
        accuracy += weight * (reportAccuracy - accuracy);
      }
      return { loss, accuracy };
    },
    reset() {
      loss = NaN;
      accuracy = NaN;
    },
  };
}
