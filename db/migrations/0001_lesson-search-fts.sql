-- Lesson search: one row per lesson (title + summary + objectives, searchable by everyone) and one per
-- section of a lesson body (searchable by everyone for free lessons, by members only otherwise).
-- Rebuilt from the content collection at start-up whenever the lessons change.
CREATE VIRTUAL TABLE `lesson_search` USING fts5(
  `slug` UNINDEXED,
  `anchor` UNINDEXED,
  `kind` UNINDEXED,
  `free` UNINDEXED,
  `title`,
  `heading`,
  `body`,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
