/** Words the admin pages and their CSV files use for scales and grant sources. Pure. */
import type { Scale } from '../assessment/schema';
import { MODULE_INFO } from '../content/elements';

export function scaleLabel(scale: Scale | 'trust-index'): string {
  if (scale === 'trust-index') return 'Trust index';
  if (scale === 'self-orientation') return 'Self-orientation (lower is better)';
  return MODULE_INFO[scale].title;
}
