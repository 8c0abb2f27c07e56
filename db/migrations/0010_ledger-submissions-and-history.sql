CREATE TABLE `ledger_promise_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`promise_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`from_due_at` integer,
	`to_due_at` integer,
	`from_outcome` text,
	`from_resolved_at` integer,
	`to_outcome` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`promise_id`) REFERENCES `ledger_promises`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ledger_promise_events_promise_idx` ON `ledger_promise_events` (`promise_id`,`at`);--> statement-breakpoint
CREATE INDEX `ledger_promise_events_user_idx` ON `ledger_promise_events` (`user_id`);--> statement-breakpoint
ALTER TABLE `ledger_customers` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_customers_submission_idx` ON `ledger_customers` (`user_id`,`submission_id`);--> statement-breakpoint
ALTER TABLE `ledger_promises` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_promises_submission_idx` ON `ledger_promises` (`user_id`,`submission_id`);