/** zod request schemas and response types shared by the API routes, the portal forms and the scripts. */
export * from './common';
export * from './backup';
export * from './restore';
export * from './admin';
export * from './actions';
export * from './audit';
export * from './responses';
