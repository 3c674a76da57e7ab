export * from './domain/access.ts';
export * from './domain/locale.ts';
export * from './text/fold.ts';
export * from './imports/values.ts';
export * from './analytics/index.ts';
