/**
 * The per-person progress parts of lesson and outline pages, as HTML strings: they are page slots
 * (src/lib/platform/slots.ts), rendered by the page on a miss and by the page cache on a hit.
 */
import { escapeHtml } from '../platform/html';
import { type LessonStatus, STATUS_LABELS } from './progress';

/** Slot name of a lesson's status badge (outline and lesson header). */
export const statusSlot = (slug: string): string => `status-${slug}`;
/** Slot name of the panel at the end of a lesson: mark as read, the quiz, the status. */
export const PROGRESS_PANEL_SLOT = 'lesson-progress';

/** A status badge; nothing for visitors, who have no status. */
export function statusBadgeHtml(status: LessonStatus | null): string {
  if (status === null) return '';
  return `<span class="badge status status-${status}"><span class="visually-hidden">Your progress: </span>${STATUS_LABELS[status]}</span>`;
}

export interface PanelState {
  slug: string;
  /** null for a visitor. */
  status: LessonStatus | null;
  /** May this person read the body? Without it there is nothing to track. */
  canRead: boolean;
  bestScore: number | null;
  hasQuiz: boolean;
  passPercent: number;
}

/** The panel at the end of a lesson. */
export function progressPanelHtml(s: PanelState): string {
  if (!s.canRead) return '';
  const path = `/lessons/${s.slug}`;
  const open = '<section class="card progress-panel" id="progress" aria-labelledby="progress-title">';
  if (s.status === null) {
    return (
      `${open}<h2 id="progress-title">Track your progress</h2>` +
      `<p><a href="/login?next=${encodeURIComponent(path)}">Log in</a> or <a href="/signup">create a free account</a> ` +
      'to mark lessons read, take the quiz and earn certificates.</p></section>'
    );
  }
  const parts: string[] = [`${open}<h2 id="progress-title">Your progress</h2>`];
  parts.push(`<p>Status: ${statusBadgeHtml(s.status)}</p>`);
  const read = s.status === 'read' || s.status === 'complete';
  if (!read) {
    parts.push(
      // The form's action (`?_action=`, src/actions/learning.ts), written out: this module renders without Astro.
      `<form method="POST" action="${escapeHtml(path)}/read?_action=learning.markRead" class="inline-form">` +
        `<input type="hidden" name="lesson" value="${escapeHtml(s.slug)}">` +
        '<button class="button" type="submit">Mark as read</button></form>',
    );
  } else if (s.status === 'complete') {
    parts.push('<p>You have read this lesson and passed its quiz. Well done.</p>');
  } else {
    parts.push('<p>You have read this lesson. Pass its quiz to complete it.</p>');
  }
  if (s.hasQuiz) {
    const score = s.bestScore === null ? '' : ` Your best score so far is ${s.bestScore}%.`;
    const label = s.bestScore === null ? 'Take the quiz' : 'Take the quiz again';
    parts.push(
      `<p>Check your understanding with a short quiz; ${s.passPercent}% passes.${score}</p>` +
        `<p><a class="button${read ? '' : ' secondary'}" href="${escapeHtml(path)}/quiz">${label}</a></p>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}
