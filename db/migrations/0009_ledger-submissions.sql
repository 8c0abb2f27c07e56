ALTER TABLE `ledger_customers` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_customers_submission_idx` ON `ledger_customers` (`user_id`,`submission_id`);--> statement-breakpoint
ALTER TABLE `ledger_promises` ADD `submission_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_promises_submission_idx` ON `ledger_promises` (`user_id`,`submission_id`);