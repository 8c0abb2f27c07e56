/** Every table, one file per domain; drizzle-kit reads this barrel. */
export * from './accounts';
export * from './admin';
export * from './assessment';
export * from './billing';
export * from './learning';
export * from './ledger';
export * from './platform';
export * from './search';
export * from './teams';
