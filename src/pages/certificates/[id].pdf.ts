/** A certificate as a PDF, generated on the server with PDFKit; sized to fit both A4 and Letter. */
import type { APIRoute } from 'astro';
import { certificatePdf } from '../../lib/server/learning/certificate-pdf';
import { verifyCertificate } from '../../lib/server/learning/service';
import { config } from '../../lib/server/platform/config';

export const GET: APIRoute = async ({ params }) => {
  const certificate = await verifyCertificate(params.id ?? '');
  if (!certificate) return new Response('There is no certificate with that id.', { status: 404 });
  const pdf = await certificatePdf(certificate, new URL(`/certificates/${certificate.id}`, config.siteUrl));
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="trust-academy-certificate-${certificate.id}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
