import { describe, expect, it } from 'vitest';
import { typeset, typesetText } from '../../../src/lib/content/typography';

describe('typesetting content text', () => {
  it('curls quotes and apostrophes and sets dashes and ellipses as the lessons have them', () => {
    expect(typesetText(`"Don't worry," she said -- it's 'fine'...`)).toBe(
      '“Don’t worry,” she said — it’s ‘fine’…',
    );
  });

  it('changes every string of a content file but no id, key, number or boolean', () => {
    const quiz = {
      passPercent: 80,
      questions: [
        {
          id: 'q1',
          type: 'true-false',
          section: 'bad-news-early',
          prompt: `The customer's "yes" means yes.`,
          options: [
            { id: 'true', correct: true, text: "It's true", explanation: 'Say "yes" only when you mean it.' },
          ],
        },
      ],
      turns: { 'first-call': { customer: `I'd like that.` } },
    };
    expect(typeset(quiz)).toEqual({
      passPercent: 80,
      questions: [
        {
          id: 'q1',
          type: 'true-false',
          section: 'bad-news-early',
          prompt: 'The customer’s “yes” means yes.',
          options: [
            { id: 'true', correct: true, text: 'It’s true', explanation: 'Say “yes” only when you mean it.' },
          ],
        },
      ],
      turns: { 'first-call': { customer: 'I’d like that.' } },
    });
  });
});
