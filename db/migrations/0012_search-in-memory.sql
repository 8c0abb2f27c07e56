-- Lesson search now runs on an index in memory, built from the lessons of the build (decision 018):
-- the FTS5 table and its bookkeeping are no longer read or written.
DROP TABLE `search_index_state`;--> statement-breakpoint
DROP TABLE IF EXISTS `lesson_search`;
