export * from './coverage';
export * from './flags';
