/**
 * The admin overview: sign-ups, members, trials ending soon and assessments, each against the period
 * before, and the funnel of the last twelve weeks' sign-ups in total (the analytics page has it by week).
 */
import { type FunnelTotals, funnelTotals } from '../../admin/funnel';
import { db } from '../platform/db';
import { funnelTable } from './analytics';
import { type OverviewFigures, overviewFiguresIn } from './queries';

export type { OverviewFigures };

export async function overviewFigures(now: Date): Promise<OverviewFigures> {
  return overviewFiguresIn(await db(), now);
}

export async function overviewFunnel(now: Date): Promise<FunnelTotals> {
  return funnelTotals(await funnelTable(now));
}
