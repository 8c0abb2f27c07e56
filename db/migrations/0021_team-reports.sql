CREATE TABLE `team_weekly_summaries` (
	`user_id` text NOT NULL,
	`week` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `week`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `team_members` ADD `weekly_summary` integer DEFAULT true NOT NULL;