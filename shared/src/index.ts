export * from './labels';
export * from './municipalities';
export * from './topics';
export * from './register';
export * from './json-lists';
