export * from './consents';
export * from './fields';
export * from './form-encoding';
export * from './magazine-order';
export * from './messages';
export * from './registration';
export * from './subscription';
export * from './preferences';
