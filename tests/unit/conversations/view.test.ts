/** The debrief's sentence on the score and the final trust. */
import { describe, expect, it } from 'vitest';
import { scoreSentence, timeEstimate } from '../../../src/lib/conversations/view';

describe('scoreSentence', () => {
  it('says what the score and the final trust each are, in plain words', () => {
    expect(scoreSentence({ score: 72, finalTrust: 69, bestTrust: 85, worstTrust: 0 })).toBe(
      'Score 72 of 100: how close your replies came to the best ones (the best replies reach 85). The customer’s trust ended at 69 of 100.',
    );
  });

  it('says where the count starts when the worst path still leaves some trust', () => {
    expect(scoreSentence({ score: 50, finalTrust: 55, bestTrust: 80, worstTrust: 30 })).toBe(
      'Score 50 of 100: how close your replies came to the best ones (the worst replies leave 30, the best 80). The customer’s trust ended at 55 of 100.',
    );
  });
});

describe('timeEstimate', () => {
  it.each([
    [6, 'about 6 minutes'],
    [4, 'about 5 minutes'],
    [0, 'about 2 minutes'],
  ])('%i turns → %s', (turns, words) => {
    expect(timeEstimate(turns)).toBe(words);
  });
});
