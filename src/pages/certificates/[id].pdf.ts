/** A certificate as a PDF, generated on the server with PDFKit: A4 or US Letter by the browser's locale, or `?paper=a4|letter`. */
import type { APIRoute } from 'astro';
import { paperFor } from '../../lib/platform/paper';
import { certificatePdf } from '../../lib/server/learning/certificate-pdf';
import { verifyCertificate } from '../../lib/server/learning/service';
import { config } from '../../lib/server/platform/config';

export const GET: APIRoute = async ({ params, url, request }) => {
  const certificate = await verifyCertificate(params.id ?? '');
  if (!certificate) return new Response('There is no certificate with that id.', { status: 404 });
  const paper = paperFor(url.searchParams.get('paper'), request.headers.get('accept-language'));
  const pdf = await certificatePdf(
    certificate,
    new URL(`/certificates/${certificate.id}`, config.siteUrl),
    paper,
  );
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="trust-academy-certificate-${certificate.id}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
