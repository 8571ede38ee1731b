export * from './calendar';
export * from './random';
export * from './tiering';
