/** POST: the learner marks a lesson read. Back to the lesson (or to the dashboard when it earned a certificate). */
import type { APIRoute } from 'astro';
import { lessonAccess } from '../../../lib/content/access';
import { requireUser } from '../../../lib/server/accounts/guards';
import { getCourse } from '../../../lib/server/content/service';
import { markRead } from '../../../lib/server/learning/service';

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const lesson = (await getCourse()).bySlug.get(context.params.slug ?? '');
  if (!lesson || lessonAccess(lesson, context.locals.entitlements) !== 'full') {
    return new Response('There is no such lesson for you to mark read.', { status: 404 });
  }
  const { certificates } = await markRead(user, lesson.slug, new Date());
  if (certificates.length > 0) return context.redirect(`/dashboard?earned=${certificates.join(',')}`, 303);
  return context.redirect(`/lessons/${lesson.slug}#progress`, 303);
};
