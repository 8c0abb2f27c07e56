CREATE TABLE `billing_customers` (
	`user_id` text PRIMARY KEY NOT NULL,
	`stripe_customer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_customers_stripe_customer_id_unique` ON `billing_customers` (`stripe_customer_id`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	`applied_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`price_id` text,
	`amount_cents` integer,
	`currency` text,
	`interval` text,
	`trial_start` integer,
	`trial_end` integer,
	`current_period_end` integer,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`ended_at` integer,
	`past_due_since` integer,
	`code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscriptions_user_idx` ON `subscriptions` (`user_id`);--> statement-breakpoint
ALTER TABLE `codes` ADD `discount_duration` text;--> statement-breakpoint
ALTER TABLE `codes` ADD `discount_months` integer;--> statement-breakpoint
ALTER TABLE `codes` ADD `stripe_coupon_id` text;--> statement-breakpoint
ALTER TABLE `codes` ADD `stripe_promotion_code_id` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `grants_reference_idx` ON `grants` (`reference`);