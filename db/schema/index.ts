/** Every table, one file per domain; drizzle-kit reads this barrel. */
export * from './accounts';
export * from './platform';
export * from './search';
