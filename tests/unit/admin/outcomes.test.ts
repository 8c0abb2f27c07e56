import { describe, expect, it } from 'vitest';
import { codeOutcomes, type PersonFacts } from '../../../src/lib/admin/outcomes';

const at = (s: string) => new Date(`2026-11-${s}:00Z`);
const none: PersonFacts = { results: [], trialAt: null, subscriptions: [] };

describe('codeOutcomes', () => {
  it('follows each person who used a code through the later steps, counting each once', () => {
    const people: Record<string, PersonFacts> = {
      ana: {
        results: [
          { createdAt: at('01T10:00'), trustIndex: 40 }, // before BLOG: not counted for it
          { createdAt: at('02T10:00'), trustIndex: 50 },
          { createdAt: at('09T10:00'), trustIndex: 62 },
        ],
        trialAt: at('03T10:00'),
        subscriptions: [
          { status: 'active', trialEnd: at('10T10:00'), endedAt: null, createdAt: at('03T10:00') },
        ],
      },
      bo: { ...none, results: [{ createdAt: at('05T10:00'), trustIndex: 70 }] },
      cy: {
        ...none,
        trialAt: at('04T10:00'),
        subscriptions: [
          {
            status: 'canceled',
            trialEnd: at('11T10:00'),
            endedAt: at('06T10:00'),
            createdAt: at('04T10:00'),
          },
        ],
      },
    };
    const [blog, spring, unused] = codeOutcomes(
      ['BLOG', 'SPRING', 'UNUSED'],
      [
        { code: 'BLOG', userId: 'ana', at: at('02T09:00') },
        { code: 'BLOG', userId: 'bo', at: at('05T09:00') },
        { code: 'SPRING', userId: 'cy', at: at('04T10:00') },
        { code: 'SPRING', userId: 'cy', at: at('04T10:00') }, // redemption and subscription: one person
      ],
      (id) => people[id],
    );
    expect(blog).toEqual({
      code: 'BLOG',
      used: 2,
      assessed: 2,
      trials: 1,
      paying: 1,
      retook: 1,
      indexChange: 12,
    });
    expect(spring).toEqual({
      code: 'SPRING',
      used: 1,
      assessed: 0,
      trials: 1,
      paying: 0,
      retook: 0,
      indexChange: null,
    });
    expect(unused).toEqual({
      code: 'UNUSED',
      used: 0,
      assessed: 0,
      trials: 0,
      paying: 0,
      retook: 0,
      indexChange: null,
    });
  });

  it('measures the change on retake within one assessment version only', () => {
    const people: Record<string, PersonFacts> = {
      // 30 on version 1, then 45 and 60 on version 2: the change is 60 − 45, not 60 − 30.
      dee: {
        ...none,
        results: [
          { createdAt: at('02T10:00'), trustIndex: 30, version: 1 },
          { createdAt: at('05T10:00'), trustIndex: 45, version: 2 },
          { createdAt: at('09T10:00'), trustIndex: 60, version: 2 },
        ],
      },
      // One result of each version: nothing comparable, so no retake.
      eli: {
        ...none,
        results: [
          { createdAt: at('02T10:00'), trustIndex: 30, version: 1 },
          { createdAt: at('05T10:00'), trustIndex: 70, version: 2 },
        ],
      },
    };
    const [code] = codeOutcomes(
      ['V'],
      [
        { code: 'V', userId: 'dee', at: at('01T09:00') },
        { code: 'V', userId: 'eli', at: at('01T09:00') },
      ],
      (id) => people[id],
    );
    expect(code).toMatchObject({ used: 2, assessed: 2, retook: 1, indexChange: 15 });
  });
});
