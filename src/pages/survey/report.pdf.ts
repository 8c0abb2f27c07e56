/**
 * The member's gap report as a PDF (generated on the server); only their own, and only once there are
 * results. On A4 or US Letter by the browser's locale, or `?paper=a4|letter`.
 */
import type { APIRoute } from 'astro';
import { paperFor } from '../../lib/platform/paper';
import { requireUser } from '../../lib/server/accounts/guards';
import { getCourse } from '../../lib/server/content/service';
import { db } from '../../lib/server/platform/db';
import { reportOf } from '../../lib/server/survey/report';
import { gapReportPdf } from '../../lib/server/survey/report-pdf';

export const GET: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const now = new Date();
  const report = await reportOf(await db(), user.id, now);
  if (!report.customers.visible) {
    return new Response(
      'Your report has no results yet: they appear once a round closes with at least three answers.',
      {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
      },
    );
  }
  const pdf = await gapReportPdf(
    report,
    user.displayName,
    now,
    (await getCourse()).lessons,
    paperFor(context.url.searchParams.get('paper'), context.request.headers.get('accept-language')),
  );
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="customer-trust-report-${now.toISOString().slice(0, 10)}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
