/** The admin's forgetting curves: the share of booster answers right, by days since the item was learned. Pure. */

/** Buckets of days since learning, as the chart's x axis labels them. */
export const DAY_BUCKETS = [
  { label: '0–3', min: 0, max: 4 },
  { label: '4–7', min: 4, max: 8 },
  { label: '8–14', min: 8, max: 15 },
  { label: '15–30', min: 15, max: 31 },
  { label: '31–60', min: 31, max: 61 },
  { label: '61–120', min: 61, max: 121 },
  { label: '121+', min: 121, max: Number.POSITIVE_INFINITY },
] as const;

export interface CurvePoint {
  label: string;
  answers: number;
  right: number;
  /** 0–100, null with no answers in the bucket. */
  percent: number | null;
}

export function bucketOf(daysSinceLearned: number): number {
  return DAY_BUCKETS.findIndex((b) => daysSinceLearned >= b.min && daysSinceLearned < b.max);
}

/** One curve from (bucket index, answers, right answers) counts. */
export function forgettingCurve(
  counts: readonly { bucket: number; answers: number; right: number }[],
): CurvePoint[] {
  return DAY_BUCKETS.map((b, i) => {
    const answers = counts.filter((c) => c.bucket === i).reduce((n, c) => n + c.answers, 0);
    const right = counts.filter((c) => c.bucket === i).reduce((n, c) => n + c.right, 0);
    return { label: b.label, answers, right, percent: answers === 0 ? null : (100 * right) / answers };
  });
}
