-- Cached pages are keyed by the person's version of each table they depend on (decision 012). The
-- database keeps the versions: every insert, update and delete of a person's rows bumps theirs, whoever
-- writes, so no writer has to remember to. They replace users.learning_version, which writers bumped by hand.
CREATE TABLE `data_versions` (
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`user_id`, `source`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `learning_version`;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'lesson_progress', 1 FROM `lesson_progress` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_lesson_progress_insert` AFTER INSERT ON `lesson_progress`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'lesson_progress', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_lesson_progress_update` AFTER UPDATE ON `lesson_progress`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'lesson_progress', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'lesson_progress' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_lesson_progress_delete` AFTER DELETE ON `lesson_progress`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'lesson_progress';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'quiz_attempts', 1 FROM `quiz_attempts` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_quiz_attempts_insert` AFTER INSERT ON `quiz_attempts`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'quiz_attempts', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_quiz_attempts_update` AFTER UPDATE ON `quiz_attempts`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'quiz_attempts', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'quiz_attempts' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_quiz_attempts_delete` AFTER DELETE ON `quiz_attempts`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'quiz_attempts';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'certificates', 1 FROM `certificates` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_certificates_insert` AFTER INSERT ON `certificates`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'certificates', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_certificates_update` AFTER UPDATE ON `certificates`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'certificates', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'certificates' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_certificates_delete` AFTER DELETE ON `certificates`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'certificates';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'assessment_results', 1 FROM `assessment_results` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_assessment_results_insert` AFTER INSERT ON `assessment_results`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'assessment_results', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_assessment_results_update` AFTER UPDATE ON `assessment_results`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'assessment_results', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'assessment_results' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_assessment_results_delete` AFTER DELETE ON `assessment_results`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'assessment_results';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'ledger_settings', 1 FROM `ledger_settings` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_settings_insert` AFTER INSERT ON `ledger_settings`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_settings', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_settings_update` AFTER UPDATE ON `ledger_settings`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_settings', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_settings' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_settings_delete` AFTER DELETE ON `ledger_settings`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_settings';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'ledger_customers', 1 FROM `ledger_customers` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_customers_insert` AFTER INSERT ON `ledger_customers`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_customers', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_customers_update` AFTER UPDATE ON `ledger_customers`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_customers', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_customers' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_customers_delete` AFTER DELETE ON `ledger_customers`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_customers';
END;
--> statement-breakpoint
INSERT INTO `data_versions` (`user_id`, `source`, `version`) SELECT DISTINCT `user_id`, 'ledger_promises', 1 FROM `ledger_promises` WHERE true
  ON CONFLICT (`user_id`, `source`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_promises_insert` AFTER INSERT ON `ledger_promises`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_promises', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_promises_update` AFTER UPDATE ON `ledger_promises`
BEGIN
  INSERT INTO `data_versions` (`user_id`, `source`, `version`) VALUES (NEW.`user_id`, 'ledger_promises', 1)
    ON CONFLICT (`user_id`, `source`) DO UPDATE SET `version` = `version` + 1;
  UPDATE `data_versions` SET `version` = `version` + 1
    WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_promises' AND OLD.`user_id` IS NOT NEW.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_ledger_promises_delete` AFTER DELETE ON `ledger_promises`
BEGIN
  -- Only bumps: a person being deleted gets no new row (their versions go with them).
  UPDATE `data_versions` SET `version` = `version` + 1 WHERE `user_id` = OLD.`user_id` AND `source` = 'ledger_promises';
END;
