/** The progress slots of lesson and outline pages for one request: one progress read, shared by every slot. */

import { lessonAccess } from '../../content/access';
import type { LessonMeta } from '../../content/course';
import { type LessonStatus, lessonStatus } from '../../progress/progress';
import { PROGRESS_PANEL_SLOT, progressPanelHtml, statusBadgeHtml } from '../../progress/progress-html';
import { passPercent } from '../../quiz/grading';
import { getCourse, getQuiz, quizSlugs } from '../content/service';
import { db } from '../platform/db';
import { readLessonProgress, readProgress } from './queries';
import { recordVisit } from './service';

type Statuses = Map<string, { status: LessonStatus; bestScore: number | null }>;

export interface ProgressSlots {
  /** HTML of a slot this module owns, or null when the slot is not a progress slot. */
  fill(slot: string): Promise<string | null>;
}

/**
 * Slots for the page at `path`. Opening a lesson the learner may read records the visit ("started")
 * before anything is read, so the page already shows it.
 */
export function progressSlots(locals: App.Locals, path: string, now: Date): ProgressSlots {
  const user = locals.user;
  let lesson: Promise<{ meta: LessonMeta | null; canRead: boolean }> | null = null;
  let statuses: Promise<Statuses> | null = null;

  const current = () => {
    lesson ??= (async () => {
      const slug = path.startsWith('/lessons/') ? path.slice('/lessons/'.length) : '';
      const meta = (await getCourse()).bySlug.get(slug) ?? null;
      return { meta, canRead: meta !== null && lessonAccess(meta, locals.entitlements) === 'full' };
    })();
    return lesson;
  };
  const load = () => {
    statuses ??= (async () => {
      const map: Statuses = new Map();
      if (!user) return map;
      const { meta, canRead } = await current();
      if (meta && canRead) await recordVisit(user.id, meta.slug, now);
      const withQuiz = await quizSlugs();
      // A lesson page needs its own row only (one indexed lookup); the outline needs them all.
      const rows = meta
        ? await readLessonProgress(await db(), user.id, meta.slug)
        : await readProgress(await db(), user.id);
      for (const row of rows) {
        map.set(row.lessonSlug, {
          status: lessonStatus(row, withQuiz.has(row.lessonSlug)),
          bestScore: row.bestScore,
        });
      }
      return map;
    })();
    return statuses;
  };

  return {
    async fill(slot) {
      if (slot.startsWith('status-')) {
        if (!user) return '';
        const entry = (await load()).get(slot.slice('status-'.length));
        return statusBadgeHtml(entry?.status ?? 'not-started');
      }
      if (slot !== PROGRESS_PANEL_SLOT) return null;
      const { meta, canRead } = await current();
      if (!meta) return '';
      const entry = (await load()).get(meta.slug);
      const quiz = await getQuiz(meta.slug);
      return progressPanelHtml({
        slug: meta.slug,
        status: user ? (entry?.status ?? 'not-started') : null,
        canRead,
        bestScore: entry?.bestScore ?? null,
        hasQuiz: quiz !== null,
        passPercent: quiz ? passPercent(quiz) : 0,
      });
    },
  };
}
