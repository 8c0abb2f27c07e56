-- survey_responses is WITHOUT ROWID: stored in the order of their random ids, so not even the storage
-- order says which response came first (decision 021).
CREATE TABLE `survey_batches` (
	`user_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `submission_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`round_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`delivery` text NOT NULL,
	`recipient` text NOT NULL,
	`customer_id` text,
	`flag` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `survey_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `ledger_customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_invitations_token_hash_unique` ON `survey_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `survey_invitations_round_idx` ON `survey_invitations` (`round_id`);--> statement-breakpoint
CREATE INDEX `survey_invitations_user_idx` ON `survey_invitations` (`user_id`);--> statement-breakpoint
CREATE TABLE `survey_opt_out_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`address_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `survey_opt_outs` (
	`address_hash` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`round_id` text NOT NULL,
	`overall` integer NOT NULL,
	`answers` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `survey_rounds`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_responses_round_idx` ON `survey_responses` (`user_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `survey_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`number` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_rounds_user_idx` ON `survey_rounds` (`user_id`,`number`);--> statement-breakpoint
CREATE TABLE `survey_shares` (
	`user_id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_shares_token_unique` ON `survey_shares` (`token`);