/** Learning forms: mark read, submit a quiz. Each reads its form with src/lib/progress/forms.ts, calls one service, and says where to go next. */
import { defineAction } from 'astro:actions';
import { lessonAccess } from '../lib/content/access';
import { markReadForm } from '../lib/progress/forms';
import { quizForm } from '../lib/quiz/forms';
import { fieldName, missedQuestionIds, readAnswers } from '../lib/quiz/grading';
import { getCourse, getQuiz } from '../lib/server/content/service';
import { getAttempt, markRead, submitQuiz } from '../lib/server/learning/service';
import { gatedUser } from '../lib/server/platform/gates';

const refused = (status: number, message: string) => ({ kind: 'refused' as const, status, message });

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

  /**
   * Grades a quiz (whole, or the questions missed in the attempt it retakes) and goes to the result.
   * Every question unanswered comes back at once, with the answers given, so the page shows the form
   * again as it was sent. The submission id makes a second press of the same form the same attempt.
   * The quiz bench's hot path: one read for a retake, one transaction, nothing else.
   */
  submitQuiz: defineAction({
    accept: 'form',
    input: quizForm,
    handler: async ({ lesson: slug, submission, retake, answers: entries }, context) => {
      const user = gatedUser(context.locals);
      const [course, quiz] = await Promise.all([getCourse(), getQuiz(slug)]);
      const lesson = course.bySlug.get(slug);
      if (!lesson || !quiz) return { kind: 'not-found' as const, message: 'There is no such quiz.' };
      if (lessonAccess(lesson, context.locals.entitlements) !== 'full')
        return refused(403, 'This quiz is for members: membership includes every lesson and its quiz.');
      const kept = { submission, retake: retake || null };
      const base = kept.retake === null ? null : await getAttempt(user.id, slug, kept.retake);
      if (kept.retake !== null && !base)
        return { ...refused(400, 'The attempt you are retaking was not found.'), ...kept };
      const asked = base ? missedQuestionIds(base.grade) : quiz.questions.map((q) => q.id);
      const read = readAnswers(quiz, asked, entries);
      if (read.kind === 'bad-request')
        return { ...refused(400, `${read.message} Nothing was saved; answer the quiz again.`), ...kept };
      if (read.kind === 'incomplete') {
        const numbers = new Map(quiz.questions.map((q, i) => [q.id, i + 1]));
        const blank = read.unanswered.length;
        return {
          kind: 'invalid' as const,
          message:
            blank === asked.length
              ? 'Answer every question before you submit: none has an answer yet.'
              : `Answer every question before you submit: ${blank === 1 ? 'one is' : `${blank} are`} still blank. Your other answers are kept.`,
          fields: Object.fromEntries(
            read.unanswered.map((id) => [fieldName(id), `Question ${numbers.get(id)} has no answer yet.`]),
          ),
          answers: read.answers,
          ...kept,
        };
      }
      const result = await submitQuiz(
        user,
        { slug, submissionId: submission, answers: read.answers, retakeOf: base ? kept.retake : null },
        new Date(),
      );
      if (result.kind !== 'graded')
        return { ...refused(400, `${result.message} Nothing was saved.`), ...kept };
      const earned = result.certificates.length > 0 ? `?earned=${result.certificates.join(',')}` : '';
      return { kind: 'ok' as const, next: `/lessons/${slug}/quiz/${result.attemptId}${earned}` };
    },
  }),
};
