/** `@foyer/api/platform/crypto`: keyed token hashes (CryptoModule) and canonical JSON. */
export * from './lib/crypto/crypto.module';
export * from './lib/crypto/token-hasher.service';
export * from './lib/crypto/canonical-json';
