/**
 * What the dashboard shows of the person's team, first thing (a per-request slot of the cached page, whose
 * key holds no team): a rep's assignments, or for an owner or manager the way to their team.
 */
import { formatDate } from '../platform/dates';
import { escapeHtml } from '../platform/html';
import type { AssignmentStatus } from './assignments';

export const TEAM_ASSIGNMENTS_SLOT = 'team-assignments';

export interface RepAssignment {
  title: string;
  href: string;
  dueAt: Date;
  status: AssignmentStatus;
}

const ORDER: Record<AssignmentStatus, number> = { overdue: 0, open: 1, done: 2 };
const LABEL: Record<AssignmentStatus, string> = { overdue: 'Overdue', open: 'Due', done: 'Done' };

/** Overdue first, then by due date; done ones last. Empty when there is nothing assigned. */
export function assignmentsHtml(items: readonly RepAssignment[]): string {
  if (items.length === 0) return '';
  const sorted = [...items].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.dueAt.getTime() - b.dueAt.getTime(),
  );
  const open = items.filter((i) => i.status !== 'done').length;
  const rows = sorted
    .map(
      (i) =>
        `<li class="assignment assignment-${i.status}"><a href="${escapeHtml(i.href)}">${escapeHtml(i.title)}</a> ` +
        `<span class="assignment-due">${LABEL[i.status]}${i.status === 'done' ? '' : ` ${escapeHtml(formatDate(i.dueAt))}`}</span></li>`,
    )
    .join('');
  const summary =
    open === 0
      ? 'All done — nice work.'
      : `${open} to do${open === items.length ? '' : `, ${items.length - open} done`}.`;
  return (
    '<section class="card team-assignments" aria-labelledby="assignments-title">' +
    '<h2 id="assignments-title">Assigned by your team</h2>' +
    `<p>${summary}</p><ul class="assignment-list">${rows}</ul></section>`
  );
}

/** An owner's or manager's way to their team from My learning: its page and its progress and results. */
export function teamLeadHtml(team: { id: string; name: string }): string {
  const base = `/teams/${encodeURIComponent(team.id)}`;
  return (
    '<section class="card team-assignments team-lead" aria-labelledby="your-team-title">' +
    `<h2 id="your-team-title">Your team: ${escapeHtml(team.name)}</h2>` +
    '<p class="team-lead-links">' +
    `<a href="${base}/reports">Progress and results</a>` +
    `<a href="${base}">Team page</a></p></section>`
  );
}
