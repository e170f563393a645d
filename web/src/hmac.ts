/**
 * The gateway's HMAC request signature (HmacSigner): lowercase hex HMAC-SHA256 with the key's
 * secret over `timestampMs\nnonce\nMETHOD\npath\nquery\nbody`.
 */
const encoder = new TextEncoder();

export function signingString(timestampMs: number, nonce: string, method: string, path: string, query: string, body: string): string {
  return `${timestampMs}\n${nonce}\n${method}\n${path}\n${query}\n${body}`;
}

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const b of sig) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function randomToken(bytes = 16): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  let hex = '';
  for (const b of a) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Headers that authenticate one request with an API key (TK-KEY, TK-TIMESTAMP, TK-NONCE, TK-SIGNATURE). */
export async function hmacHeaders(keyId: string, secret: string, method: string, path: string, query: string, body: string,
  nowMs = Date.now()): Promise<Record<string, string>> {
  const nonce = randomToken(12);
  const signature = await hmacSha256Hex(secret, signingString(nowMs, nonce, method, path, query, body));
  return { 'TK-KEY': keyId, 'TK-TIMESTAMP': String(nowMs), 'TK-NONCE': nonce, 'TK-SIGNATURE': signature };
}
