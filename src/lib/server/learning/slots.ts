/** The progress slots of lesson and outline pages for one request: one progress read, shared by every slot. */
import { lessonAccess } from '../../content/access';
import type { LessonMeta } from '../../content/course';
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';
import { HOME_CONTINUE_SLOT, homeContinueHtml } from '../../progress/home-html';
import { courseProgress, type LessonStatus, lessonStatus } from '../../progress/progress';
import { PROGRESS_PANEL_SLOT, progressPanelHtml, statusBadgeHtml } from '../../progress/progress-html';
import { passPercent } from '../../quiz/grading';
import { getCourse, getQuiz, quizSlugs } from '../content/service';
import { db } from '../platform/db';
import { readProgress } from './queries';
import { recordVisit } from './service';

type Statuses = Map<string, { status: LessonStatus; bestScore: number | null }>;

/**
 * Each learner's statuses as of a version of their `lesson_progress` rows (the only table statuses are
 * read from). The version comes with the session on every request and the database bumps it on every
 * write to those rows (decision 012), so an entry whose version matches is current; a learner browsing
 * lessons costs one progress read per change.
 */
const cache = new BoundedCache<string, { version: number; statuses: Statuses }>({
  name: 'lesson-statuses',
  maxBytes: 8 * 1024 * 1024,
  maxEntryBytes: 64 * 1024,
  // A status entry (slug key, small object) is about 120 bytes; there are as many as the learner has rows.
  sizeOf: (entry, userId) => ENTRY_OVERHEAD_BYTES + stringBytes(userId) + 120 * entry.statuses.size,
});
const progressVersion = (user: { versions: Readonly<Record<string, number>> }): number =>
  user.versions['lesson_progress'] ?? 0;

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
      const wrote = meta !== null && canRead && (await recordVisit(user.id, meta.slug, now));
      const cached = cache.get(user.id);
      if (!wrote && cached?.version === progressVersion(user)) return cached.statuses;
      const withQuiz = await quizSlugs();
      for (const row of await readProgress(await db(), user.id)) {
        map.set(row.lessonSlug, {
          status: lessonStatus(row, withQuiz.has(row.lessonSlug)),
          bestScore: row.bestScore,
        });
      }
      // A visit recorded just now bumped the version past the one this request read: keep nothing.
      if (!wrote) cache.set(user.id, { version: progressVersion(user), statuses: map });
      return map;
    })();
    return statuses;
  };

  return {
    async fill(slot) {
      if (slot === HOME_CONTINUE_SLOT) {
        if (!user) return '';
        // Needs when each lesson was last opened, which the cached statuses don't keep: one indexed read.
        const [course, withQuiz, rows] = await Promise.all([
          getCourse(),
          quizSlugs(),
          readProgress(await db(), user.id),
        ]);
        return homeContinueHtml({
          displayName: user.displayName,
          progress: courseProgress(course, rows, (s) => withQuiz.has(s)),
          started: rows.length > 0,
          member: locals.entitlements.membership,
        });
      }
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
