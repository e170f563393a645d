import { hmacHeaders, randomToken } from './hmac';
import { walletHeaders } from './wallet';

/** A typed gateway error: `{code, message, details}` with the HTTP status. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: unknown = {}) {
    super(message);
  }

  /** The node has no such route: the feature is not deployed here (not a failure of the panel). */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND';
  }
}

export interface Session {
  token: string;
  accountId: string;
  scopes: string[];
  expiresAtMs: number;
}

const SESSION_KEY = 'tokenta.session';

/** Decodes a JWT's claims (no verification: the gateway verifies; the terminal only reads sub/exp). */
export function sessionFromToken(token: string): Session {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('session token is not a JWT');
  const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as { sub?: string; exp?: number; scope?: string[] };
  return { token, accountId: String(claims.sub ?? '?'), scopes: claims.scope ?? [], expiresAtMs: (claims.exp ?? 0) * 1000 };
}

/** REST client for `/v1`: Bearer session on private routes, Idempotency-Key on every POST. */
export class Api {
  session: Session | null = null;

  constructor(readonly base = '') {}

  /** Restores a session token kept for this tab only (sessionStorage; never localStorage). */
  restore(): Session | null {
    try {
      const token = sessionStorage.getItem(SESSION_KEY);
      if (!token) return null;
      const s = sessionFromToken(token);
      if (s.expiresAtMs <= Date.now()) {
        sessionStorage.removeItem(SESSION_KEY);
        return null;
      }
      this.session = s;
      return s;
    } catch {
      return null;
    }
  }

  /** Exchanges an API key for a short-lived JWT: an HMAC-signed `POST /v1/session`. The secret is used once, then dropped. */
  async signIn(keyId: string, secret: string): Promise<Session> {
    const body = '{}';
    return this.openSession(body, await hmacHeaders(keyId, secret, 'POST', '/v1/session', '', body));
  }

  /**
   * Exchanges a wallet's signature for a short-lived JWT: an EIP-712-signed `POST /v1/session`. The
   * caller holds the private key for this one request only; neither it nor the address is stored.
   */
  async signInWithWallet(privateKey: Uint8Array): Promise<Session> {
    const body = '{}';
    return this.openSession(body, walletHeaders(privateKey, 'POST', '/v1/session', '', body));
  }

  private async openSession(body: string, headers: Record<string, string>): Promise<Session> {
    const out = (await this.request('POST', '/v1/session', body, headers)) as { token: string };
    const s = sessionFromToken(out.token);
    this.session = s;
    sessionStorage.setItem(SESSION_KEY, out.token);
    return s;
  }

  signOut(): void {
    this.session = null;
    sessionStorage.removeItem(SESSION_KEY);
  }

  get<T>(path: string): Promise<T> {
    return this.request('GET', path, undefined, this.authHeaders()) as Promise<T>;
  }

  /** A GET whose body may be any media type (an evidence document): its text and content type. */
  async getText(path: string): Promise<{ contentType: string; text: string }> {
    const out = await this.request('GET', path, undefined, this.authHeaders(), true);
    return out as { contentType: string; text: string };
  }

  post<T>(path: string, payload: unknown): Promise<T> {
    return this.request('POST', path, JSON.stringify(payload), this.authHeaders()) as Promise<T>;
  }

  private authHeaders(): Record<string, string> {
    return this.session ? { Authorization: `Bearer ${this.session.token}` } : {};
  }

  private async request(method: string, path: string, body: string | undefined, headers: Record<string, string>, raw = false): Promise<unknown> {
    const h: Record<string, string> = { ...headers, Accept: raw ? '*/*' : 'application/json' };
    if (method === 'POST') {
      h['Content-Type'] = 'application/json';
      h['Idempotency-Key'] = 'web-' + randomToken(12);
    }
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers: h, body });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', `node unreachable: ${(e as Error).message}`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const e = (json ?? {}) as { code?: string; message?: string; details?: unknown };
      if (res.status === 401 && this.session) this.signOut();
      throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
    }
    if (raw) return { contentType: res.headers.get('content-type') ?? '', text };
    return json;
  }
}
