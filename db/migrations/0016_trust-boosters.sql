CREATE TABLE `booster_cards` (
	`user_id` text NOT NULL,
	`item_key` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`ref` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`added_at` integer NOT NULL,
	`retired_at` integer,
	PRIMARY KEY(`user_id`, `item_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `booster_cards_due_idx` ON `booster_cards` (`user_id`,`retired_at`,`due`);--> statement-breakpoint
CREATE TABLE `booster_emails` (
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `booster_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`item_key` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`ref` text NOT NULL,
	`chosen` text NOT NULL,
	`order_seed` text NOT NULL,
	`correct` integer NOT NULL,
	`rating` integer NOT NULL,
	`retrievability` real NOT NULL,
	`days_since_learned` real NOT NULL,
	`due_before` integer NOT NULL,
	`due_after` integer NOT NULL,
	`retired` integer NOT NULL,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booster_reviews_submission_idx` ON `booster_reviews` (`user_id`,`submission_id`);--> statement-breakpoint
CREATE INDEX `booster_reviews_user_idx` ON `booster_reviews` (`user_id`,`reviewed_at`);--> statement-breakpoint
CREATE INDEX `booster_reviews_source_idx` ON `booster_reviews` (`kind`,`source`);--> statement-breakpoint
CREATE TABLE `booster_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`session_size` integer DEFAULT 5 NOT NULL,
	`email` integer DEFAULT false NOT NULL,
	`stop_key` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
