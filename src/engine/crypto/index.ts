// Mobility crypto (docs/architecture.md "engine/crypto"): authenticators, security
// associations, replay protection, and the registration-key methods of route
// optimization. Hash primitives come from @noble/hashes.

export * from './authenticator';
export * from './bigint-math';
export * from './bytes';
export * from './diffie-hellman';
export * from './identification';
export * from './key-encoding';
export * from './keyed-md5';
export * from './master-key';
export * from './nonces';
export * from './rsa-key';
export * from './rsa-oaep';
export * from './rsa-spki';
export * from './security-association';
