/**
 * POST: the learner marks a lesson read. Back to the lesson — or, from a quiz result ("one step left"),
 * back to that result, which then celebrates any certificate this earned; from the lesson, a certificate
 * earned goes to the dashboard.
 */
import type { APIRoute } from 'astro';
import { lessonAccess } from '../../../lib/content/access';
import { requireUser } from '../../../lib/server/accounts/guards';
import { getCourse } from '../../../lib/server/content/service';
import { markRead } from '../../../lib/server/learning/service';
import { readFormBody } from '../../../lib/server/platform/form-body';

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const lesson = (await getCourse()).bySlug.get(context.params.slug ?? '');
  if (!lesson || lessonAccess(lesson, context.locals.entitlements) !== 'full') {
    return new Response('There is no such lesson for you to mark read.', { status: 404 });
  }
  const body = await readFormBody(context.request, 1024);
  const back = body.kind === 'ok' ? (body.entries.find(([k]) => k === 'back')?.[1] ?? '') : '';
  // Only this lesson's own quiz results: the form field never becomes an open redirect.
  const result = new RegExp(`^/lessons/${lesson.slug}/quiz/[a-z2-7]{26}$`).test(back) ? back : null;
  const { certificates } = await markRead(user, lesson.slug, new Date());
  const earned = certificates.length > 0 ? `?earned=${certificates.join(',')}` : '';
  if (result) return context.redirect(`${result}${earned}`, 303);
  if (certificates.length > 0) return context.redirect(`/dashboard${earned}`, 303);
  return context.redirect(`/lessons/${lesson.slug}#progress`, 303);
};
