/** Learners and members of a running test server, and the quizzes' answer keys for driving the quiz forms. */

import { closeDatabase, type OpenDatabase } from '@db/client';
import { afterAll, beforeAll, expect } from 'vitest';
import { typeset } from '../../src/lib/content/typography';
import { type QuizFile, quizSchema } from '../../src/lib/quiz/schema';
import { grantMembership } from '../factories/grants';
import { createUser } from '../factories/users';
import { Visitor } from './browser-less';
import { readQuizFiles } from './quizzes';
import { type RunningServer, startServer } from './server';
import { openTestWriter } from './test-writer';

export const LEARNER_PASSWORD = 'a long enough passphrase';

// As the site shows them: typeset like every content file when loaded (ids are unchanged).
const quizzes = new Map(readQuizFiles().map((f) => [f.slug, typeset(quizSchema.parse(f.data))]));

export function quizOf(slug: string): QuizFile {
  const quiz = quizzes.get(slug);
  if (!quiz) throw new Error(`no quiz for ${slug}`);
  return quiz;
}

/** Form fields answering every question of `slug`'s quiz; `wrong` lists questions to answer wrongly. */
export function answerFields(slug: string, wrong: readonly string[] = []): [string, string][] {
  return quizOf(slug).questions.flatMap((q) => {
    const pick = wrong.includes(q.id)
      ? q.options.filter((o) => !o.correct).slice(0, 1)
      : q.options.filter((o) => o.correct);
    return pick.map((o) => [`q-${q.id}`, o.id] as [string, string]);
  });
}

/** The hidden submission id of a rendered quiz form. */
export function submissionIdIn(html: string): string {
  const id = /name="submission" value="([a-z2-7]{26})"/.exec(html)?.[1];
  if (!id) throw new Error('no submission id in the quiz form');
  return id;
}

/** Where a quiz form posts: its page, with the action (`learning.submitQuiz`) in the query. */
export const quizAction = (slug: string): string => `/lessons/${slug}/quiz?_action=learning.submitQuiz`;

/** Submits `slug`'s quiz form with these fields (the hidden `lesson` field added, as the form has it). */
export function postQuiz(v: Visitor, slug: string, fields: [string, string][]): Promise<Response> {
  return postForm(v, quizAction(slug), [['lesson', slug], ...fields]);
}

export function postForm(v: Visitor, path: string, fields: [string, string][]): Promise<Response> {
  return v.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface LearningServer {
  readonly server: RunningServer;
  /** The server's own database file, opened by the test for setup and for checking what was stored. */
  readonly db: OpenDatabase['db'];
  /** A signed-in visitor; a member unless `member: false`. */
  person(options?: {
    member?: boolean;
    name?: string;
    role?: 'learner' | 'admin';
  }): Promise<{ v: Visitor; userId: string; email: string }>;
}

let ip = 0;

/** Starts the built app for a test file; `extraEnv` is read when it starts (after earlier hooks ran). */
export function useLearningServer(extraEnv: () => Record<string, string> = () => ({})): LearningServer {
  const env: { server?: RunningServer; opened?: OpenDatabase } = {};
  beforeAll(async () => {
    env.server = await startServer({ env: { TRUSTED_PROXY_HEADER: 'x-forwarded-for', ...extraEnv() } });
    env.opened = await openTestWriter(env.server.databaseUrl);
  });
  afterAll(async () => {
    if (env.opened) closeDatabase(env.opened);
    await env.server?.stop();
  });
  const ctx: LearningServer = {
    get server() {
      if (!env.server) throw new Error('server not started yet');
      return env.server;
    },
    get db() {
      if (!env.opened) throw new Error('database not open yet');
      return env.opened.db;
    },
    async person(options = {}) {
      // The server reads the wall clock, so the person (and their membership) exist from now on.
      const now = new Date();
      const user = await createUser(ctx.db, now, {
        verified: true,
        ...(options.name ? { displayName: options.name } : {}),
        ...(options.role ? { role: options.role } : {}),
      });
      if (options.member !== false) await grantMembership(ctx.db, user.id, { from: now });
      ip += 1;
      const v = new Visitor(ctx.server.origin, `203.0.113.${ip % 250}`);
      const res = await v.post('/login?_action=accounts.logIn', {
        email: user.email,
        password: LEARNER_PASSWORD,
        next: '/',
      });
      expect(res.status).toBe(303);
      return { v, userId: user.id, email: user.email };
    },
  };
  return ctx;
}
