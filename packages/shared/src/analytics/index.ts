export * from './series.ts';
export * from './growth.ts';
export * from './ratios.ts';
export * from './smoothing.ts';
export * from './groups.ts';
export * from './signals.ts';
