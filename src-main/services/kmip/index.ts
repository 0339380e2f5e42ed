// KMIP: the codec (ttlv, messages, spec), a client over mutual TLS, a primary/secondary pool,
// and the message log. Code outside this folder imports from here.
export * from './ttlv';
export * from './messages';
export * from './spec';
export * from './client';
export * from './pool';
export * from './log';
