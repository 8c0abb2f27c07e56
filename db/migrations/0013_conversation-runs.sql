CREATE TABLE `conversation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`conversation_slug` text NOT NULL,
	`submission_id` text NOT NULL,
	`choices` text NOT NULL,
	`steps` integer NOT NULL,
	`trust` integer NOT NULL,
	`position` text NOT NULL,
	`score` integer,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_runs_submission_idx` ON `conversation_runs` (`user_id`,`submission_id`);--> statement-breakpoint
CREATE INDEX `conversation_runs_user_idx` ON `conversation_runs` (`user_id`,`conversation_slug`,`started_at`);--> statement-breakpoint
-- The dashboard shows practice results and counts them towards module completion, so the page cache
-- keys it by the person's version of their runs (decision 012, migration 0008's pattern).
CREATE TRIGGER `data_versions_conversation_runs_insert` AFTER INSERT ON `conversation_runs`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'conversation_runs', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_conversation_runs_update` AFTER UPDATE ON `conversation_runs`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'conversation_runs', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'conversation_runs' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_conversation_runs_delete` AFTER DELETE ON `conversation_runs`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'conversation_runs';
END;
