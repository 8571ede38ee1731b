export * from './random';
export * from './tiering';
