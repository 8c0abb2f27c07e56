/** The review page's group names: the statements' places in the order answered. */
import { describe, expect, it } from 'vitest';
import { statementsLabel } from '../../../src/lib/assessment/flow';

describe('statementsLabel', () => {
  const pages = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14], [15]];
  it.each([
    [0, 'Statements 1–6'],
    [1, 'Statements 7–12'],
    [2, 'Statements 13–14'],
    [3, 'Statement 15'],
  ])('group %i is "%s"', (index, label) => {
    expect(statementsLabel(pages, index)).toBe(label);
  });
});
