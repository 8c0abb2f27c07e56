/** A real SMTP server on loopback that keeps what it receives, for tests that follow emailed links. */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, or '' when the message had none. */
  html: string;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** Waits for a message to `to` that matches `predicate`. */
  waitFor(to: string, predicate?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(fixedPort?: number): Promise<SmtpSink> {
  const port = fixedPort ?? (await freePort());
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
          messages.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, predicate = () => true, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find((m) => m.to === to && predicate(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `no email to ${to} within ${timeoutMs} ms; got: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message that starts with `origin`. */
export function linkIn(mail: ReceivedMail, origin: string): URL {
  const match = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.startsWith(origin));
  if (!match) throw new Error(`no ${origin} link in: ${mail.text}`);
  return new URL(match);
}
