/**
 * The audit log's one writer. An entry is appended inside the transaction of the action it records, so
 * both are stored or neither; no code path updates or deletes entries.
 */
import type { Transaction } from '@db/client';
import { auditLog } from '@db/schema';
import { newId } from '../accounts/tokens';

/** Who acted: an admin (id and email), the command line, or a person on their own account (`WEBSITE_ACTOR`). */
export interface Actor {
  id: string | null;
  label: string;
}

export const CLI_ACTOR: Actor = { id: null, label: 'cli' };

export interface AuditEntry {
  action: string;
  target: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

export async function appendAudit(
  tx: Transaction,
  actor: Actor,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    at: now,
    actorId: actor.id,
    actor: actor.label,
    action: entry.action,
    target: entry.target,
    reason: entry.reason ?? null,
    before: json(entry.before),
    after: json(entry.after),
  });
}
