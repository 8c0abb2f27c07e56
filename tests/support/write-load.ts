/** Signed-in members of a running server and a steady load of quiz submissions from them, for the fault tests. */
import { randomInt } from 'node:crypto';
import { closeDatabase } from '@db/client';
import { expect } from 'vitest';
import { grantMembership } from '../factories/grants';
import { createUser } from '../factories/users';
import { Visitor } from './browser-less';
import { answerFields, LEARNER_PASSWORD, postQuiz, quizAction } from './learning';
import type { RunningServer } from './server';
import { openTestWriter } from './test-writer';

export const LOAD_SLUG = 'trust-is-expectations-met';
/** Where the quiz form posts: its page, with the submit action named. */
export const LOAD_QUIZ = quizAction(LOAD_SLUG);

export interface Member {
  v: Visitor;
  userId: string;
}

let ip = 0;

/** `count` members with membership, created in the server's database and logged in over HTTP. */
export async function signedInMembers(server: RunningServer, count: number): Promise<Member[]> {
  const opened = await openTestWriter(server.databaseUrl);
  try {
    const members: Member[] = [];
    for (let i = 0; i < count; i += 1) {
      // The server under load reads the wall clock, so the members exist from now on.
      const now = new Date();
      const user = await createUser(opened.db, now, { verified: true });
      await grantMembership(opened.db, user.id, { from: now });
      ip += 1;
      const v = new Visitor(server.origin, `192.0.2.${ip % 250}`);
      const res = await v.post('/login?_action=accounts.logIn', {
        email: user.email,
        password: LEARNER_PASSWORD,
        next: '/',
      });
      expect(res.status).toBe(303);
      members.push({ v, userId: user.id });
    }
    return members;
  } finally {
    closeDatabase(opened);
  }
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh one-time submission id, as the quiz form would carry. */
export function submissionId(): string {
  return Array.from({ length: 26 }, () => BASE32[randomInt(32)]).join('');
}

export function submitQuiz(member: Member, submission = submissionId()): Promise<Response> {
  return postQuiz(member.v, LOAD_SLUG, [['submission', submission], ...answerFields(LOAD_SLUG)]);
}

export interface Acknowledged {
  userId: string;
  submissionId: string;
  /** When the 303 arrived (Date.now()). */
  at: number;
}

export interface WriteLoad {
  /** Submissions the server confirmed (303 to the graded attempt). */
  readonly acknowledged: Acknowledged[];
  /** Statuses other than 303, and failed connections as 0. */
  readonly others: number[];
  /** Resolves once `count` writes have been acknowledged: tests wait for progress, not for a time. */
  acknowledgedAtLeast(count: number): Promise<void>;
  stop(): Promise<void>;
}

/** Each member submits the quiz again and again, `perMember` at a time, until stopped or the server goes away. */
export function startWriteLoad(members: Member[], perMember = 2): WriteLoad {
  const acknowledged: Acknowledged[] = [];
  const others: number[] = [];
  let running = true;
  const workers = members.flatMap((member) =>
    Array.from({ length: perMember }, async () => {
      while (running) {
        const submission = submissionId();
        try {
          const res = await submitQuiz(member, submission);
          await res.arrayBuffer();
          if (res.status === 303)
            acknowledged.push({ userId: member.userId, submissionId: submission, at: Date.now() });
          else others.push(res.status);
        } catch {
          others.push(0);
          return;
        }
      }
    }),
  );
  return {
    acknowledged,
    others,
    async acknowledgedAtLeast(count) {
      while (acknowledged.length < count) {
        if (!running || others.includes(0))
          throw new Error(`the load stopped after ${acknowledged.length} writes`);
        await sleep(20);
      }
    },
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
