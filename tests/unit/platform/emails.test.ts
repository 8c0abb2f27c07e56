/**
 * Every email kind is sent as text and HTML that say the same thing, with its one next step as a button,
 * and whatever a person typed (their name, their customers' names, their promises) is escaped in the
 * HTML and never becomes a link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alreadyRegisteredMessage,
  resetPasswordMessage,
  verifyEmailMessage,
} from '../../../src/lib/accounts/emails';
import {
  canceledMessage,
  paymentFailedMessage,
  refusedMessage,
  trialEndingMessage,
  trialStartedMessage,
} from '../../../src/lib/billing/emails';
import { boosterEmail } from '../../../src/lib/boosters/email';
import { digestMessage } from '../../../src/lib/ledger/digest';
import type { EmailMessage } from '../../../src/lib/platform/email';
import { emailHtml, greet, SIGNATURE } from '../../../src/lib/platform/email-layout';
import { invitationMessage as surveyInvitation } from '../../../src/lib/survey/emails';
import { invitationMessage as teamInvitation, reminderMessage } from '../../../src/lib/teams/emails';
import { smtpTransport } from '../../../src/lib/server/platform/email-transport';
import { type SmtpSink, startSmtpSink } from '../../support/smtp';

const site = 'https://academy.example.com';
const now = new Date(Date.UTC(2026, 10, 30, 8));
const digest = (items: { customerName: string; text: string; dueAt: Date }[]): EmailMessage =>
  digestMessage('ana@example.com', items, {
    now,
    timeZone: 'Europe/Lisbon',
    ledgerUrl: `${site}/ledger`,
    settingsUrl: `${site}/ledger/settings`,
  });

/** Each kind, with the button it must carry. */
const kinds: [string, EmailMessage, { label: string; url: string }][] = [
  [
    'confirm email',
    verifyEmailMessage('ana@example.com', `${site}/verify-email?token=abc`),
    { label: 'Confirm my email', url: `${site}/verify-email?token=abc` },
  ],
  [
    'already registered',
    alreadyRegisteredMessage('ana@example.com', `${site}/login`, `${site}/forgot-password`),
    { label: 'Log in', url: `${site}/login` },
  ],
  [
    'reset password',
    resetPasswordMessage('ana@example.com', `${site}/reset-password?token=abc`, 'Ana'),
    { label: 'Choose a new password', url: `${site}/reset-password?token=abc` },
  ],
  [
    'trial started',
    trialStartedMessage('ana@example.com', '7 December 2026', `${site}/lessons`),
    { label: 'Pick up the course', url: `${site}/lessons` },
  ],
  [
    'trial ending',
    trialEndingMessage('ana@example.com', '7 December 2026', `${site}/account/billing`, true),
    { label: 'Manage your membership', url: `${site}/account/billing` },
  ],
  [
    'payment failed',
    paymentFailedMessage('ana@example.com', '7 December 2026', `${site}/account/billing`),
    { label: 'Update your card', url: `${site}/account/billing` },
  ],
  [
    'membership ended',
    canceledMessage('ana@example.com', `${site}/pricing`),
    { label: 'Come back any time', url: `${site}/pricing` },
  ],
  [
    'duplicate refused',
    refusedMessage('ana@example.com', 'second-trial', false, `${site}/account/billing`),
    { label: 'See your plan', url: `${site}/account/billing` },
  ],
  [
    'ledger digest',
    digest([{ customerName: 'Acme', text: 'Send the quote', dueAt: new Date(Date.UTC(2026, 10, 30, 17)) }]),
    { label: 'Record each outcome in one click', url: `${site}/ledger` },
  ],
  [
    'team invitation',
    teamInvitation('ravi@example.com', `${site}/teams/join?token=abc`, '7 December 2026', {
      displayName: 'Olga Owner',
      email: 'olga@example.com',
    }),
    { label: 'See the invitation and join', url: `${site}/teams/join?token=abc` },
  ],
  [
    'assignment due soon',
    reminderMessage(
      'ravi@example.com',
      'soon',
      'Keeping small promises',
      '7 December 2026',
      `${site}/lessons/x`,
    ),
    { label: 'Pick it up', url: `${site}/lessons/x` },
  ],
  [
    'assignment overdue',
    reminderMessage(
      'ravi@example.com',
      'overdue',
      'Keeping small promises',
      '7 December 2026',
      `${site}/lessons/x`,
    ),
    { label: 'Finish it now', url: `${site}/lessons/x` },
  ],
  [
    'survey invitation',
    surveyInvitation(
      'buyer@example.com',
      { displayName: 'Ana Lima', email: 'ana@example.com' },
      `${site}/survey/abc`,
      `${site}/survey/never?token=def`,
      new Date(Date.UTC(2026, 11, 14)),
    ),
    { label: 'Answer the survey', url: `${site}/survey/abc` },
  ],
  [
    'trust booster',
    boosterEmail('ana@example.com', {
      due: 2,
      question: {
        scenario: null,
        prompt: 'What builds trust fastest?',
        options: ['Keeping a small promise', 'A discount'],
        sourceTitle: 'Small promises',
      },
      reviewUrl: `${site}/review`,
      stopUrl: `${site}/review/stop?member=x&signature=y`,
      settingsUrl: `${site}/review/settings`,
    }),
    { label: 'Answer it and see why', url: `${site}/review` },
  ],
];

/** The visible words of an HTML part, in order, whitespace collapsed (what a reader of it sees). */
function wordsOf(html: string): string {
  return html
    .replace(/<title>[\s\S]*?<\/title>/, '')
    .replace(/<div style="display:none[\s\S]*?<\/div>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

describe('every email kind', () => {
  it.each(kinds)(
    '%s: the HTML is the text message, with its next step as a button',
    (_kind, message, action) => {
      const html = emailHtml(message);
      expect(message.text).toContain(`${action.label}:\n${action.url}\n`);
      expect(message.text.trim().endsWith(SIGNATURE)).toBe(true);
      // One button: the action's label on a link to its URL.
      const buttons = [...html.matchAll(/<a href="([^"]+)" style="display:inline-block[^"]*">([^<]+)<\/a>/g)];
      expect(buttons.map((b) => [b[1]?.replace(/&amp;/g, '&'), b[2]])).toEqual([[action.url, action.label]]);
      // Every word of the text is in the HTML, in the same order (the HTML only adds the brand and
      // "Or open this link").
      const words = wordsOf(html).replace(/^TA Trust Academy /, '');
      let at = 0;
      for (const word of message.text.replace(/\s+/g, ' ').trim().split(' ')) {
        // A list's "- " is its bullet in HTML.
        if (word === '-') continue;
        const plain = word.replace(/:$/, '');
        const found = words.indexOf(plain, at);
        expect(found, `"${plain}" missing or out of order`).toBeGreaterThanOrEqual(0);
        at = found;
      }
      // What mail clients need: no scripts, no external images, fonts or stylesheets, a layout table.
      expect(html).not.toMatch(/<script|<img|<link|@import|url\(|<style/i);
      expect(html).toContain('role="presentation"');
      expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    },
  );

  it.each(kinds)(
    '%s: carries the brand as text in a coloured cell, no symbol character',
    (_kind, message) => {
      const html = emailHtml(message);
      expect(html).toMatch(
        /<td[^>]*bgcolor="#0d5c58"[^>]*aria-hidden="true">TA<\/td><td[^>]*>Trust Academy<\/td>/,
      );
      expect(html).not.toMatch(/&#9670;|◆/);
    },
  );
});

describe('the greeting', () => {
  const plain = verifyEmailMessage('ana@example.com', `${site}/verify-email?token=abc`);

  it('greets by the name given, on the first line only', () => {
    const greeted = greet(plain, 'Ana Lima');
    expect(greeted.text.startsWith('Hello Ana Lima,\n\nPlease confirm')).toBe(true);
    expect(greeted.text.slice('Hello Ana Lima,'.length)).toBe(plain.text.slice('Hello,'.length));
  });

  it('keeps "Hello," without a name, and never greets twice', () => {
    expect(greet(plain, null)).toBe(plain);
    expect(greet(plain, '  ')).toBe(plain);
    const once = greet(plain, 'Ana');
    expect(greet(once, 'Bo').text.startsWith('Hello Ana,')).toBe(true);
  });

  it('makes a name with line breaks one line', () => {
    expect(greet(plain, 'Ana\n\nClick:\nhttps://evil.example').text.split('\n')[0]).toBe(
      'Hello Ana Click: https://evil.example,',
    );
  });
});

describe('an email naming a person to someone else', () => {
  it.each([
    [
      'a team invitation',
      (displayName: string) =>
        teamInvitation('ravi@example.com', `${site}/teams/join?token=abc`, '7 December 2026', {
          displayName,
          email: 'olga@example.com',
        }),
    ],
    [
      'a survey invitation',
      (displayName: string) =>
        surveyInvitation(
          'buyer@example.com',
          { displayName, email: 'olga@example.com' },
          `${site}/survey/abc`,
          `${site}/survey/never?token=def`,
          new Date(Date.UTC(2026, 11, 14)),
        ),
    ],
  ])('%s names a plain name with the address, and anything else by the address alone', (_kind, make) => {
    expect(make('Olga Owner').text).toContain('Olga Owner (olga@example.com)');
    const hostile = make('Your account is locked: visit evil.example');
    expect(hostile.text).not.toContain('locked');
    expect(hostile.text).not.toContain('evil.example');
    expect(hostile.text).toContain('olga@example.com');
  });
});

describe('the trial-started email', () => {
  it('names what the trial opens beyond the course: the promise ledger and conversation practice', () => {
    const message = trialStartedMessage('ana@example.com', '7 December 2026', `${site}/lessons`);
    const text = message.text.replace(/\s+/g, ' ');
    expect(text).toContain('the promise ledger');
    expect(text).toContain('every practice conversation');
  });
});

describe('typed text in the HTML part', () => {
  const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & 'single' https://evil.example/pay`;

  /** Nothing of `hostile` is live markup or a link. */
  function expectInert(html: string): void {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="https:\/\/evil/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  }

  it('a display name in the reset greeting', () => {
    const message = resetPasswordMessage('ana@example.com', `${site}/reset-password?token=abc`, hostile);
    expect(message.text.startsWith(`Hello ${hostile},\n\n`)).toBe(true);
    expectInert(emailHtml(message));
  });

  it('a name with line breaks stays one greeting line and cannot forge a button', () => {
    const message = resetPasswordMessage(
      'ana@example.com',
      `${site}/reset-password?token=abc`,
      'Ana\n\nYour account is locked:\nhttps://evil.example/unlock',
    );
    const html = emailHtml(message);
    expect(message.text.split('\n')[0]).toBe(
      'Hello Ana Your account is locked: https://evil.example/unlock,',
    );
    expect(html).not.toMatch(/href="https:\/\/evil/);
  });

  it('no name greets no one', () => {
    expect(
      resetPasswordMessage('ana@example.com', `${site}/r?token=a`, null).text.startsWith('Hello,\n\n'),
    ).toBe(true);
  });

  it('a customer name in the digest', () => {
    const html = emailHtml(
      digest([
        { customerName: hostile, text: 'Send the quote', dueAt: new Date(Date.UTC(2026, 10, 30, 17)) },
      ]),
    );
    expectInert(html);
  });

  it('a promise text in the digest', () => {
    const message = digest([
      { customerName: 'Acme', text: `${hostile}\n\nPay now:\nhttps://evil.example/x`, dueAt: new Date(now) },
    ]);
    const html = emailHtml(message);
    expectInert(html);
    expect(html.match(/display:inline-block/g)).toHaveLength(1);
  });

  it('the subject in the title', () => {
    const html = emailHtml({ subject: 'Promises due today: <b>3</b>', text: 'Hello,\n\nHi' });
    expect(html).toContain('<title>Promises due today: &lt;b&gt;3&lt;/b&gt;</title>');
  });
});

describe('sent over SMTP', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('is multipart: the text part and the HTML part', async () => {
    const message = resetPasswordMessage('bo@example.com', `${site}/reset-password?token=abc`, 'Bo');
    await smtpTransport(sink.url, 'Trust Academy <hello@academy.example.com>').send(message);
    const received = await sink.waitFor('bo@example.com');
    expect(received.text.trim()).toBe(message.text.trim());
    expect(received.html).toContain('>Choose a new password</a>');
    expect(received.html).toContain('Hello Bo,');
  });
});
