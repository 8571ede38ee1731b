// First: configures zod before any schema below is defined.
import './zod-in-browser';

export * from './archive';
export * from './auth';
export * from './campaigns';
export * from './change-requests';
export * from './common';
export * from './concerns';
export * from './dashboard';
export * from './health';
export * from './notifications';
export * from './orders';
export * from './photos';
export * from './retailer-import';
export * from './retailer-profile';
export * from './retailers';
export * from './routing';
export * from './suggestions';
export * from './territory';
export * from './tiers';
export * from './users';
export * from './visit-follow-ups';
export * from './visit-plans';
export * from './visit-quality';
export * from './visits';
