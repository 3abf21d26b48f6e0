export * from './consents';
export * from './fields';
export * from './magazine-order';
export * from './messages';
export * from './registration';
export * from './subscription';
