/**
 * The conversation file schema (`content/conversations/<slug>.yaml`): the reference for authors of
 * conversation practice. A conversation is a graph: turns (the customer says something, the learner
 * picks a reply) joined by each reply's `next`, ending in endings. The course check
 * (`course-check.ts`) holds every file to the rules this schema cannot see (reachability, path
 * lengths, the meter's range, links to lessons).
 */
import { z } from 'astro/zod';
import { MODULES } from '../content/elements';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string().regex(KEBAB, 'use lowercase letters, digits and hyphens').max(40);

/** Where the trust meter starts when a conversation names nothing else. */
export const DEFAULT_START_TRUST = 50;
/** The meter's bounds; the course check keeps every path inside them. */
export const TRUST_MIN = 0;
export const TRUST_MAX = 100;

export const DEAL_STAGES = [
  'prospecting',
  'discovery',
  'demo',
  'proposal',
  'negotiation',
  'close',
  'onboarding',
  'renewal',
  'escalation',
] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

/**
 * Where a reply leads: a turn or ending id, or a fork on the trust meter after the reply moved it
 * (`atLeast` or more goes to `to`, less to `otherwise`).
 */
export const nextSchema = z.union([
  id,
  z
    .object({
      /** The meter value (after this reply) from which the conversation goes to `to`. */
      atLeast: z.number().int().min(TRUST_MIN).max(TRUST_MAX),
      to: id,
      otherwise: id,
    })
    .strict(),
]);
export type Next = z.infer<typeof nextSchema>;

export const replySchema = z
  .object({
    /** Stable id inside its turn (`a`, `b`…). Stored with runs: never renumber a published conversation. */
    id,
    /** What the learner says, as they would say it. Shown in an order shuffled per run. */
    text: z.string().trim().min(10).max(320),
    /** How far the reply moves the customer's trust (−30…+30). Stays on the server. */
    trust: z.number().int().min(-30).max(30),
    /** The customer's answer to this reply, in kind; opens the next turn. */
    customer: z.string().trim().min(5).max(500),
    /** Why this reply helped or hurt, in one to three sentences; shown in the debrief. */
    feedback: z.string().trim().min(20).max(600),
    next: nextSchema,
  })
  .strict();
export type Reply = z.infer<typeof replySchema>;

export const turnSchema = z
  .object({
    /**
     * What the customer says now. The first turn's line opens the conversation; later turns follow the
     * customer's answer to the previous reply, so they carry the next question or move.
     */
    customer: z.string().trim().min(10).max(600),
    /** The lesson this turn practises (its slug) and the anchor of the section; the debrief links there. */
    lesson: id.max(80),
    section: z.string().regex(KEBAB, 'use the heading’s anchor').max(100),
    /** Three or four replies: exactly one of them moves the meter most (the best reply). */
    replies: z.array(replySchema).min(3).max(4),
  })
  .strict()
  .superRefine((turn, ctx) => {
    const ids = turn.replies.map((r) => r.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'reply ids must be unique within a turn', path: ['replies'] });
  });
export type Turn = z.infer<typeof turnSchema>;

/** What became of the deal or the account at an ending: the short run, which trust need not win. */
export const DEAL_OUTCOMES = ['won', 'kept', 'delayed', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

export const endingSchema = z
  .object({
    /** A short name for the ending: "Signed, with a later start date". */
    title: z.string().trim().min(5).max(80),
    /** The deal this quarter: won (signed, bought), kept (the account stays), delayed, or lost. */
    deal: z.enum(DEAL_OUTCOMES),
    /** What happened next to the deal or the relationship, and why; honest about what it cost. */
    outcome: z.string().trim().min(40).max(800),
  })
  .strict();
export type Ending = z.infer<typeof endingSchema>;

export const conversationSchema = z
  .object({
    /** Shown as the page heading; no trailing full stop. */
    title: z.string().trim().min(5).max(80),
    /** One sentence for the practice index (≤ 160 characters). */
    summary: z.string().trim().min(20).max(160),
    module: z.enum(MODULES),
    /** Order inside the module on the practice index, unique in the module. */
    order: z.number().int().min(1).max(20),
    /** Free conversations can be played by anyone with an account; the rest need a membership. */
    free: z.boolean().default(false),
    setting: z
      .object({
        industry: z.string().trim().min(3).max(60),
        stage: z.enum(DEAL_STAGES),
        /** Who the learner is in this conversation: "Account executive at a freight broker". */
        you: z.string().trim().min(5).max(120),
        /** Who the customer is: "Mirela Dobos, operations director at a regional grocer". */
        customer: z.string().trim().min(5).max(120),
        /** The situation before the first line, two to four sentences. */
        situation: z.string().trim().min(40).max(700),
      })
      .strict(),
    /** The meter's value before the first turn. */
    startTrust: z.number().int().min(TRUST_MIN).max(TRUST_MAX).default(DEFAULT_START_TRUST),
    /** The id of the first turn. */
    start: id,
    turns: z.record(id, turnSchema),
    endings: z.record(id, endingSchema),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (message: string, path: (string | number)[]): void => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    if (!(c.start in c.turns)) issue(`start "${c.start}" is not a turn`, ['start']);
    for (const name of Object.keys(c.turns)) {
      if (name in c.endings) issue(`"${name}" is both a turn and an ending`, ['endings', name]);
    }
    const known = (target: string): boolean => target in c.turns || target in c.endings;
    for (const [turnId, turn] of Object.entries(c.turns)) {
      turn.replies.forEach((reply, i) => {
        const targets = typeof reply.next === 'string' ? [reply.next] : [reply.next.to, reply.next.otherwise];
        for (const target of targets) {
          if (!known(target))
            issue(`next "${target}" is neither a turn nor an ending`, [
              'turns',
              turnId,
              'replies',
              i,
              'next',
            ]);
        }
      });
    }
  });
export type ConversationFile = z.infer<typeof conversationSchema>;
