/**
 * The conversation check: every conversation of the course explored path by path, and the rules a
 * graph must meet so that every run is playable to an end, the meter means something and the replies
 * don't give the best one away. Pure: the unit test reads the files and asserts `conversationProblems`
 * is empty, printing `conversationReport`.
 */
import { MODULES, type Module } from '../content/elements';
import { bestReply, clampTrust, extremes, resolveNext } from './engine';
import { type ConversationFile, TRUST_MAX, TRUST_MIN } from './schema';

export interface CourseConversation {
  /** The file name without `.yaml`. */
  slug: string;
  conversation: ConversationFile;
}

/** The limits the figures are held to. */
export const CONVERSATION_LIMITS = {
  minTurns: 5,
  maxTurns: 8,
  /** The best run must end at least this high, the worst at most this low: the meter has to mean something. */
  minBestTrust: 70,
  maxWorstTrust: 40,
  /** Turns whose best reply is strictly the longest, course-wide and in any one conversation. */
  maxBestLongest: 0.35,
  maxBestLongestInOne: 0.5,
  /** Turns whose best reply is strictly the shortest (the opposite tell), course-wide. */
  maxBestShortest: 0.35,
  /** Distinct deal stages across the course. */
  minStages: 4,
} as const;

export interface Analysis {
  slug: string;
  module: Module;
  turns: number;
  paths: number;
  unreachableTurns: string[];
  unreachableEndings: string[];
  /** A path that came back to a turn it had passed: it would never end. */
  loops: string[];
  shortest: number;
  longest: number;
  /** The lowest and highest the meter reaches on any path, before clamping. */
  low: number;
  high: number;
  best: number;
  worst: number;
  /** Turns whose top trust move is shared by two replies. */
  tiedBest: string[];
  /** Turns where, from some reachable meter value, another reply leads to a better ending than the best one. */
  misleadingBest: string[];
  /** Turns whose replies all move the meter the same way or the same amount (nothing to learn). */
  flatTurns: string[];
  bestLongest: number;
  bestShortest: number;
  /** The deal at the end of the best path. */
  bestDeal: string;
}

const MAX_PATHS = 200_000;

export function analyse({ slug, conversation: c }: CourseConversation): Analysis {
  const reachedTurns = new Set<string>();
  const reachedEndings = new Set<string>();
  const states = new Map<string, Set<number>>();
  const a: Analysis = {
    slug,
    module: c.module,
    turns: Object.keys(c.turns).length,
    paths: 0,
    unreachableTurns: [],
    unreachableEndings: [],
    loops: [],
    shortest: Number.POSITIVE_INFINITY,
    longest: 0,
    low: c.startTrust,
    high: c.startTrust,
    best: Number.NEGATIVE_INFINITY,
    worst: Number.POSITIVE_INFINITY,
    tiedBest: [],
    misleadingBest: [],
    flatTurns: [],
    bestLongest: 0,
    bestShortest: 0,
    bestDeal: '',
  };

  const walk = (target: string, trust: number, visited: string[]): void => {
    if (a.paths > MAX_PATHS) return;
    const turn = c.turns[target];
    if (!turn) {
      reachedEndings.add(target);
      a.paths++;
      a.shortest = Math.min(a.shortest, visited.length);
      a.longest = Math.max(a.longest, visited.length);
      a.best = Math.max(a.best, trust);
      a.worst = Math.min(a.worst, trust);
      return;
    }
    if (visited.includes(target)) {
      if (!a.loops.includes(target)) a.loops.push(target);
      return;
    }
    reachedTurns.add(target);
    const seen = states.get(target) ?? new Set<number>();
    seen.add(trust);
    states.set(target, seen);
    for (const reply of turn.replies) {
      const raw = trust + reply.trust;
      a.low = Math.min(a.low, raw);
      a.high = Math.max(a.high, raw);
      const after = clampTrust(raw);
      walk(resolveNext(reply.next, after), after, [...visited, target]);
    }
  };
  walk(c.start, c.startTrust, []);

  a.unreachableTurns = Object.keys(c.turns).filter((t) => !reachedTurns.has(t));
  a.unreachableEndings = Object.keys(c.endings).filter((e) => !reachedEndings.has(e));

  for (const [turnId, turn] of Object.entries(c.turns)) {
    const moves = turn.replies.map((r) => r.trust);
    const top = Math.max(...moves);
    if (moves.filter((m) => m === top).length > 1) a.tiedBest.push(turnId);
    if (top === Math.min(...moves) || top <= 0) a.flatTurns.push(turnId);
    const best = bestReply(turn);
    if (turn.replies.every((r) => r === best || r.text.length < best.text.length)) a.bestLongest++;
    if (turn.replies.every((r) => r === best || r.text.length > best.text.length)) a.bestShortest++;
    if (a.loops.length > 0) continue;
    // From every meter value this turn is reached at, the best reply must lead to the best ending.
    for (const trust of states.get(turnId) ?? []) {
      const outcome = (r: typeof best): number => {
        const after = clampTrust(trust + r.trust);
        return extremes(c, { target: resolveNext(r.next, after), trust: after }).best;
      };
      const viaBest = outcome(best);
      if (turn.replies.some((r) => r !== best && outcome(r) > viaBest)) {
        if (!a.misleadingBest.includes(turnId)) a.misleadingBest.push(turnId);
      }
    }
  }

  if (a.loops.length === 0) {
    // Follow the best replies to the ending they reach.
    let target = c.start;
    let trust = c.startTrust;
    for (let turn = c.turns[target]; turn; turn = c.turns[target]) {
      const reply = bestReply(turn);
      trust = clampTrust(trust + reply.trust);
      target = resolveNext(reply.next, trust);
    }
    a.bestDeal = c.endings[target]?.deal ?? '';
  }
  return a;
}

export const CONVERSATION_CHECKS = [
  'every turn and ending reachable',
  'every path ends in 5–8 turns',
  'one best reply that leads to the best ending',
  'meter range',
  'lesson links',
  'reply lengths',
  'coverage',
] as const;
export type ConversationCheck = (typeof CONVERSATION_CHECKS)[number];

export interface ConversationProblem {
  check: ConversationCheck;
  message: string;
}

/** Lesson slug → the anchors of its sections (not the Sources section). */
export type LessonAnchors = ReadonlyMap<string, { module: string; anchors: ReadonlySet<string> }>;

export function conversationProblems(
  conversations: readonly CourseConversation[],
  lessons: LessonAnchors,
): ConversationProblem[] {
  const problems: ConversationProblem[] = [];
  const fail = (check: ConversationCheck, message: string): void => {
    problems.push({ check, message });
  };
  const L = CONVERSATION_LIMITS;
  let turns = 0;
  let longest = 0;
  let shortest = 0;
  const orders = new Map<string, string>();
  const stages = new Set<string>();
  const industries = new Map<string, string>();

  for (const item of conversations) {
    const { slug, conversation: c } = item;
    const a = analyse(item);
    for (const t of a.unreachableTurns)
      fail('every turn and ending reachable', `${slug}: turn "${t}" is never reached`);
    for (const e of a.unreachableEndings)
      fail('every turn and ending reachable', `${slug}: ending "${e}" is never reached`);
    for (const t of a.loops)
      fail('every path ends in 5–8 turns', `${slug}: a path comes back to turn "${t}"`);
    if (a.loops.length === 0 && (a.shortest < L.minTurns || a.longest > L.maxTurns)) {
      fail(
        'every path ends in 5–8 turns',
        `${slug}: paths take ${a.shortest}–${a.longest} turns (${L.minTurns}–${L.maxTurns})`,
      );
    }
    for (const t of a.tiedBest)
      fail(
        'one best reply that leads to the best ending',
        `${slug}: turn "${t}" has two replies with the top trust move`,
      );
    for (const t of a.misleadingBest) {
      fail(
        'one best reply that leads to the best ending',
        `${slug}: at turn "${t}" a reply other than the best one can reach a better ending`,
      );
    }
    if (a.low < TRUST_MIN || a.high > TRUST_MAX) {
      fail(
        'meter range',
        `${slug}: the meter reaches ${a.low}–${a.high} before clamping (keep every path within ${TRUST_MIN}–${TRUST_MAX})`,
      );
    }
    if (a.loops.length === 0 && (a.best < L.minBestTrust || a.worst > L.maxWorstTrust)) {
      fail(
        'meter range',
        `${slug}: runs end between ${a.worst} and ${a.best} (the best at least ${L.minBestTrust}, the worst at most ${L.maxWorstTrust})`,
      );
    }
    for (const t of a.flatTurns)
      fail('meter range', `${slug}: turn "${t}" has no reply that raises trust more than the others`);

    for (const [turnId, turn] of Object.entries(c.turns)) {
      const lesson = lessons.get(turn.lesson);
      if (!lesson)
        fail(
          'lesson links',
          `${slug}: turn "${turnId}" links to lesson "${turn.lesson}", which does not exist`,
        );
      else if (!lesson.anchors.has(turn.section) || turn.section === 'sources') {
        fail(
          'lesson links',
          `${slug}: turn "${turnId}" links to "${turn.lesson}#${turn.section}", which is not a section of that lesson`,
        );
      }
    }
    if (![...Object.values(c.turns)].some((t) => lessons.get(t.lesson)?.module === c.module)) {
      fail('lesson links', `${slug}: no turn practises a lesson of its own module (${c.module})`);
    }

    turns += a.turns;
    longest += a.bestLongest;
    shortest += a.bestShortest;
    if (a.turns > 0 && a.bestLongest / a.turns > L.maxBestLongestInOne) {
      fail(
        'reply lengths',
        `${slug}: the best reply is the longest in ${a.bestLongest} of ${a.turns} turns (at most half)`,
      );
    }
    const key = `${c.module} ${c.order}`;
    const other = orders.get(key);
    if (other) fail('coverage', `${slug} and ${other} have the same order in ${c.module}`);
    orders.set(key, slug);
    stages.add(c.setting.stage);
    const industry = c.setting.industry.toLowerCase();
    const sameIndustry = industries.get(industry);
    if (sameIndustry) fail('coverage', `${slug} and ${sameIndustry} are both set in ${industry}`);
    industries.set(industry, slug);
  }

  if (turns > 0 && longest / turns > L.maxBestLongest) {
    fail(
      'reply lengths',
      `the best reply is strictly the longest in ${longest} of ${turns} turns (at most ${Math.round(L.maxBestLongest * 100)}%)`,
    );
  }
  if (turns > 0 && shortest / turns > L.maxBestShortest) {
    fail(
      'reply lengths',
      `the best reply is strictly the shortest in ${shortest} of ${turns} turns (at most ${Math.round(L.maxBestShortest * 100)}%)`,
    );
  }
  for (const module of MODULES) {
    if (!conversations.some((c) => c.conversation.module === module))
      fail('coverage', `module ${module} has no conversation`);
  }
  if (conversations.length > 0 && stages.size < L.minStages) {
    fail('coverage', `conversations cover ${stages.size} deal stages (at least ${L.minStages})`);
  }
  if (conversations.length > 0) {
    const deals = conversations.map((c) => analyse(c).bestDeal);
    if (!deals.some((d) => d === 'lost' || d === 'delayed')) {
      fail(
        'coverage',
        'in every conversation the best replies also win the deal: write one where the honest path costs it, for now',
      );
    }
  }
  return problems;
}

/** The figures per conversation, as a plain-text table. */
export function conversationReport(conversations: readonly CourseConversation[]): string {
  const rows = conversations.map((item) => {
    const a = analyse(item);
    return [
      item.slug,
      item.conversation.module,
      item.conversation.setting.stage,
      `${a.turns} turns`,
      `${a.paths} paths`,
      `${a.shortest}–${a.longest} long`,
      `ends ${a.worst}–${a.best}`,
      `best longest ${a.bestLongest}, shortest ${a.bestShortest}`,
      `best path: ${a.bestDeal}`,
    ];
  });
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
