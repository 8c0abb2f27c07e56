/** Inviting customers to the trust survey: rounds, single-use links, the outbox, and the limits on both. */
import { type Database, type Transaction, write } from '@db/client';
import { mailboxKey } from '../../accounts/email';
import type { BucketRule } from '../../platform/token-bucket';
import { take } from '../../platform/token-bucket';
import { invitationMessage } from '../../survey/emails';
import type { InviteInput } from '../../survey/forms';
import { MAX_PER_BATCH, parseAddresses, type SelfLike, selfLike } from '../../survey/invitees';
import { INVITATION_TTL_MS, roundStatus } from '../../survey/rounds';
import { MIN_RESPONSES } from '../../survey/scoring';
import { generateToken, hashToken, newId } from '../accounts/tokens';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

/** A burst of 40 invitations, then about six a day: enough for a book of customers, not for spam. */
export const MEMBER_LIMIT: BucketRule = { capacity: 40, refillPerSecond: 6 / 86_400 };
/** Whoever invites them, an address gets at most two survey emails, then one a fortnight. */
export const RECIPIENT_LIMIT: BucketRule = { capacity: 2, refillPerSecond: 1 / (14 * 86_400) };

export const memberKey = (userId: string): string => `survey:member:${userId}`;
/** Hashed, so the bucket table never holds a customer's address. */
export const addressHash = (address: string): string => hashToken(mailboxKey(address));
export const recipientKey = (address: string): string => `survey:recipient:${addressHash(address)}`;

export interface Member {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
}

export interface Context {
  now: Date;
  siteUrl: URL;
}

export interface CreatedLink {
  recipient: string;
  url: string;
}

export type InviteResult =
  | {
      kind: 'ok';
      /** Null when nobody could be invited (every address was one we may not email now). */
      roundNumber: number | null;
      emailed: string[];
      links: CreatedLink[];
      /** Addresses we may not email now: they asked us never to, or were invited recently. */
      notEmailed: string[];
      /** Invitations to addresses at the member's own company's domain. */
      sameDomain: string[];
    }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'rate-limited'; retryAfterSeconds: number; message: string }
  /** The same form was sent before (a double click, a reload): nobody is invited twice. */
  | { kind: 'duplicate' }
  | { kind: 'unconfirmed' };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const surveyLink = (siteUrl: URL, token: string): string =>
  new URL(`/survey/answer?token=${token}`, siteUrl).toString();
const optOutUrl = (siteUrl: URL, token: string): string =>
  new URL(`/survey/never-email?token=${token}`, siteUrl).toString();

/**
 * Creates one invitation per address and per chosen ledger customer, in the open round (or a new one),
 * all in one transaction with their emails and the rate-limit draws: all of them, or none.
 */
export async function invite(
  database: Database,
  member: Member,
  input: InviteInput,
  ctx: Context,
): Promise<InviteResult> {
  if (!member.emailVerified) return { kind: 'unconfirmed' };
  const parsed = parseAddresses(input.emails);
  if (parsed.invalid.length > 0) {
    return {
      kind: 'invalid',
      fields: { emails: `These don’t look like email addresses: ${parsed.invalid.slice(0, 5).join(', ')}.` },
    };
  }
  const own = parsed.addresses.find((a) => selfLike(member.email, a) === 'own-address');
  if (own) {
    return {
      kind: 'invalid',
      fields: {
        emails: `${own} is your own address: the survey is for your customers. Remove it and send again.`,
      },
    };
  }
  const customers = await q.ledgerCustomersByIds(database, member.id, input.customers);
  if (customers.length !== new Set(input.customers).size) {
    return { kind: 'invalid', fields: { customers: 'Choose customers from your own ledger.' } };
  }
  const total = parsed.addresses.length + customers.length;
  if (total === 0) {
    return {
      kind: 'invalid',
      fields: { emails: 'Enter at least one email address, or choose customers from your ledger.' },
    };
  }
  if (total > MAX_PER_BATCH) {
    return {
      kind: 'invalid',
      fields: { emails: `Invite at most ${MAX_PER_BATCH} people at a time (this was ${total}).` },
    };
  }
  const byEmail = input.delivery === 'email';

  return write(database, async (tx): Promise<InviteResult> => {
    // The member's bucket pays for every invitation; each emailed address draws on its own bucket.
    const memberBucketKey = memberKey(member.id);
    const keys = [memberBucketKey, ...(byEmail ? parsed.addresses.map(recipientKey) : [])];
    const stored = new Map((await q.bucketsOf(tx, keys)).map((b) => [b.key, b]));
    const state = (key: string) => {
      const b = stored.get(key);
      return b ? { tokens: b.tokens, updatedAt: b.updatedAt.getTime() } : null;
    };
    const optedOut = byEmail ? await q.optedOut(tx, parsed.addresses.map(addressHash)) : new Set<string>();
    const notEmailed: string[] = [];
    const toEmail: { address: string; tokens: number; updatedAt: number }[] = [];
    for (const address of byEmail ? parsed.addresses : []) {
      const draw = take(RECIPIENT_LIMIT, state(recipientKey(address)), ctx.now.getTime());
      // One message for both reasons, so a member can't learn who asked us never to write.
      if (optedOut.has(addressHash(address)) || !draw.allowed) notEmailed.push(address);
      else toEmail.push({ address, ...draw.state });
    }
    const count = total - notEmailed.length;
    if (count === 0)
      return { kind: 'ok', roundNumber: null, emailed: [], links: [], notEmailed, sameDomain: [] };
    const drawn = take(MEMBER_LIMIT, state(memberBucketKey), ctx.now.getTime(), count);
    if (!drawn.allowed) {
      const room = Math.floor(drawn.state.tokens);
      return {
        kind: 'rate-limited',
        retryAfterSeconds: drawn.retryAfterSeconds,
        message:
          room > 0
            ? `You can send ${plural(room, 'more invitation')} for now; ${count} is too many. Invite fewer people, or wait a day.`
            : 'You have sent as many invitations as we allow for now. Please try again tomorrow.',
      };
    }
    if (!(await q.claimBatch(tx, member.id, input.submission, ctx.now))) return { kind: 'duplicate' };
    // Only now that every check passed are the buckets drawn on, with the invitations, in one transaction.
    await q.saveBucket(tx, memberBucketKey, drawn.state.tokens, new Date(drawn.state.updatedAt));
    for (const r of toEmail) await q.saveBucket(tx, recipientKey(r.address), r.tokens, new Date(r.updatedAt));

    const round = await openRound(tx, member.id, input.newRound === 'on', ctx.now);
    const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_MS);
    const rows: q.InvitationRow[] = [];
    const links: CreatedLink[] = [];
    const sameDomain: string[] = [];
    const make = (
      recipient: string,
      delivery: 'email' | 'link',
      customerId: string | null,
      flag: SelfLike | null,
    ) => {
      const token = generateToken();
      if (flag === 'same-domain') sameDomain.push(recipient);
      rows.push({
        id: newId(),
        userId: member.id,
        roundId: round.id,
        tokenHash: hashToken(token),
        delivery,
        recipient,
        customerId,
        flag: flag === 'same-domain' ? 'same-domain' : null,
        createdAt: ctx.now,
        expiresAt,
        used: false,
      });
      return token;
    };
    for (const { address } of toEmail) {
      const token = make(address, 'email', null, selfLike(member.email, address));
      const optOutToken = generateToken();
      await q.insertOptOutLinks(tx, [
        { tokenHash: hashToken(optOutToken), addressHash: addressHash(address), createdAt: ctx.now },
      ]);
      await enqueueEmail(
        tx,
        invitationMessage(
          address,
          member,
          surveyLink(ctx.siteUrl, token),
          optOutUrl(ctx.siteUrl, optOutToken),
          expiresAt,
        ),
        ctx.now,
      );
    }
    if (!byEmail) {
      for (const address of parsed.addresses) {
        const token = make(address, 'link', null, selfLike(member.email, address));
        links.push({ recipient: address, url: surveyLink(ctx.siteUrl, token) });
      }
    }
    for (const customer of customers) {
      const token = make(customer.name, 'link', customer.id, null);
      links.push({ recipient: customer.name, url: surveyLink(ctx.siteUrl, token) });
    }
    await q.insertInvitations(tx, rows);
    return {
      kind: 'ok',
      roundNumber: round.number,
      emailed: toEmail.map((r) => r.address),
      links,
      notEmailed,
      sameDomain,
    };
  });
}

/** The round new invitations join: the latest while it is open, else (or when asked) a new one. */
async function openRound(tx: Transaction, userId: string, fresh: boolean, now: Date) {
  const latest = await q.latestRound(tx, userId);
  if (latest) {
    const invitations = await q.invitationsOfRound(tx, latest.id);
    const open = roundStatus(latest.closedAt, invitations, now, MIN_RESPONSES).open;
    // An open round nobody was invited to yet is reused, never left empty behind a new one.
    if (open && (!fresh || invitations.length === 0)) return latest;
  }
  const round = { id: newId(), userId, number: (latest?.number ?? 0) + 1, createdAt: now, closedAt: null };
  await q.insertRound(tx, round);
  return round;
}

/** Closes one of the member's own rounds: its unused links stop working and its results can be shown. */
export async function closeRound(
  database: Database,
  userId: string,
  roundId: string,
  now: Date,
): Promise<boolean> {
  return write(database, (tx) => q.closeRound(tx, userId, roundId, now));
}
