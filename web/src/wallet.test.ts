import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1';
import { addressOf, parsePrivateKey, requestDigest, signRequest, toHex, walletHeaders, WalletRequest } from './wallet';

/*
 * The vector below was computed once by the gateway's own Java code (web3j 6.0.0): a throwaway main on
 * app/target/lib's classpath ran `new WalletAuth(1).typedData("POST", "/v1/session", "", "{}" bytes,
 * 123456789012345L, 1700000060000L)`, then `new StructuredDataEncoder(json).hashStructuredData()` for the
 * digest, `WalletAuth.sign(json, ECKeyPair.create(KEY))` for the signature and `Keys.getAddress` for the
 * address. Both sides sign deterministically (RFC 6979) with low s, so the signatures match byte for byte.
 */
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const JAVA_ADDRESS = '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23';
const JAVA_DIGEST = '263df3211c4e744870cbdba30b725f2a51dc96f48e13f8dc2c5f92f7730c3da7';
const JAVA_SIGNATURE = '0xd0cfdbe6f13749ec5ac7f436c898c28e8757cb0965d6098ddfecc8b4fb6e1793'
  + '789311475eaab2acda0e88c1e6ffb680f2c8f6566cf13c0bafac97adfc1beee31c';
const REQUEST: WalletRequest = { method: 'POST', path: '/v1/session', query: '', body: '{}', nonce: 123456789012345n, expiryMs: 1700000060000n };

describe('wallet-signed requests (EIP-712)', () => {
  it('derives the address the gateway derives', () => {
    expect(addressOf(parsePrivateKey(KEY))).toBe(JAVA_ADDRESS);
  });

  it('hashes and signs a request exactly as the gateway (WalletAuth) does', () => {
    expect(toHex(requestDigest(REQUEST))).toBe(JAVA_DIGEST);
    expect(signRequest(parsePrivateKey(KEY), REQUEST)).toBe(JAVA_SIGNATURE);
  });

  it('any change to the signed fields changes the digest', () => {
    const base = toHex(requestDigest(REQUEST));
    for (const change of [{ method: 'GET' }, { path: '/v1/sessions' }, { query: 'a=1' }, { body: '{ }' },
      { nonce: REQUEST.nonce + 1n }, { expiryMs: REQUEST.expiryMs + 1n }]) {
      expect(toHex(requestDigest({ ...REQUEST, ...change }))).not.toBe(base);
    }
    expect(toHex(requestDigest(REQUEST, 2n))).not.toBe(base);
  });

  it('headers carry a signature that recovers to the wallet, with a bounded nonce and expiry', () => {
    const key = secp256k1.utils.randomPrivateKey();
    const now = 1_700_000_000_000;
    const h = walletHeaders(key, 'POST', '/v1/session', '', '{}', now);
    expect(h['TK-WALLET']).toBe(addressOf(key));
    expect(h['TK-WALLET-NONCE']).toMatch(/^[0-9]{1,18}$/);
    expect(Number(h['TK-WALLET-EXPIRY']) - now).toBeGreaterThan(0);
    expect(Number(h['TK-WALLET-EXPIRY']) - now).toBeLessThanOrEqual(300_000);
    const sig = h['TK-WALLET-SIGNATURE'];
    expect(sig).toMatch(/^0x[0-9a-f]{130}$/);
    const digest = requestDigest({ method: 'POST', path: '/v1/session', query: '', body: '{}',
      nonce: BigInt(h['TK-WALLET-NONCE']), expiryMs: BigInt(h['TK-WALLET-EXPIRY']) });
    const v = parseInt(sig.slice(130), 16) - 27;
    const recovered = secp256k1.Signature.fromCompact(sig.slice(2, 130)).addRecoveryBit(v).recoverPublicKey(digest);
    expect(toHex(recovered.toRawBytes(true))).toBe(toHex(secp256k1.getPublicKey(key, true)));
  });

  it('refuses malformed keys', () => {
    for (const bad of ['', '0x12', 'zz'.repeat(32), '0x' + '0'.repeat(64), '0x' + 'f'.repeat(64)]) {
      expect(() => parsePrivateKey(bad)).toThrow();
    }
  });
});
