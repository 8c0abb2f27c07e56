-- A team's version of what its reports show (decision 024): the reports page is kept by the page cache
-- under the team's version, so every write that could change the page bumps it here, whoever writes.
CREATE TABLE `team_versions` (
	`team_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
-- A rep's own data: every write to their versioned tables bumps their data_versions row (migration 0008).
CREATE TRIGGER `team_versions_rep_data_insert` AFTER INSERT ON `data_versions`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = NEW.`user_id` AND `role` = 'member'
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_rep_data_update` AFTER UPDATE ON `data_versions`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = NEW.`user_id` AND `role` = 'member'
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- An assessment in progress counts as started on an assignment (drafts are not versioned per person).
CREATE TRIGGER `team_versions_draft_insert` AFTER INSERT ON `assessment_drafts`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = NEW.`user_id` AND `role` = 'member'
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_draft_update` AFTER UPDATE ON `assessment_drafts`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = NEW.`user_id` AND `role` = 'member'
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_draft_delete` AFTER DELETE ON `assessment_drafts`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = OLD.`user_id` AND `role` = 'member'
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- Names (and addresses) of everyone in a team, managers included.
CREATE TRIGGER `team_versions_names` AFTER UPDATE OF `display_name`, `email` ON `users`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`)
    SELECT `team_id`, 1 FROM `team_members` WHERE `user_id` = NEW.`id`
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- Who is in the team, their role and what they share; deleting a person deletes their row here too.
CREATE TRIGGER `team_versions_member_insert` AFTER INSERT ON `team_members`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (NEW.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_member_update` AFTER UPDATE ON `team_members`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (NEW.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `team_versions` SET `version` = `version` + 1 WHERE `team_id` = OLD.`team_id` AND OLD.`team_id` IS NOT NEW.`team_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_member_delete` AFTER DELETE ON `team_members`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (OLD.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- The team's assignments.
CREATE TRIGGER `team_versions_assignment_insert` AFTER INSERT ON `team_assignments`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (NEW.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_assignment_update` AFTER UPDATE ON `team_assignments`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (NEW.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_assignment_delete` AFTER DELETE ON `team_assignments`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (OLD.`team_id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- The team itself (its name is the page's heading).
CREATE TRIGGER `team_versions_team_update` AFTER UPDATE ON `teams`
BEGIN
  INSERT INTO `team_versions` (`team_id`, `version`) VALUES (NEW.`id`, 1)
    ON CONFLICT (`team_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `team_versions_team_delete` AFTER DELETE ON `teams`
BEGIN
  DELETE FROM `team_versions` WHERE `team_id` = OLD.`id`;
END;
