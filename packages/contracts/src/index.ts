export * from './auth';
export * from './common';
export * from './dashboard';
export * from './health';
export * from './retailers';
export * from './users';
