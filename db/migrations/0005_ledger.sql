CREATE TABLE `ledger_customers` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`company` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`starting_balance` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ledger_customers_user_idx` ON `ledger_customers` (`user_id`,`name`);--> statement-breakpoint
CREATE TABLE `ledger_digests` (
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ledger_promises` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`text` text NOT NULL,
	`channel` text NOT NULL,
	`made_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`outcome` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `ledger_customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ledger_promises_open_idx` ON `ledger_promises` (`user_id`,`outcome`,`due_at`);--> statement-breakpoint
CREATE INDEX `ledger_promises_customer_idx` ON `ledger_promises` (`customer_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `ledger_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL,
	`digest` integer DEFAULT false NOT NULL,
	`feed_token_hash` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_settings_feed_token_hash_unique` ON `ledger_settings` (`feed_token_hash`);