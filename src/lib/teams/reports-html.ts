/**
 * The body of the manager's reports page as HTML: each assignment's status per rep, progress per rep and
 * module, and results. Built as a string (like the dashboard's assignments slot) because a team of
 * hundreds of reps makes a page of thousands of cells, which the server keeps per team and data version
 * (`reportsBody` in `src/lib/server/teams/report-pages.ts`) instead of rendering it on every request.
 * Everything shown comes from `reports.ts`, so the privacy rules have already been applied.
 */
import { formatRate } from '../ledger/rules';
import { formatDate } from '../platform/dates';
import { escapeHtml as e } from '../platform/html';
import { MIN_AGGREGATE_GROUP } from './privacy';
import {
  type AssignmentReport,
  type ProgressReport,
  type RepAssignmentStatus,
  STATUS_LABELS,
  type TeamAggregate,
} from './reports';

const ORDER: RepAssignmentStatus[] = ['overdue', 'not-started', 'in-progress', 'done'];
const status = (s: RepAssignmentStatus, text: string) => `<span class="status status-${s}">${e(text)}</span>`;

export function assignmentStatusHtml(
  teamId: string,
  assignments: readonly AssignmentReport[],
  reps: number,
): string {
  const head = '<section aria-labelledby="assignments-title"><h2 id="assignments-title">Assignments</h2>';
  if (assignments.length === 0)
    return `${head}<p>Nothing assigned yet. <a href="/teams/${e(teamId)}#assign-title">Assign a lesson, a module or the self-assessment</a> with a due date, and each rep’s status shows here.</p></section>`;
  if (reps === 0)
    return `${head}<p>${assignments.length === 1 ? 'One assignment is' : `${assignments.length} assignments are`} waiting for the team’s first reps: each rep’s status shows here once they join.</p></section>`;
  const items = assignments.map((a) => {
    const counts = ORDER.filter((s) => a.counts[s] > 0)
      .map((s) => status(s, `${a.counts[s]} ${STATUS_LABELS[s].toLowerCase()}`))
      .join(' ');
    const who = a.reps
      .map(
        (r) => `<li><span>${e(r.rep.displayName)}</span> ${status(r.status, STATUS_LABELS[r.status])}</li>`,
      )
      .join('');
    return (
      `<li class="card"><h3><a href="${e(a.href)}">${e(a.title)}</a></h3>` +
      `<p class="assignment-due">Due ${e(formatDate(a.dueAt))}</p><p class="status-counts">${counts}</p>` +
      `<details><summary>Who<span class="visually-hidden"> — ${e(a.title)}</span></summary><ul class="status-list">${who}</ul></details></li>`
    );
  });
  return `${head}<ul class="assignment-reports">${items.join('')}</ul></section>`;
}

export function progressTableHtml(report: ProgressReport): string {
  const head = '<section aria-labelledby="progress-title"><h2 id="progress-title">Progress per rep</h2>';
  if (report.reps.length === 0)
    return `${head}<p>No reps in the team yet. Their progress shows here as soon as they join; invite them from the team page.</p></section>`;
  const columns = report.columns
    .map(
      (c) =>
        `<th scope="col" class="num">${e(c.title)}<span class="cell-note">${c.lessons} lessons · ${c.quizzes} quizzes</span></th>`,
    )
    .join('');
  const rows = report.reps.map((r) => {
    const cells = r.modules
      .map((m, i) => {
        const c = report.columns[i];
        const complete = c !== undefined && m.read === c.lessons && m.passed === c.quizzes;
        return (
          // Plain text and a line break: a team of hundreds makes thousands of these cells.
          `<td class="num${complete ? ' cell-complete' : ''}" data-label="${e(c?.title ?? '')}">${m.read}/${c?.lessons ?? 0} read<br>${m.passed}/${c?.quizzes ?? 0} passed</td>`
        );
      })
      .join('');
    return `<tr><th scope="row">${e(r.rep.displayName)}</th>${cells}<td class="num" data-label="Conversations">${r.conversationsPassed} of ${report.conversations} passed</td></tr>`;
  });
  return (
    `${head}<p class="hint">Per module: lessons read, then quizzes passed. A lesson is complete when it is read and its quiz passed.</p>` +
    // On a phone each rep is a card of lines (`stack-table`), so the table fits; wider, it may scroll sideways.
    '<div class="table-scroll" tabindex="0" role="region" aria-label="Progress table">' +
    `<table class="admin-table team-progress stack-table"><thead><tr><th scope="col">Rep</th>${columns}` +
    `<th scope="col" class="num">Conversations<span class="cell-note">practice runs passed</span></th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

const repsHave = (n: number) => (n === 1 ? 'one rep has' : `${n} reps have`);

function average(label: string, what: string, unit: string, agg: TeamAggregate): string {
  const text =
    agg.mean !== null
      ? `<strong class="big-figure">${agg.mean}</strong> ${e(unit)} (0–100) across ${agg.reps} reps`
      : agg.reps === 0
        ? `No rep has ${e(what)} yet.`
        : `So far ${repsHave(agg.reps)} ${e(what)}. The team average shows once ${MIN_AGGREGATE_GROUP} have, so that no one’s result can be worked out from it.`;
  return `<div class="card"><dt>${e(label)}</dt><dd>${text}</dd></div>`;
}

export function teamResultsHtml(report: ProgressReport): string {
  const sharing = report.reps.filter((r) => r.sharesAssessment || r.sharesKeptRate);
  const averages =
    average('Self-assessment', 'taken the self-assessment', 'average trust index', report.assessment) +
    average(
      'Customer survey',
      'a survey round answered by three customers or more',
      'average customer rating',
      report.survey,
    );
  const shared =
    sharing.length === 0
      ? '<p>No rep shares individual results. Each rep chooses on the team page; what they don’t share counts only in the averages above. A rep’s promise ledger is never shown, only — if they opt in — their kept-on-time rate.</p>'
      : '<div class="table-scroll" tabindex="0" role="region" aria-label="Shared results table"><table class="admin-table"><thead><tr>' +
        '<th scope="col">Rep</th><th scope="col" class="num">Trust index</th><th scope="col" class="num">Customers’ rating</th><th scope="col" class="num">Kept on time</th>' +
        `</tr></thead><tbody>${sharing
          .map((r) => {
            const trust = r.sharesAssessment
              ? r.trustIndex === null
                ? 'not taken yet'
                : String(Math.round(r.trustIndex))
              : 'not shared';
            const rating = r.sharesAssessment
              ? r.customerScore === null
                ? 'no survey yet'
                : String(Math.round(r.customerScore))
              : 'not shared';
            const kept = r.sharesKeptRate
              ? r.keptRate === null || r.keptRate.rate === null
                ? 'no promises settled'
                : `${formatRate(r.keptRate.rate)} of ${r.keptRate.settled}`
              : 'not shared';
            return `<tr><th scope="row">${e(r.rep.displayName)}</th><td class="num">${trust}</td><td class="num">${rating}</td><td class="num">${kept}</td></tr>`;
          })
          .join('')}</tbody></table></div>`;
  const scale =
    report.assessment.mean !== null || report.survey.mean !== null || sharing.length > 0
      ? '<p class="hint">Averages and ratings are on a 0–100 scale. The kept-on-time rate counts the rep’s settled promises.</p>'
      : '';
  return `<section aria-labelledby="results-title"><h2 id="results-title">Results</h2><dl class="team-averages">${averages}</dl><h3>Shared by reps</h3>${shared}${scale}</section>`;
}

/** The whole body under the page's heading and navigation: one card while the team has no reps. */
export function reportsBodyHtml(
  teamId: string,
  progress: ProgressReport,
  assignments: readonly AssignmentReport[],
): string {
  const n = progress.reps.length;
  if (n === 0)
    return (
      '<div class="card"><h2>No reps in the team yet</h2><p>Once the reps you invite join, this page shows where each of them stands: every assignment’s status, their progress per module, and the team’s results.</p>' +
      `<p><a class="button" href="/teams/${e(teamId)}#invite-title">Invite your reps</a></p></div>` +
      assignmentStatusHtml(teamId, assignments, 0)
    );
  return (
    `<p>${n === 1 ? 'One rep' : `${n} reps`} in the team now. Reps who leave drop out of every report, with everything they did.</p>` +
    assignmentStatusHtml(teamId, assignments, n) +
    progressTableHtml(progress) +
    teamResultsHtml(progress)
  );
}
