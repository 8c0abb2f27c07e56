/** The learning forms' schemas, read by src/actions/learning.ts. */
import { formSchema, z } from '../platform/forms';

const RELOAD = 'Reload the lesson and mark it read again.';

/** "Mark as read": which lesson, and (from a quiz result) the page to go back to. */
export const markReadForm = formSchema({
  lesson: z.string({ error: RELOAD }).max(200, RELOAD),
  back: z.string({ error: RELOAD }).max(2048, RELOAD).default(''),
});
