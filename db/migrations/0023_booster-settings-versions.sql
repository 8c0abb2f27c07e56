-- The dashboard's boosters card counts today's session (its size is a booster setting), so the page cache
-- keys the dashboard by the person's version of their booster settings too (migration 0008's pattern).
CREATE TRIGGER `data_versions_booster_settings_insert` AFTER INSERT ON `booster_settings`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_settings', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_settings_update` AFTER UPDATE ON `booster_settings`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_settings', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_settings' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_settings_delete` AFTER DELETE ON `booster_settings`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_settings';
END;
