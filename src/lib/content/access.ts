/** Who may read a lesson's body. Free lessons are public; member lessons need membership, checked on the server. */
import type { Entitlements } from '../billing/entitlements';
import type { LessonMeta } from './course';

export type LessonAccess = 'full' | 'preview';

export function lessonAccess(lesson: Pick<LessonMeta, 'free'>, entitlements: Entitlements): LessonAccess {
  return lesson.free || entitlements.membership ? 'full' : 'preview';
}
