CREATE INDEX `users_created_idx` ON `users` (`created_at`);--> statement-breakpoint
CREATE INDEX `assessment_results_created_idx` ON `assessment_results` (`created_at`);--> statement-breakpoint
CREATE INDEX `grants_product_ends_idx` ON `grants` (`product`,`ends_at`);--> statement-breakpoint
CREATE INDEX `subscriptions_trial_end_idx` ON `subscriptions` (`trial_end`);