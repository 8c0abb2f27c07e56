CREATE INDEX `conversation_runs_finished_idx` ON `conversation_runs` (`user_id`,`conversation_slug`,`score`) WHERE "conversation_runs"."finished_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversation_runs_open_idx` ON `conversation_runs` (`user_id`,`conversation_slug`,`started_at`) WHERE "conversation_runs"."finished_at" IS NULL;--> statement-breakpoint
-- The dashboard keeps the boosters card in its cached page (decision 018): the page cache keys it by the
-- person's version of their deck and their answers (migration 0008's pattern).
CREATE TRIGGER `data_versions_booster_cards_insert` AFTER INSERT ON `booster_cards`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_cards', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_cards_update` AFTER UPDATE ON `booster_cards`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_cards', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_cards' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_cards_delete` AFTER DELETE ON `booster_cards`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_cards';
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_reviews_insert` AFTER INSERT ON `booster_reviews`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_reviews', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_reviews_update` AFTER UPDATE ON `booster_reviews`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'booster_reviews', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_reviews' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_booster_reviews_delete` AFTER DELETE ON `booster_reviews`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'booster_reviews';
END;
