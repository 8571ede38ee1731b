export * from './calendar';
export * from './random';
export * from './routing/budget';
export * from './routing/solomon';
export * from './routing/tsp';
export * from './routing/tsplib';
export * from './routing/vrptw';
export * from './tiering';
