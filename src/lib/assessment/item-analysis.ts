/**
 * Item analysis of the self-assessment, for improving the instrument from data (the admin's analytics).
 * Pure. Every figure is on keyed values (reverse-keyed answers flipped), so higher always means more of
 * what the scale measures, and a good item correlates positively with the rest of its scale.
 *
 * - Per item: how many answered it, the share who chose "Doesn't happen in my role", and the mean, sample
 *   standard deviation and item-rest correlation (Pearson's r with the sum of the scale's other items).
 * - Per scale: Cronbach's alpha, α = k ÷ (k − 1) × (1 − Σ item variances ÷ variance of the sum), with
 *   sample variances (n − 1).
 * - Alpha and item-rest correlations need every item of the scale answered, so they use the responses
 *   with no "not applicable" on that scale (listwise); means and SDs use every answer to the item.
 */
import { type AssessmentItem, SCALES, type Scale } from './schema';
import { type AssessmentAnswers, keyed } from './scoring';

/** Below this many results of the current version, the figures are too unstable to act on. */
export const MIN_RESULTS = 30;

export interface ItemStats {
  item: AssessmentItem;
  /** Answers on the scale (not "not applicable"). */
  answered: number;
  /** Share of responses that chose "not applicable", 0–1. */
  notApplicable: number;
  mean: number | null;
  sd: number | null;
  /** Null when there are fewer than three complete responses, or the item or the rest never varies. */
  itemRest: number | null;
}

export interface ScaleStats {
  scale: Scale;
  /** Responses with every item of the scale answered: what alpha and the item-rest correlations rest on. */
  complete: number;
  /** Null when there are fewer than three complete responses or the total never varies. */
  alpha: number | null;
  items: ItemStats[];
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : sum(xs) / xs.length);

/** Sample variance (n − 1); null with fewer than two values. */
export function variance(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1);
}

/** Pearson's r; null when either side never varies or there are fewer than three pairs. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length || xs.length < 3) return null;
  const mx = mean(xs) as number;
  const my = mean(ys) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Cronbach's alpha of complete rows (one row per response, one column per item); null when undefined. */
export function cronbachAlpha(rows: readonly (readonly number[])[]): number | null {
  const k = rows[0]?.length ?? 0;
  if (rows.length < 3 || k < 2) return null;
  const itemVariances = Array.from(
    { length: k },
    (_, j) => variance(rows.map((r) => r[j] as number)) as number,
  );
  const total = variance(rows.map((r) => sum(r))) as number;
  if (total === 0) return null;
  return (k / (k - 1)) * (1 - sum(itemVariances) / total);
}

/** Per scale, in `SCALES` order, the reliability and item figures of these responses to these items. */
export function itemAnalysis(
  items: readonly AssessmentItem[],
  responses: readonly AssessmentAnswers[],
): ScaleStats[] {
  return SCALES.map((scale) => {
    const mine = items.filter((i) => i.scale === scale);
    const values = responses.map((answers) =>
      mine.map((item) => {
        const answer = answers[item.id];
        return answer === undefined ? null : keyed(item, answer);
      }),
    );
    const complete = values.filter((row): row is number[] => row.every((v) => v !== null));
    const stats = mine.map((item, j): ItemStats => {
      const answered = values.map((row) => row[j]).filter((v): v is number => v !== null && v !== undefined);
      const na = responses.filter((a) => a[item.id] === 'na').length;
      const sd = variance(answered);
      return {
        item,
        answered: answered.length,
        notApplicable: responses.length === 0 ? 0 : na / responses.length,
        mean: mean(answered),
        sd: sd === null ? null : Math.sqrt(sd),
        itemRest: correlation(
          complete.map((row) => row[j] as number),
          complete.map((row) => sum(row) - (row[j] as number)),
        ),
      };
    });
    return { scale, complete: complete.length, alpha: cronbachAlpha(complete), items: stats };
  });
}
