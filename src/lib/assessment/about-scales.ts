/**
 * How a profile is worded for someone other than its owner (the shared link, meant for a manager):
 * in the third person, naming the person. The owner's own wording is in content/assessment/guidance.yaml.
 * Pure.
 */
import type { Element } from '../content/elements';
import { moduleTitle } from '../content/elements';
import type { Scale } from './schema';
import type { Band } from './scoring';

/** What each scale measures, about the person. */
export const ABOUT: Record<Scale, string> = {
  dependability:
    'how consistently they do what they told customers they would do, when they said they would do it',
  competence:
    'how well they know the product and the customer’s business, and how honestly they handle the edge of what they know',
  empathy:
    'how well they understand what each customer needs and feels, by asking, listening and acknowledging before proposing',
  truth:
    'how consistently and plainly they tell customers the truth, including bad news, limits and what they don’t know yet',
  rapport:
    'how easy they are to work with, how much customers confide in them and how discreet they are with it, without mistaking being liked for being trusted',
  'self-orientation':
    'how far their own interests, such as targets, commission and deadlines, crowd out the customer’s; lower is better, because self-orientation divides trust',
};

const ELEMENT_BANDS: Record<Band, string> = {
  low: 'a low self-rating (0–39): the most room to grow, and a good place to start a coaching conversation.',
  middle: 'a middle self-rating (40–69): the habits are there but not yet automatic.',
  high: 'a high self-rating (70–100): a strength to build on. Self-ratings run generous, so compare it with what customers actually do.',
};

const SELF_ORIENTATION_BANDS: Record<Band, string> = {
  low: 'a low self-rating (0–39), which is the good end: the customer’s interests come first.',
  middle: 'a middle self-rating (40–69): their own interests sometimes crowd out the customer’s.',
  high: 'a high self-rating (70–100), which is the weaker end: their own interests often crowd out the customer’s, and this is the first thing to work on.',
};

/** What a band means for this scale, as one sentence ending in a full stop. */
export function bandMeaning(scale: Scale, band: Band): string {
  return (scale === 'self-orientation' ? SELF_ORIENTATION_BANDS : ELEMENT_BANDS)[band];
}

/** `Ana’s`, for headings and sentences about the person. */
export function possessive(name: string): string {
  return `${name}’s`;
}

/** "Dependability", "Dependability and Truth", "Competence, Truth and Rapport". */
export function elementList(elements: readonly Element[]): string {
  const names = elements.map(moduleTitle);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
