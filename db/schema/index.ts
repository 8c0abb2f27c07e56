/** Every table, one file per domain; drizzle-kit reads this barrel. */
export * from './accounts';
export * from './admin';
export * from './assessment';
export * from './billing';
export * from './boosters';
export * from './conversations';
export * from './learning';
export * from './ledger';
export * from './platform';
export * from './survey';
export * from './teams';
