/** The admin overview's figures: sign-ups, members, trials ending soon, assessments this week. */
import { db } from '../platform/db';
import { type OverviewFigures, overviewFiguresIn } from './queries';

export type { OverviewFigures };

export async function overviewFigures(now: Date): Promise<OverviewFigures> {
  return overviewFiguresIn(await db(), now);
}
