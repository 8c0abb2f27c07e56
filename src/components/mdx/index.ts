/** What lessons may use without importing anything (docs/lesson-authoring.md). */
import Exercise from './Exercise.astro';
import Mistake from './Mistake.astro';
import Say from './Say.astro';
import Scenario from './Scenario.astro';
import StartLedger from './StartLedger.astro';
import Takeaways from './Takeaways.astro';

export const mdxComponents = { Exercise, Mistake, Say, Scenario, StartLedger, Takeaways };

/** Headings the components above render, for the table of contents. */
export const COMPONENT_HEADINGS = [
  { depth: 2, slug: 'exercise', text: 'This week, try this' },
  { depth: 2, slug: 'takeaways', text: 'Key takeaways' },
] as const;
