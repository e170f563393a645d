/**
 * Wallet-signed requests as the gateway's WalletAuth verifies them: an EIP-712 struct
 * `Request(string method,string path,bytes32 bodyHash,uint256 nonce,uint256 expiry)` in the domain
 * `(name "Tokenta", version "1", chainId)`, bodyHash = sha256(query + "\n" + body), signed with
 * secp256k1 as r(32) s(32) v(1) with low s and v = 27 + recovery id.
 */
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { keccak_256 } from '@noble/hashes/sha3';

/** The gateway's EIP-712 domain chain id (GatewayServer builds WalletAuth with chain id 1). */
export const WALLET_CHAIN_ID = 1n;
/** The gateway accepts an expiry at most 5 minutes ahead; one minute is enough for one request. */
export const WALLET_EXPIRY_AHEAD_MS = 60_000;
/** The gateway reads a nonce of at most 18 decimal digits. */
const MAX_NONCE = 10n ** 18n - 1n;

const encoder = new TextEncoder();
const DOMAIN_TYPE = 'EIP712Domain(string name,string version,uint256 chainId)';
const REQUEST_TYPE = 'Request(string method,string path,bytes32 bodyHash,uint256 nonce,uint256 expiry)';

export interface WalletRequest {
  method: string;
  path: string;
  query: string;
  body: string;
  nonce: bigint;
  expiryMs: bigint;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** A private key as `0x` + 64 hex digits (the form devchains.json prints); anything else is refused. */
export function parsePrivateKey(text: string): Uint8Array {
  const t = text.trim();
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(t)) throw new Error('private key must be 0x + 64 hex digits');
  const hex = t.startsWith('0x') ? t.slice(2) : t;
  const key = new Uint8Array(32);
  for (let i = 0; i < 32; i++) key[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  if (!secp256k1.utils.isValidPrivateKey(key)) throw new Error('private key is outside the secp256k1 range');
  return key;
}

/** The wallet address of a private key: the last 20 bytes of keccak256 of the uncompressed public key. */
export function addressOf(privateKey: Uint8Array): string {
  const pub = secp256k1.getPublicKey(privateKey, false);
  return '0x' + toHex(keccak_256(pub.slice(1)).slice(12));
}

function uint256(v: bigint): Uint8Array {
  if (v < 0n || v >= 1n << 256n) throw new Error('uint256 out of range');
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const text = (s: string): Uint8Array => keccak_256(encoder.encode(s));

export function bodyHash(query: string, body: string): Uint8Array {
  return sha256(encoder.encode(`${query}\n${body}`));
}

export function domainSeparator(chainId = WALLET_CHAIN_ID): Uint8Array {
  return keccak_256(concat(text(DOMAIN_TYPE), text('Tokenta'), text('1'), uint256(chainId)));
}

/** The 32-byte EIP-712 digest a wallet signs for one request. */
export function requestDigest(r: WalletRequest, chainId = WALLET_CHAIN_ID): Uint8Array {
  const struct = keccak_256(concat(text(REQUEST_TYPE), text(r.method), text(r.path), bodyHash(r.query, r.body),
    uint256(r.nonce), uint256(r.expiryMs)));
  return keccak_256(concat(new Uint8Array([0x19, 0x01]), domainSeparator(chainId), struct));
}

/** `0x` + r + s + v (65 bytes, low s, deterministic RFC 6979 nonce). */
export function signRequest(privateKey: Uint8Array, r: WalletRequest, chainId = WALLET_CHAIN_ID): string {
  const sig = secp256k1.sign(requestDigest(r, chainId), privateKey, { lowS: true });
  return '0x' + toHex(sig.toCompactRawBytes()) + (27 + sig.recovery).toString(16).padStart(2, '0');
}

function randomNonce(): bigint {
  const a = new Uint8Array(8);
  crypto.getRandomValues(a);
  let n = 0n;
  for (const b of a) n = (n << 8n) | BigInt(b);
  return n % MAX_NONCE;
}

/** Headers that authenticate one request with a wallet key (TK-WALLET, -NONCE, -EXPIRY, -SIGNATURE). */
export function walletHeaders(privateKey: Uint8Array, method: string, path: string, query: string, body: string,
  nowMs = Date.now()): Record<string, string> {
  const request: WalletRequest = { method, path, query, body, nonce: randomNonce(), expiryMs: BigInt(nowMs + WALLET_EXPIRY_AHEAD_MS) };
  return {
    'TK-WALLET': addressOf(privateKey),
    'TK-WALLET-NONCE': request.nonce.toString(),
    'TK-WALLET-EXPIRY': request.expiryMs.toString(),
    'TK-WALLET-SIGNATURE': signRequest(privateKey, request),
  };
}
