/**
 * One of the learner's results as a PDF report (generated on the server); 404 for anyone else's. On A4
 * or US Letter by the browser's locale, or `?paper=a4|letter`.
 */
import type { APIRoute } from 'astro';
import { learningPath } from '../../../lib/assessment/scoring';
import { paperFor } from '../../../lib/platform/paper';
import { profilePdf } from '../../../lib/server/assessment/report-pdf';
import { instrument, resultOf } from '../../../lib/server/assessment/service';
import { getCourse } from '../../../lib/server/content/service';
import { gatedUser } from '../../../lib/server/platform/gates';

export const GET: APIRoute = async (context) => {
  const user = gatedUser(context.locals);
  const found = await resultOf(user.id, context.params.id ?? '');
  if (!found) return new Response('There is no such result of yours.', { status: 404 });
  const { guidance } = await instrument();
  const path = learningPath((await getCourse()).lessons, found.result.profile.scores);
  const pdf = await profilePdf(
    found.result.profile,
    found.result.createdAt,
    user.displayName,
    guidance,
    path,
    paperFor(context.url.searchParams.get('paper'), context.request.headers.get('accept-language')),
  );
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="trust-profile-${found.result.createdAt.toISOString().slice(0, 10)}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
