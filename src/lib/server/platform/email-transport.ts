/** How email leaves the process: SMTP through nodemailer when `SMTP_URL` is set, otherwise a log line. */
import { createTransport } from 'nodemailer';
import { emailHtml } from '../../platform/email-layout';
import type { EmailMessage, EmailTransport } from './outbox';

export function smtpTransport(smtpUrl: string, from: string): EmailTransport {
  const transporter = createTransport(smtpUrl, { from });
  return {
    async send(message: EmailMessage) {
      // multipart/alternative: the plain text first, the HTML drawn from it (the same message).
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: emailHtml(message),
      });
    },
  };
}

/** The embedded default: the message (with any link in it) is written to the log for the developer. */
export function logTransport(log: (message: EmailMessage) => void): EmailTransport {
  return {
    async send(message: EmailMessage) {
      log(message);
    },
  };
}
