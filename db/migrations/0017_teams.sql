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
CREATE INDEX `team_assignments_due_idx` ON `team_assignments` (`due_at`);--> statement-breakpoint
CREATE TABLE `team_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`accepted_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_invitations_token_hash_unique` ON `team_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `team_invitations_team_idx` ON `team_invitations` (`team_id`,`email`);--> statement-breakpoint
CREATE INDEX `team_invitations_email_idx` ON `team_invitations` (`email`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`user_id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer NOT NULL,
	`shares_assessment` integer DEFAULT false NOT NULL,
	`shares_kept_rate` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_members_team_idx` ON `team_members` (`team_id`,`role`);--> statement-breakpoint
CREATE TABLE `team_trials` (
	`mailbox_key` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`owner_id` text NOT NULL,
	`seats` integer NOT NULL,
	`membership_until` integer NOT NULL,
	`plan` text NOT NULL,
	`subscription_id` text,
	`subscription_status` text,
	`past_due_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_subscription_id_unique` ON `teams` (`subscription_id`);--> statement-breakpoint
-- A member's membership is a grant (every source of access is reduced to grants, decision 006) that the
-- database keeps in step with the team, whoever writes: joining adds it, leaving or being removed (or the
-- team's deletion, by cascade) deletes it, and a change to the team's plan moves every member's end.
CREATE TRIGGER `team_members_grant_insert` AFTER INSERT ON `team_members`
BEGIN
  INSERT INTO `grants` (`id`, `user_id`, `product`, `source`, `starts_at`, `ends_at`, `created_at`, `reference`)
    VALUES ('team-' || lower(hex(randomblob(16))), NEW.`user_id`, 'membership', 'team', NEW.`joined_at`,
      max(NEW.`joined_at`, (SELECT `membership_until` FROM `teams` WHERE `id` = NEW.`team_id`)),
      NEW.`joined_at`, 'team:' || NEW.`team_id` || ':' || NEW.`user_id`)
    ON CONFLICT (`reference`) DO UPDATE SET `starts_at` = excluded.`starts_at`, `ends_at` = excluded.`ends_at`;
END;
--> statement-breakpoint
CREATE TRIGGER `team_members_grant_delete` AFTER DELETE ON `team_members`
BEGIN
  DELETE FROM `grants` WHERE `reference` = 'team:' || OLD.`team_id` || ':' || OLD.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_grant_update` AFTER UPDATE OF `membership_until` ON `teams`
BEGIN
  UPDATE `grants` SET `ends_at` = max(`starts_at`, NEW.`membership_until`)
    WHERE `reference` IN (SELECT 'team:' || NEW.`id` || ':' || `user_id` FROM `team_members` WHERE `team_id` = NEW.`id`);
END;
