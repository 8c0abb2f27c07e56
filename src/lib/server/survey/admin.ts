/** The admin's view of the customer survey: who invites whom, and what looks like members surveying themselves. */
import type { Database } from '@db/client';
import * as q from './queries';

export interface SurveyStats {
  email: string;
  invitations: number;
  emailed: number;
  links: number;
  sameDomain: number;
  answered: number;
  linksAnswered: number;
  /** Worth a look: addresses at the member's own domain, or every answer came through links they sent themselves. */
  selfLike: boolean;
}

export async function surveyStats(database: Database): Promise<SurveyStats[]> {
  const rows = await q.invitationStats(database);
  return rows.map((r) => {
    const n = (v: number | null) => Number(v ?? 0);
    const answered = n(r.answered);
    const linksAnswered = n(r.linksAnswered);
    return {
      email: r.email,
      invitations: n(r.invitations),
      emailed: n(r.emailed),
      links: n(r.links),
      sameDomain: n(r.sameDomain),
      answered,
      linksAnswered,
      selfLike: n(r.sameDomain) > 0 || (answered >= 3 && linksAnswered === answered),
    };
  });
}
