export * from './errors';
export * from './result';
export * from './jobs';
export * from './station';
export * from './channels';
export * from './api';
export * from './wire';
