/**
 * For the browser tests: an SMTP server on loopback plus a tiny HTTP endpoint listing what it received
 * (`GET /messages`), started by Playwright next to the app. Run with tsx.
 */
import { createServer } from 'node:http';
import { startSmtpSink } from './smtp';

const smtpPort = Number(process.env['MAILBOX_SMTP_PORT']);
const httpPort = Number(process.env['MAILBOX_HTTP_PORT']);
const sink = await startSmtpSink(smtpPort);

createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(req.url === '/messages' ? sink.messages : []));
}).listen(httpPort, '127.0.0.1');
