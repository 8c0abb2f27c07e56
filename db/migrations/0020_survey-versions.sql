-- The gap report (/survey) is kept by the page cache (decision 021): it is keyed by the member's version
-- of their rounds, invitations, responses and share link (migration 0008's pattern). Every table here
-- carries the member's user_id, responses included (never the customer's).
CREATE TRIGGER `data_versions_survey_rounds_insert` AFTER INSERT ON `survey_rounds`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_rounds', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_rounds_update` AFTER UPDATE ON `survey_rounds`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_rounds', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_rounds' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_rounds_delete` AFTER DELETE ON `survey_rounds`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_rounds';
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_invitations_insert` AFTER INSERT ON `survey_invitations`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_invitations', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_invitations_update` AFTER UPDATE ON `survey_invitations`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_invitations', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_invitations' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_invitations_delete` AFTER DELETE ON `survey_invitations`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_invitations';
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_responses_insert` AFTER INSERT ON `survey_responses`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_responses', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_responses_update` AFTER UPDATE ON `survey_responses`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_responses', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_responses' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_responses_delete` AFTER DELETE ON `survey_responses`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_responses';
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_shares_insert` AFTER INSERT ON `survey_shares`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_shares', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_shares_update` AFTER UPDATE ON `survey_shares`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'survey_shares', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_shares' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_survey_shares_delete` AFTER DELETE ON `survey_shares`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'survey_shares';
END;
