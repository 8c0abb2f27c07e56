/** Learning forms. Each reads its form with src/lib/progress/forms.ts, calls one service, and says where to go next. */
import { defineAction } from 'astro:actions';
import { lessonAccess } from '../lib/content/access';
import { markReadForm } from '../lib/progress/forms';
import { getCourse } from '../lib/server/content/service';
import { markRead } from '../lib/server/learning/service';

export const learning = {
  /**
   * Marks a lesson read. Back to the lesson — or, from a quiz result ("one step left"), back to that
   * result, which then celebrates any certificate this earned; from the lesson, a certificate earned
   * goes to the dashboard.
   */
  markRead: defineAction({
    accept: 'form',
    input: markReadForm,
    handler: async ({ lesson: slug, back }, context) => {
      const user = context.locals.user;
      if (!user)
        return { kind: 'ok' as const, next: `/login?next=${encodeURIComponent(`/lessons/${slug}`)}` };
      const lesson = (await getCourse()).bySlug.get(slug);
      if (!lesson || lessonAccess(lesson, context.locals.entitlements) !== 'full')
        return { kind: 'not-found' as const, message: 'There is no such lesson for you to mark read.' };
      // Only this lesson's own quiz results: the form field never becomes an open redirect.
      const result = new RegExp(`^/lessons/${lesson.slug}/quiz/[a-z2-7]{26}$`).test(back) ? back : null;
      const { certificates } = await markRead(user, lesson.slug, new Date());
      const earned = certificates.length > 0 ? `?earned=${certificates.join(',')}` : '';
      if (result) return { kind: 'ok' as const, next: `${result}${earned}` };
      if (certificates.length > 0) return { kind: 'ok' as const, next: `/dashboard${earned}` };
      return { kind: 'ok' as const, next: `/lessons/${lesson.slug}#progress` };
    },
  }),
};
