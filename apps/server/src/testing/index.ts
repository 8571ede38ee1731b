export * from './factories';
export * from './fixture';
export * from './test-app';
export * from './test-database';
