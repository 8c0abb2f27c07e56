/** The trust self-assessment as data (`content/assessment/*.yaml`): the reference for its authors. */
import { z } from 'astro/zod';
import { ELEMENTS } from '../content/elements';

/** The five elements of trust, plus self-orientation, which divides trust (the trust equation). */
export const SCALES = [...ELEMENTS, 'self-orientation'] as const;
export type Scale = (typeof SCALES)[number];

/** Statements per scale since version 2 (version 1 had five). */
export const ITEMS_PER_SCALE = 6;

/** The five-point agreement scale, 1–5: for statements that are not behaviours (knowledge, ability, comfort). */
export const AGREEMENT = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
] as const;

/** The five-point frequency scale, 1–5: for anything that happens (since version 2). */
export const FREQUENCY = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'] as const;

export const RESPONSES = { agreement: AGREEMENT, frequency: FREQUENCY } as const;
export type Response = keyof typeof RESPONSES;

/** The answer for a situation that may never arise; it is left out of the scale's average. */
export const NOT_APPLICABLE = 'na';
export const NOT_APPLICABLE_LABEL = 'Doesn’t happen in my role';

/** The version every new result is taken with; older results keep theirs (decision 020). */
export const CURRENT_VERSION = 2;

export const itemSchema = z
  .object({
    /** Stable id (`dependability-1` …); stored with answers, so never reuse or renumber one. */
    id: z.string().regex(/^[a-z]+(?:-[a-z]+)*-[1-9][0-9]*$/),
    /** The scale the statement measures. */
    scale: z.enum(SCALES),
    /** How it is answered: how often (a behaviour), or how much you agree (anything else). */
    response: z.enum(['agreement', 'frequency']).default('agreement'),
    /** One concrete thing in the first person ("When I …, I …"), not an adjective. */
    text: z.string().trim().min(20).max(200),
    /** True when a higher answer lowers the scale's score (on self-orientation, where lower is better, too). */
    reverse: z.boolean(),
    /** True when the situation may not arise: "Doesn't happen in my role" is offered and not scored. */
    notApplicable: z.boolean().default(false),
  })
  .strict();

/** Statements per page of the flow: since version 2, one of each scale. */
export const PAGE_SIZE = SCALES.length;

/**
 * One version of the instrument. Version 1 (frozen) had five agreement statements per scale, one page per
 * scale. From version 2 on: six per scale, at least two reverse-keyed and at most two not-applicable per
 * scale, and the list is the order shown, in pages of one statement per scale with no two statements of a
 * scale next to each other.
 */
export const itemsSchema = z
  .object({
    version: z.number().int().min(1),
    items: z.array(itemSchema).min(SCALES.length),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = file.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'item ids must be unique' });
    if (file.version === 1) {
      for (const scale of SCALES) {
        const count = file.items.filter((i) => i.scale === scale).length;
        if (count !== 5)
          ctx.addIssue({ code: 'custom', message: `${scale} has ${count} items; version 1 had 5` });
      }
      if (file.items.some((i) => i.response !== 'agreement' || i.notApplicable))
        ctx.addIssue({
          code: 'custom',
          message: 'version 1 used only the agreement scale, with no "not applicable"',
        });
      return;
    }
    for (const scale of SCALES) {
      const mine = file.items.filter((i) => i.scale === scale);
      if (mine.length !== ITEMS_PER_SCALE)
        ctx.addIssue({
          code: 'custom',
          message: `${scale} has ${mine.length} items; it needs ${ITEMS_PER_SCALE}`,
        });
      if (mine.filter((i) => i.reverse).length < 2)
        ctx.addIssue({ code: 'custom', message: `${scale} needs at least two reverse-keyed items` });
      if (mine.filter((i) => i.notApplicable).length > 2)
        ctx.addIssue({ code: 'custom', message: `${scale} may offer "not applicable" on at most two items` });
    }
    file.items.forEach((item, n) => {
      const next = file.items[n + 1];
      if (next && next.scale === item.scale)
        ctx.addIssue({
          code: 'custom',
          message: `${item.id} and ${next.id} (one scale) are next to each other`,
        });
    });
    for (let start = 0; start < file.items.length; start += PAGE_SIZE) {
      const page = new Set(file.items.slice(start, start + PAGE_SIZE).map((i) => i.scale));
      if (page.size !== SCALES.length)
        ctx.addIssue({
          code: 'custom',
          message: `page ${start / PAGE_SIZE + 1} needs one statement of every scale`,
        });
    }
  });

const band = z
  .object({
    /** What a score in this band says about the learner, in two or three sentences (second person). */
    meaning: z.string().trim().min(40).max(500),
    /** Exactly two concrete habits to practise this week, each one sentence starting with a verb. */
    habits: z.array(z.string().trim().min(20).max(240)).length(2),
  })
  .strict();

export const guidanceSchema = z
  .object({
    /** For every scale: what low (0–39), middle (40–69) and high (70–100) scores mean, and what to practise. */
    scales: z.record(
      z.enum(SCALES),
      z
        .object({
          /** One sentence: what the scale measures. */
          summary: z.string().trim().min(20).max(240),
          low: band,
          middle: band,
          high: band,
        })
        .strict(),
    ),
  })
  .strict();

export type AssessmentItem = z.infer<typeof itemSchema>;
export type ItemSet = z.infer<typeof itemsSchema>;
export type Guidance = z.infer<typeof guidanceSchema>;
