/** What code deep in a request may need to know about it (its id for log lines, a write that found the database busy), without passing it down. */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestState {
  readonly requestId: string;
  /** Set when a write gave up on the database lock: the response becomes a 503, whatever the page did. */
  databaseBusy: boolean;
}

const storage = new AsyncLocalStorage<RequestState>();

export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/** The current request's state, or undefined outside a request (start-up, the mail loop). */
export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

/** Runs `fn` outside any request, for work a request only starts (it must not inherit the request's id or fate). */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A proxy's request id, if it is one we may repeat in headers and logs; otherwise null. */
export function acceptableRequestId(value: string | null): string | null {
  return value !== null && SAFE_REQUEST_ID.test(value) ? value : null;
}
