/**
 * The customer trust survey's questions: one overall question, two statements per element written from
 * the customer's side (what they have seen, not what the seller intends), and an optional comment.
 * Our own wording. Ids are stable: stored responses refer to them.
 */
import type { Element } from '../content/elements';

export interface SurveyItem {
  id: string;
  element: Element;
  /** "They" is the member being rated; the page names them above the questions. */
  text: string;
}

export const SURVEY_ITEMS: readonly SurveyItem[] = [
  {
    id: 'dependability-1',
    element: 'dependability',
    text: 'When they say something will be done by a date, it is.',
  },
  {
    id: 'dependability-2',
    element: 'dependability',
    text: 'I don’t have to chase them for what they said they would do.',
  },
  {
    id: 'competence-1',
    element: 'competence',
    text: 'They answer my questions accurately, or find out and come back.',
  },
  { id: 'competence-2', element: 'competence', text: 'Their advice has helped me make better decisions.' },
  { id: 'empathy-1', element: 'empathy', text: 'They understand what my organisation needs.' },
  {
    id: 'empathy-2',
    element: 'empathy',
    text: 'They have recommended what suited me, even when it meant selling me less.',
  },
  { id: 'truth-1', element: 'truth', text: 'They tell me about problems early, before I find out myself.' },
  { id: 'truth-2', element: 'truth', text: 'What they told me before I bought matched what I got.' },
  {
    id: 'rapport-1',
    element: 'rapport',
    text: 'I find them easy to talk to, even when something has gone wrong.',
  },
  { id: 'rapport-2', element: 'rapport', text: 'I can tell them a concern frankly, and it is taken well.' },
];

export const OVERALL_QUESTION = 'Overall, how much do you trust them?';

/** The overall question's answers, 1–5. */
export const OVERALL_LABELS = ['Not at all', 'A little', 'Somewhat', 'A lot', 'Completely'] as const;

/** The statements' answers, 1–5; "Can't say" is a sixth choice that counts as no answer. */
export const AGREEMENT_LABELS = [
  'Strongly disagree',
  'Disagree',
  'Neither',
  'Agree',
  'Strongly agree',
] as const;

export const CANT_SAY = 'na';

export const MAX_COMMENT_LENGTH = 1000;
