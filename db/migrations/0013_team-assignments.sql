CREATE TABLE `team_assignment_reminders` (
	`assignment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`assignment_id`, `user_id`, `kind`),
	FOREIGN KEY (`assignment_id`) REFERENCES `team_assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `team_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`kind` text NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`href` text NOT NULL,
	`lessons` text DEFAULT '[]' NOT NULL,
	`quizzed` text DEFAULT '[]' NOT NULL,
	`due_at` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `team_assignments_team_idx` ON `team_assignments` (`team_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `team_assignments_due_idx` ON `team_assignments` (`due_at`);