/** The trust self-assessment as data (`content/assessment/*.yaml`): the reference for its authors. */
import { z } from 'astro/zod';
import { ELEMENTS } from '../content/elements';

/** The five elements of trust, plus self-orientation, which divides trust (the trust equation). */
export const SCALES = [...ELEMENTS, 'self-orientation'] as const;
export type Scale = (typeof SCALES)[number];

/** The five-point agreement scale, 1–5. */
export const AGREEMENT = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
] as const;

export const ITEMS_PER_SCALE = 5;

export const itemSchema = z
  .object({
    /** Stable id (`dependability-1` …); stored with answers, so never reuse or renumber one. */
    id: z.string().regex(/^[a-z]+(?:-[a-z]+)*-[1-9][0-9]*$/),
    /** The scale the statement measures. */
    scale: z.enum(SCALES),
    /** A concrete behaviour in the first person ("When I …, I …"), not an adjective. */
    text: z.string().trim().min(20).max(200),
    /** True when agreeing lowers the scale's score (on self-orientation, where lower is better, too). */
    reverse: z.boolean(),
  })
  .strict();

export const itemsSchema = z
  .object({
    /** Thirty statements: five per scale, about a third of them reverse-keyed. */
    items: z.array(itemSchema).length(SCALES.length * ITEMS_PER_SCALE),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = file.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'item ids must be unique' });
    for (const scale of SCALES) {
      const count = file.items.filter((i) => i.scale === scale).length;
      if (count !== ITEMS_PER_SCALE) {
        ctx.addIssue({ code: 'custom', message: `${scale} has ${count} items; it needs ${ITEMS_PER_SCALE}` });
      }
      if (!file.items.some((i) => i.scale === scale && i.reverse)) {
        ctx.addIssue({ code: 'custom', message: `${scale} needs at least one reverse-keyed item` });
      }
    }
    const reversed = file.items.filter((i) => i.reverse).length;
    if (reversed < 8 || reversed > 12) {
      ctx.addIssue({
        code: 'custom',
        message: `about a third of the items are reverse-keyed (8–12); ${reversed} are`,
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
export type Guidance = z.infer<typeof guidanceSchema>;
