import { describe, expect, it } from 'vitest';
import { boosterEmail, isQuietHour } from '../../../src/lib/boosters/email';
import { bucketOf, forgettingCurve } from '../../../src/lib/boosters/forgetting';
import { itemKey, parseItemKey } from '../../../src/lib/boosters/items';

describe('quiet hours', () => {
  it('are 21:00 to 08:00 local time', () => {
    expect([6, 7, 8, 12, 20, 21, 23, 0].map(isQuietHour)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('the booster email', () => {
  it('asks the first due question without its answer and links to the review and the stop link', () => {
    const message = boosterEmail('ana@example.com', {
      due: 3,
      question: {
        scenario: null,
        prompt: 'What builds trust fastest?',
        options: ['Keeping a small promise', 'A discount'],
        sourceTitle: 'Small promises',
      },
      reviewUrl: 'https://academy.example/review',
      stopUrl: 'https://academy.example/review/stop?member=x&signature=y',
      settingsUrl: 'https://academy.example/review/settings',
    });
    expect(message.subject).toBe('Your trust booster for today');
    expect(message.text).toContain(
      'What builds trust fastest?\n\nChoose one:\n- Keeping a small promise\n- A discount',
    );
    expect(message.text).toContain('Answer it and see why:\nhttps://academy.example/review\n');
    expect(message.text).toContain('2 more boosters are due');
    expect(message.text).toContain('https://academy.example/review/stop?member=x&signature=y');
  });
});

describe('deck items', () => {
  it('have keys that split back into kind, source and ref', () => {
    const turn = { kind: 'conversation-turn' as const, source: 'friday-deadline', ref: 't3' };
    expect(parseItemKey(itemKey(turn))).toEqual(turn);
    expect(parseItemKey('quiz-question:../etc:q1')).toBeNull();
    expect(parseItemKey('something:else:q1')).toBeNull();
  });
});

describe('forgetting curves', () => {
  it('bucket answers by days since learning and give the share right per bucket', () => {
    expect([0, 3.9, 4, 14.5, 200].map(bucketOf)).toEqual([0, 0, 1, 2, 6]);
    const curve = forgettingCurve([
      { bucket: 0, answers: 4, right: 3 },
      { bucket: 0, answers: 6, right: 6 },
      { bucket: 2, answers: 2, right: 1 },
    ]);
    expect(curve[0]).toEqual({ label: '0–3', answers: 10, right: 9, percent: 90 });
    expect(curve[1]?.percent).toBeNull();
    expect(curve[2]?.percent).toBe(50);
  });
});
