/**
 * How every email looks: composed once as plain text in a fixed shape, and rendered to HTML from that
 * text when it is sent, so the two parts are always the same message and the outbox keeps one copy
 * (whose links it can forget after delivery, see `withoutSecrets`). The HTML is what mail clients can
 * show: a table layout, inline styles, system fonts, no images, no external resources.
 *
 * The text's shape, which `emailHtml` reads back (blocks separated by a blank line):
 * - the greeting, first: text only (it may hold the person's name, see `greet`);
 * - a paragraph: any lines; our own links in it become links;
 * - a list: `Heading:` then lines starting `- ` (a person's own text lives only in list items, which
 *   never become links);
 * - the next step: two lines, `Label:` and the URL alone; the first one is drawn as a button;
 * - the signature, last.
 */
import type { EmailMessage } from './email';

export const SIGNATURE = 'Trust Academy · sales coaching on customer trust';

export interface EmailAction {
  /** What the button says: the next step in a few words ("Confirm my email"). */
  label: string;
  url: string;
}

export interface EmailList {
  heading: string;
  items: readonly string[];
}

export interface EmailContent {
  to: string;
  subject: string;
  /** The person's name to greet, or null for "Hello,". */
  name?: string | null;
  /** Paragraphs and lists before the next step. */
  body: readonly (string | EmailList)[];
  /** The one next step. */
  action: EmailAction;
  /** Paragraphs after it (what the link does, why the email came, what to do if it wasn't you). */
  after?: readonly string[];
}

/** One line of a person's text: line breaks would change the email's shape, so they become spaces. */
const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

const NO_NAME = 'Hello,\n';

/**
 * The message greeting `name` when it greets no one yet ("Hello," becomes "Hello Ana,"). The outbox
 * calls it for mail to an account's confirmed address, with that account's own name (decision 019).
 */
export function greet<M extends { text: string }>(message: M, name: string | null): M {
  const shown = name ? oneLine(name) : '';
  if (!shown || !message.text.startsWith(NO_NAME)) return message;
  return { ...message, text: `Hello ${shown},\n${message.text.slice(NO_NAME.length)}` };
}

/** Letters, marks, spaces, and the punctuation of names; at most 60 characters. */
const PLAIN_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]{0,59}$/u;

/**
 * A person's display name if it reads as a plain name, else null: for the two emails that name one
 * person to someone else (a survey to a customer, a team invitation), always beside that person's
 * confirmed address, so a display name can't make our mail say something else (decision 021).
 */
export function nameForEmail(displayName: string): string | null {
  const name = displayName.trim().replace(/\s+/g, ' ');
  return PLAIN_NAME.test(name) ? name : null;
}

export function composeEmail(content: EmailContent): EmailMessage {
  const name = content.name ? oneLine(content.name) : '';
  const blocks = [
    name ? `Hello ${name},` : 'Hello,',
    ...content.body.map((part) =>
      typeof part === 'string'
        ? part
        : [`${part.heading}:`, ...part.items.map((item) => `- ${oneLine(item)}`)].join('\n'),
    ),
    `${content.action.label}:\n${content.action.url}`,
    ...(content.after ?? []),
    SIGNATURE,
  ];
  return { to: content.to, subject: content.subject, text: `${blocks.join('\n\n')}\n` };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const URL_ALONE = /^https?:\/\/\S+$/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

// The palette of src/styles/global.css, written out: mail clients don't read custom properties.
const INK = '#17212b';
const SOFT = '#4a5563';
const PAPER = '#f8f5ef';
const LINE = '#e2dccf';
const BRAND = '#0d5c58';
const SANS = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const SERIF = "Georgia, 'Times New Roman', serif";
const AMBER = '#e8902e';

/**
 * The brand as every mail client draws it, without images, web fonts or symbol characters (a "◆" came
 * out as a box in some): a monogram in a teal cell over the warm accent, then the name as text.
 */
const BRAND_ROW = `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td width="34" height="34" align="center" valign="middle" bgcolor="${BRAND}" style="width:34px;height:34px;background:${BRAND};border-radius:9px;border-bottom:3px solid ${AMBER};font-family:${SERIF};font-size:16px;font-weight:bold;line-height:34px;color:#ffffff;mso-line-height-rule:exactly;" aria-hidden="true">TA</td><td style="padding-left:12px;font-family:${SERIF};font-size:22px;font-weight:bold;line-height:1.2;color:${BRAND};">Trust Academy</td></tr></table>`;
const P = `margin:0 0 16px;font-family:${SANS};font-size:16px;line-height:1.55;color:${INK};`;

/** A paragraph: escaped, line breaks kept; with `links`, the URLs in it (our own) clickable. */
function paragraph(text: string, links = true): string {
  const html = text
    .split('\n')
    .map((line) => {
      if (!links) return escapeHtml(line);
      let out = '';
      let last = 0;
      for (const match of line.matchAll(URL_IN_TEXT)) {
        const url = match[0].replace(/[.,;:)]+$/, '');
        const at = match.index ?? 0;
        out += `${escapeHtml(line.slice(last, at))}<a href="${escapeHtml(url)}" style="color:${BRAND};text-decoration:underline;word-break:break-all;">${escapeHtml(url)}</a>`;
        last = at + url.length;
      }
      return out + escapeHtml(line.slice(last));
    })
    .join('<br>');
  return `<p style="${P}">${html}</p>`;
}

function button(label: string, url: string): string {
  const href = escapeHtml(url);
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;"><tr><td bgcolor="${BRAND}" style="border-radius:6px;background:${BRAND};"><a href="${href}" style="display:inline-block;padding:13px 24px;font-family:${SANS};font-size:16px;font-weight:bold;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a></td></tr></table><p style="margin:0 0 20px;font-family:${SANS};font-size:13px;line-height:1.5;color:${SOFT};">Or open this link: <a href="${href}" style="color:${BRAND};word-break:break-all;">${escapeHtml(url)}</a></p>`;
}

function list(heading: string, items: string[]): string {
  const rows = items
    .map(
      (item) =>
        `<li style="margin:0 0 6px;font-family:${SANS};font-size:16px;line-height:1.5;color:${INK};">${escapeHtml(item)}</li>`,
    )
    .join('');
  return `<p style="${P}margin-bottom:8px;font-weight:bold;">${escapeHtml(heading)}</p><ul style="margin:0 0 20px;padding:0 0 0 22px;">${rows}</ul>`;
}

/** The HTML part of a message composed by `composeEmail`, read from its text. */
export function emailHtml(message: Pick<EmailMessage, 'subject' | 'text'>): string {
  const blocks = message.text
    .trim()
    .split(/\n{2,}/)
    .filter((b) => b.trim() !== SIGNATURE);
  let buttonDrawn = false;
  const parts = blocks.map((block, index) => {
    // The greeting may hold a name a person typed: text, never a link.
    if (index === 0) return paragraph(block, false);
    const lines = block.split('\n');
    const [first = '', second = ''] = lines;
    if (lines.length === 2 && first.endsWith(':') && URL_ALONE.test(second)) {
      if (!buttonDrawn) {
        buttonDrawn = true;
        return button(first.slice(0, -1), second);
      }
      return paragraph(block);
    }
    const rest = lines.slice(1);
    if (
      first.endsWith(':') &&
      !first.startsWith('- ') &&
      rest.length > 0 &&
      rest.every((l) => l.startsWith('- '))
    )
      return list(
        first.slice(0, -1),
        rest.map((l) => l.slice(2)),
      );
    return paragraph(block);
  });
  const preheader = escapeHtml(oneLine(blocks[1] ?? blocks[0] ?? '').slice(0, 140));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(message.subject)}</title>
</head>
<body style="margin:0;padding:0;background:${PAPER};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${PAPER}" style="background:${PAPER};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td style="padding:0 4px 14px;">${BRAND_ROW}</td></tr>
<tr><td bgcolor="#ffffff" style="background:#ffffff;border:1px solid ${LINE};border-top:4px solid ${BRAND};border-radius:8px;padding:28px 28px 12px;">
${parts.join('\n')}
</td></tr>
<tr><td style="padding:16px 4px;font-family:${SANS};font-size:13px;line-height:1.5;color:${SOFT};">${escapeHtml(SIGNATURE)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
