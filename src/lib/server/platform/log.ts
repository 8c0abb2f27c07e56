/** The process's logger: one JSON object per line on stdout, every line of a request carrying its id. */
import { pino } from 'pino';
import { config } from './config';
import { currentRequest } from './request-context';

/**
 * pino writes synchronously to stdout (nothing is lost on a crash) and costs a few microseconds a line;
 * the request id comes from the request's async context, so callers never pass it.
 */
export const log = pino({
  level: config.logLevel,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin() {
    const request = currentRequest();
    return request ? { requestId: request.requestId } : {};
  },
});
