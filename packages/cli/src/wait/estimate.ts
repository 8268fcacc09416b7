// The estimate of the time left: from how fast the percentage has risen since it was first seen (the
// service reports no ETA). Unknown until the percentage has moved.
export class Estimator {
  private first?: { at: number; percent: number };

  /** ms left, or undefined when it cannot be told yet */
  update(percent: number | undefined, at: number): number | undefined {
    if (percent === undefined) return undefined;
    if (!this.first || percent < this.first.percent) this.first = { at, percent };
    const rose = percent - this.first.percent;
    const took = at - this.first.at;
    if (percent >= 100) return 0;
    if (rose <= 0 || took <= 0) return undefined;
    return ((100 - percent) * took) / rose;
  }
}
