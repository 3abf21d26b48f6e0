export * from './labels';
export * from './municipalities';
export * from './topics';
export * from './register';
export * from './json-lists';
export * from './forms';
export * from './time';
export * from './business-days';
