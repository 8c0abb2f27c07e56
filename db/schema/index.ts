/** Every table, one file per domain; drizzle-kit reads this barrel. */
export * from './search';
