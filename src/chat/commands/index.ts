export * from './command.js';
export * from './parse.js';
export * from './reply.js';
export * from './services.js';
export * from './handle.js';
export * from './actions.js';
export * from './help.js';
