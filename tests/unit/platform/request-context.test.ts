import { DatabaseBusyError, isBusyError } from '@db/client';
import { describe, expect, it } from 'vitest';
import {
  acceptableRequestId,
  currentRequest,
  outsideRequest,
  runInRequest,
} from '../../../src/lib/server/platform/request-context';

describe('a proxy request id', () => {
  it.each([
    ['edge-7f3a9c21', 'edge-7f3a9c21'],
    ['0c706289-3395-4da1-845c-c7f3fc0b8e22', '0c706289-3395-4da1-845c-c7f3fc0b8e22'],
    ['trace.4bf92f35:00f067aa', 'trace.4bf92f35:00f067aa'],
  ])('keeps a plain token %s', (value, kept) => {
    expect(acceptableRequestId(value)).toBe(kept);
  });

  it.each([
    null,
    '',
    'short',
    'with space 123',
    'quote"injected',
    '<script>alert(1)</script>',
    'x'.repeat(129),
  ])('refuses %s', (value) => {
    expect(acceptableRequestId(value)).toBeNull();
  });
});

describe('the request context', () => {
  it('is seen by code the request awaits, and not by work started outside it', async () => {
    const state = { requestId: 'req-12345678', databaseBusy: false };
    await runInRequest(state, async () => {
      await Promise.resolve();
      expect(currentRequest()).toBe(state);
      outsideRequest(() => expect(currentRequest()).toBeUndefined());
    });
    expect(currentRequest()).toBeUndefined();
  });
});

describe('busy errors', () => {
  it('recognises SQLITE_BUSY bare or wrapped, and nothing else', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(isBusyError(busy)).toBe(true);
    expect(isBusyError(new Error('Failed query', { cause: busy }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
    expect(isBusyError(new DatabaseBusyError(1500))).toBe(false);
    expect(new DatabaseBusyError(1500).message).toContain('1500 ms');
  });
});
