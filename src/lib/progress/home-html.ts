/**
 * The home page's "where you left off" panel, as HTML: the `home-continue` slot (src/lib/platform/slots.ts),
 * so the home page stays one cached page per audience and only this part is per person. Pure.
 */
import { moduleTitle } from '../content/elements';
import { escapeHtml } from '../platform/html';
import type { CourseProgress } from './progress';

export const HOME_CONTINUE_SLOT = 'home-continue';

export interface HomeContinueState {
  displayName: string;
  progress: CourseProgress;
  /** Whether the learner has opened any lesson yet. */
  started: boolean;
  /** Membership: a member lesson is open to them; otherwise it is named as one. */
  member: boolean;
}

/** A ring showing the course percentage; the number beside it is the text alternative. */
function ring(percent: number): string {
  const r = 26;
  const length = 2 * Math.PI * r;
  const filled = (Math.min(100, Math.max(0, percent)) / 100) * length;
  return (
    '<svg class="continue-ring" viewBox="0 0 64 64" aria-hidden="true">' +
    `<circle class="continue-ring-track" cx="32" cy="32" r="${r}"></circle>` +
    `<circle class="continue-ring-fill" cx="32" cy="32" r="${r}" stroke-dasharray="${filled.toFixed(1)} ${length.toFixed(1)}" transform="rotate(-90 32 32)"></circle>` +
    `<text class="continue-ring-text" x="32" y="37" text-anchor="middle">${percent}%</text></svg>`
  );
}

export function homeContinueHtml(s: HomeContinueState): string {
  const name = escapeHtml(s.displayName);
  const lesson = s.progress.continueWith;
  const { complete, total, percent } = s.progress.course;
  const open = '<section class="continue-panel" aria-labelledby="continue-title">';
  const summary = `<p class="continue-count">${complete} of ${total} lessons complete</p>`;
  if (!lesson) {
    return (
      `${open}${ring(percent)}<div class="continue-text"><p class="eyebrow">Welcome back, ${name}</p>` +
      '<h2 id="continue-title">You have finished the course</h2>' +
      `${summary}<p class="actions"><a class="button" href="/dashboard">See your certificates</a></p></div></section>`
    );
  }
  const locked = !s.member && !lesson.free;
  return (
    `${open}${ring(percent)}<div class="continue-text">` +
    `<p class="eyebrow">${s.started ? `Welcome back, ${name}` : `Welcome, ${name}`}</p>` +
    `<h2 id="continue-title">${s.started ? 'Pick up where you left off' : 'Start with the first lesson'}</h2>` +
    `<p class="continue-lesson"><span class="muted">${escapeHtml(moduleTitle(lesson.module))} · ${lesson.minutes} min</span><br>` +
    `${escapeHtml(lesson.title)}${locked ? ' <span class="badge members">Members</span>' : ''}</p>` +
    summary +
    '<p class="actions">' +
    `<a class="button" href="/lessons/${escapeHtml(lesson.slug)}">${s.started ? 'Continue' : 'Start'}<span class="visually-hidden">: ${escapeHtml(lesson.title)}</span></a>` +
    '<a class="button secondary" href="/dashboard">My learning</a></p>' +
    (locked
      ? '<p class="muted continue-note">This lesson is for members: <a href="/pricing">start a free trial</a>, or read the free lessons first.</p>'
      : '') +
    '</div></section>'
  );
}
