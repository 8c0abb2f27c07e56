// Seeds the benchmark database: LEARNERS learners who share one password, each with progress on every
// lesson (lesson_progress rows) and ATTEMPTS_EACH quiz attempts — by default 100,000 learners and
// 2.2 M + 2.8 M = 5 M progress rows, the scale QUALITY.md names. The first MEMBERS learners are members.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'libsql';
import { parse } from 'yaml';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** A 26-character base32 id from a number, like the app's random ids. */
function id(prefix, n) {
  let s = '';
  let v = n;
  for (let i = 0; i < 20; i++) {
    s = ALPHABET[v % 32] + s;
    v = Math.floor(v / 32);
  }
  return (prefix + s).padStart(26, 'a').slice(-26);
}

/** Each lesson's slug and the right answers of its quiz. */
export function readQuizzes(root) {
  const dir = join(root, 'content/quizzes');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const quiz = parse(readFileSync(join(dir, f), 'utf8'));
      const answers = Object.fromEntries(
        quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
      );
      return { slug: f.replace(/\.yaml$/, ''), answers };
    });
}

export function seed(path, { root, passwordHash, learners, attemptsEach, members }) {
  const db = new Sqlite(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
  const quizzes = readQuizzes(root);
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, email_verified_at, display_name, password_hash, role, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'learner', ?, ?)`,
  );
  const insertGrant = db.prepare(
    `INSERT INTO grants (id, user_id, product, source, starts_at, ends_at, created_at)
     VALUES (?, ?, 'membership', 'admin', ?, NULL, ?)`,
  );
  const insertProgress = db.prepare(
    `INSERT INTO lesson_progress (user_id, lesson_slug, started_at, last_seen_at, read_at, best_score, quiz_passed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO quiz_attempts (id, user_id, lesson_slug, submission_id, answers, score, passed, retake_of, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const now = Date.now();
  const DAY = 86_400_000;
  let rows = 0;
  const batch = 2000;
  for (let from = 0; from < learners; from += batch) {
    db.exec('BEGIN');
    for (let u = from; u < Math.min(learners, from + batch); u++) {
      const userId = `benchuser${u}`;
      const joined = now - 120 * DAY + (u % 60) * DAY;
      insertUser.run(userId, `bench${u}@example.com`, joined, `Bench ${u}`, passwordHash, joined, joined);
      if (u < members) insertGrant.run(id('g', u), userId, joined, joined);
      quizzes.forEach((quiz, i) => {
        const at = joined + i * DAY;
        // Most lessons complete, some only read, a few only started.
        const state = (u + i) % 10;
        const read = state < 8 ? at + 3_600_000 : null;
        const passed = state < 7 ? at + 7_200_000 : null;
        insertProgress.run(userId, quiz.slug, at, at + 600_000, read, state < 7 ? 100 : 60, passed);
        rows++;
      });
      for (let a = 0; a < attemptsEach; a++) {
        const quiz = quizzes[a % quizzes.length];
        const n = u * attemptsEach + a;
        insertAttempt.run(
          id('q', n),
          userId,
          quiz.slug,
          id('s', n),
          JSON.stringify(quiz.answers),
          100,
          1,
          joined + a * DAY,
        );
        rows++;
      }
    }
    db.exec('COMMIT');
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { rows, lessons: quizzes.length };
}

/**
 * A member's promise ledger at scale: CUSTOMERS customers and PROMISES promises spread over the last year
 * and the next month — most of the past ones settled, a few dozen open and due today or overdue, the
 * rest open in the future — so the today view reads what a busy seller's would.
 */
export function seedLedger(path, { userId, customers, promises }) {
  const db = new Sqlite(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
  const insertSettings = db.prepare(
    `INSERT INTO ledger_settings (user_id, time_zone, digest, feed_token_hash, updated_at) VALUES (?, 'Europe/Berlin', 1, NULL, ?)`,
  );
  const insertCustomer = db.prepare(
    `INSERT INTO ledger_customers (id, user_id, name, company, notes, starting_balance, created_at)
     VALUES (?, ?, ?, ?, '', ?, ?)`,
  );
  const insertPromise = db.prepare(
    `INSERT INTO ledger_promises (id, user_id, customer_id, text, channel, made_at, due_at, outcome, resolved_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = Date.now();
  const DAY = 86_400_000;
  const outcomes = ['kept', 'kept', 'kept', 'kept', 'kept', 'kept', 'late', 'renegotiated', 'broken', 'kept'];
  const channels = ['call', 'email', 'meeting'];
  db.exec('BEGIN');
  insertSettings.run(userId, now);
  for (let c = 0; c < customers; c++) {
    insertCustomer.run(
      id('c', c),
      userId,
      `Customer ${c}`,
      `Company ${c % 40}`,
      c % 7 === 0 ? -50 : 0,
      now - 400 * DAY,
    );
  }
  for (let p = 0; p < promises; p++) {
    // Due from 360 days ago to 30 days ahead; the 60 promises nearest to now are open.
    const dueAt = now - 360 * DAY + Math.floor((p * 390 * DAY) / promises);
    const recent = Math.abs(dueAt - now) < 2 * DAY;
    const open = dueAt > now || recent;
    const outcome = open ? null : outcomes[p % outcomes.length];
    insertPromise.run(
      id('p', p),
      userId,
      id('c', p % customers),
      `Promise ${p}: call back with the status`,
      channels[p % 3],
      dueAt - 2 * DAY,
      dueAt,
      outcome,
      outcome === null ? null : dueAt - 3_600_000,
      dueAt - 2 * DAY,
    );
  }
  db.exec('COMMIT');
  db.close();
}

/**
 * A member's customer trust survey: ROUNDS closed rounds a month apart, each with INVITED invitations of
 * which ANSWERED were answered (with a comment every other one), so the gap report has every section.
 */
export function seedSurvey(path, { userId, rounds, invited, answered }) {
  const db = new Sqlite(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
  const insertRound = db.prepare(
    'INSERT INTO survey_rounds (id, user_id, number, created_at, closed_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertInvitation = db.prepare(
    `INSERT INTO survey_invitations (id, user_id, round_id, token_hash, delivery, recipient, customer_id, flag, created_at, expires_at, used)
     VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
  );
  const insertResponse = db.prepare(
    'INSERT INTO survey_responses (id, user_id, round_id, overall, answers, comment) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const items = ['dependability', 'competence', 'empathy', 'truth', 'rapport'].flatMap((e) => [
    `${e}-1`,
    `${e}-2`,
  ]);
  const now = Date.now();
  const DAY = 86_400_000;
  db.exec('BEGIN');
  for (let r = 0; r < rounds; r++) {
    const roundId = id('r', r);
    const startedAt = now - (rounds - r) * 30 * DAY;
    insertRound.run(roundId, userId, r + 1, startedAt, startedAt + 20 * DAY);
    for (let i = 0; i < invited; i++) {
      const n = r * invited + i;
      insertInvitation.run(
        id('i', n),
        userId,
        roundId,
        `${n}`.padStart(64, '0'),
        i % 3 === 0 ? 'link' : 'email',
        `customer${i}@buyer${i % 5}.example`,
        startedAt,
        startedAt + 30 * DAY,
        i < answered ? 1 : 0,
      );
      if (i < answered) {
        const answers = Object.fromEntries(items.map((item, k) => [item, 1 + ((i + k + r) % 5)]));
        const comment =
          i % 2 === 0
            ? `Round ${r + 1}, customer comment ${i}: replies fast, sometimes late on quotes.`
            : null;
        insertResponse.run(id('a', n), userId, roundId, 1 + ((i + r) % 5), JSON.stringify(answers), comment);
      }
    }
  }
  db.exec('COMMIT');
  db.close();
}

/**
 * A member's trust-booster deck: every question of every lesson quiz, as a year of reviews leaves it —
 * a few due now, most scheduled days to months ahead, a quarter retired — and two reviews a day over the
 * last year, so the review page reads the streak, retention and today's session from a full history.
 */
export function seedBoosters(path, { root, userId }) {
  const db = new Sqlite(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
  const insertCard = db.prepare(
    `INSERT INTO booster_cards (user_id, item_key, kind, source, ref, due, stability, difficulty, elapsed_days,
       scheduled_days, learning_steps, reps, lapses, state, last_review, added_at, retired_at)
     VALUES (?, ?, 'quiz-question', ?, ?, ?, ?, 5, 0, ?, 0, ?, ?, 2, ?, ?, ?)`,
  );
  const insertReview = db.prepare(
    `INSERT INTO booster_reviews (id, user_id, submission_id, item_key, kind, source, ref, chosen, order_seed, correct,
       rating, retrievability, days_since_learned, due_before, due_after, retired, reviewed_at)
     VALUES (?, ?, ?, ?, 'quiz-question', ?, ?, '[]', ?, ?, ?, 0.9, ?, ?, ?, 0, ?)`,
  );
  const now = Date.now();
  const DAY = 86_400_000;
  const items = readQuizzes(root).flatMap((quiz) =>
    Object.keys(quiz.answers).map((ref) => ({ slug: quiz.slug, ref })),
  );
  db.exec('BEGIN');
  items.forEach((item, n) => {
    const key = `quiz-question:${item.slug}:${item.ref}`;
    const stability = 2 + (n % 150);
    // One in twelve due now; the rest spread over the next months; a quarter retired.
    const due = n % 12 === 0 ? now - 3_600_000 : now + (1 + (n % 90)) * DAY;
    const lastReview = due - Math.round(stability) * DAY;
    insertCard.run(
      userId,
      key,
      item.slug,
      item.ref,
      due,
      stability,
      Math.round(stability),
      3 + (n % 5),
      n % 3,
      lastReview,
      now - 365 * DAY,
      n % 4 === 0 ? lastReview : null,
    );
  });
  for (let r = 0; r < 730; r++) {
    const item = items[r % items.length];
    const at = now - 365 * DAY + Math.floor((r * 365 * DAY) / 730);
    const key = `quiz-question:${item.slug}:${item.ref}`;
    const correct = r % 5 !== 0 ? 1 : 0;
    insertReview.run(
      id('r', r),
      userId,
      id('b', r),
      key,
      item.slug,
      item.ref,
      `${userId}:${key}:${r}`,
      correct,
      correct ? 3 : 1,
      (at - (now - 365 * DAY)) / DAY,
      at - DAY,
      at + 7 * DAY,
      at,
    );
  }
  db.exec('COMMIT');
  db.close();
}

/**
 * A manager's team: REPS reps (learners `benchuser<from>`… who already have progress and quiz attempts),
 * three assignments, a self-assessment for every other rep, and one rep in four sharing their results
 * and kept-on-time rate, with a small ledger each — what the reports page reads for a team at scale.
 * Returns the team's id.
 */
export function seedTeam(path, { root, ownerId, from, reps }) {
  const db = new Sqlite(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF');
  const now = Date.now();
  const DAY = 86_400_000;
  const teamId = id('t', 0);
  const quizzed = new Set(readQuizzes(root).map((q) => q.slug));
  const lessonsOf = (module) =>
    readdirSync(join(root, 'content/lessons', module))
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((f) => f.replace(/^\d+-/, '').replace(/\.mdx$/, ''));
  const insertMember = db.prepare(
    `INSERT INTO team_members (user_id, team_id, role, joined_at, shares_assessment, shares_kept_rate) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertAssignment = db.prepare(
    `INSERT INTO team_assignments (id, team_id, kind, target, title, href, lessons, quizzed, due_at, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResult = db.prepare(
    `INSERT INTO assessment_results (id, user_id, submission_id, version, answers, scores, trust_index, created_at)
     VALUES (?, ?, ?, 1, '{}', '{}', ?, ?)`,
  );
  const insertCustomer = db.prepare(
    `INSERT INTO ledger_customers (id, user_id, name, company, notes, starting_balance, created_at) VALUES (?, ?, ?, '', '', 0, ?)`,
  );
  const insertPromise = db.prepare(
    `INSERT INTO ledger_promises (id, user_id, customer_id, text, channel, made_at, due_at, outcome, resolved_at, created_at)
     VALUES (?, ?, ?, 'Send the quote', 'email', ?, ?, ?, ?, ?)`,
  );
  db.exec('BEGIN');
  db.prepare(
    `INSERT INTO teams (id, name, owner_id, seats, membership_until, plan, created_at, updated_at)
     VALUES (?, 'Bench field team', ?, ?, ?, 'trial', ?, ?)`,
  ).run(teamId, ownerId, reps + 5, now + 30 * DAY, now - 60 * DAY, now - 60 * DAY);
  insertMember.run(ownerId, teamId, 'owner', now - 60 * DAY, 0, 0);
  for (const [i, module] of ['foundations', 'truth', 'empathy'].entries()) {
    const lessons = lessonsOf(module);
    insertAssignment.run(
      id('x', i),
      teamId,
      'module',
      module,
      `Module ${module}`,
      `/lessons/${lessons[0]}`,
      JSON.stringify(lessons),
      JSON.stringify(lessons.filter((l) => quizzed.has(l))),
      now + (i - 1) * 7 * DAY,
      ownerId,
      now - 30 * DAY,
    );
  }
  for (let r = 0; r < reps; r++) {
    const userId = `benchuser${from + r}`;
    const shares = r % 4 === 0 ? 1 : 0;
    insertMember.run(userId, teamId, 'member', now - 50 * DAY + r * 60_000, shares, shares);
    if (r % 2 === 0) insertResult.run(id('ar', r), userId, id('as', r), 40 + (r % 50), now - (r % 30) * DAY);
    if (shares) {
      insertCustomer.run(id('tc', r), userId, `Customer of rep ${r}`, now - 90 * DAY);
      for (let p = 0; p < 20; p++) {
        const due = now - (p + 1) * 2 * DAY;
        insertPromise.run(
          id(`tp${r}-`, p),
          userId,
          id('tc', r),
          due - DAY,
          due,
          p % 5 === 0 ? 'late' : 'kept',
          due,
          due - DAY,
        );
      }
    }
  }
  db.exec('COMMIT');
  db.close();
  return teamId;
}
