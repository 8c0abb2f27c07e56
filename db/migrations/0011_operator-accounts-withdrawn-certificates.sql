CREATE TABLE `withdrawn_certificates` (
	`id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `password_change_required` integer DEFAULT false NOT NULL;