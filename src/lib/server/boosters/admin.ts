/** Admin figures for boosters: forgetting curves per lesson and the items most often forgotten, over every learner. */
import { bucketOf, type CurvePoint, forgettingCurve } from '../../boosters/forgetting';
import { getCourse } from '../content/service';
import '../conversations/review-items';
import { db } from '../platform/db';
import { resolveItem } from './items';
import * as q from './queries';

export interface LessonCurve {
  /** `all`, or a lesson slug / conversation id. */
  key: string;
  title: string;
  answers: number;
  points: CurvePoint[];
}

/** The whole course's curve first, then one per lesson (course order) and per other source with answers. */
export async function forgettingCurves(): Promise<LessonCurve[]> {
  const [course, counts] = await Promise.all([getCourse(), q.curveCounts(await db())]);
  const bucketed = counts.map((c) => ({ ...c, bucket: bucketOf(c.days) }));
  const curve = (key: string, title: string, rows: typeof bucketed): LessonCurve => ({
    key,
    title,
    answers: rows.reduce((n, r) => n + r.answers, 0),
    points: forgettingCurve(rows),
  });
  const lessons = course.lessons
    .map((l) =>
      curve(
        l.slug,
        l.title,
        bucketed.filter((r) => r.kind === 'quiz-question' && r.source === l.slug),
      ),
    )
    .filter((c) => c.answers > 0);
  const others = [...new Set(bucketed.filter((r) => r.kind !== 'quiz-question').map((r) => r.source))].map(
    (source) =>
      curve(
        source,
        `Conversation: ${source}`,
        bucketed.filter((r) => r.kind !== 'quiz-question' && r.source === source),
      ),
  );
  return [curve('all', 'Every lesson', bucketed), ...lessons, ...others];
}

export interface ForgottenItem {
  prompt: string;
  sourceTitle: string;
  href: string;
  answers: number;
  wrong: number;
}

export async function mostForgottenItems(limit = 10): Promise<ForgottenItem[]> {
  const rows = await q.mostForgotten(await db(), limit);
  const items = await Promise.all(
    rows.map(async (r) => {
      const question = await resolveItem(r.kind, r.source, r.ref);
      return {
        // A scenario question's prompt ("What do you do?") means little without the start of its scenario.
        prompt: !question
          ? `${r.ref} (no longer in the course)`
          : question.scenario
            ? `${question.scenario.length > 120 ? `${question.scenario.slice(0, 119)}…` : question.scenario} ${question.prompt}`
            : question.prompt,
        sourceTitle: question?.sourceTitle ?? r.source,
        href: question?.reviewHref ?? '',
        answers: r.answers,
        wrong: r.wrong,
      };
    }),
  );
  return items;
}
