CREATE TABLE `search_index_state` (
	`name` text PRIMARY KEY NOT NULL,
	`content_hash` text NOT NULL,
	`built_at` integer NOT NULL
);
