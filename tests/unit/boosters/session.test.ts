import { describe, expect, it } from 'vitest';
import { todaysSession } from '../../../src/lib/boosters/session';

describe('todaysSession', () => {
  it('asks at most the session size of what is due, the rest kept as more due', () => {
    expect(todaysSession({ due: 7, answeredToday: 0, sessionSize: 5, extra: 0 })).toEqual({
      ask: 5,
      size: 5,
      moreDue: 2,
    });
    expect(todaysSession({ due: 2, answeredToday: 0, sessionSize: 5, extra: 0 })).toEqual({
      ask: 2,
      size: 2,
      moreDue: 0,
    });
  });

  it('counts down as the session is answered, and is done at its size', () => {
    // Answered boosters are no longer due: 7 due at the start, 3 answered, 4 left.
    expect(todaysSession({ due: 4, answeredToday: 3, sessionSize: 5, extra: 0 })).toEqual({
      ask: 2,
      size: 5,
      moreDue: 2,
    });
    expect(todaysSession({ due: 2, answeredToday: 5, sessionSize: 5, extra: 0 })).toMatchObject({
      ask: 0,
      moreDue: 2,
    });
  });

  it('asks another session’s worth on request', () => {
    expect(todaysSession({ due: 2, answeredToday: 5, sessionSize: 5, extra: 1 })).toEqual({
      ask: 2,
      size: 7,
      moreDue: 0,
    });
  });

  it('asks nothing when nothing is due', () => {
    expect(todaysSession({ due: 0, answeredToday: 0, sessionSize: 5, extra: 0 })).toEqual({
      ask: 0,
      size: 1,
      moreDue: 0,
    });
  });
});
