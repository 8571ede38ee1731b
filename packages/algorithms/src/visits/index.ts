export * from './due';
export * from './rules';
export * from './week-plan';
