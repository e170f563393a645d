/** One WebSocket to `/v1/ws`: auth with the session token, subscriptions kept across reconnects. */
export type StreamState = 'connecting' | 'open' | 'closed';

export interface StreamMessage {
  channel?: string;
  op?: string;
  [k: string]: unknown;
}

const MAX_BACKOFF_MS = 5_000;
const PING_MS = 10_000;

export class Stream {
  private ws: WebSocket | null = null;
  private readonly channels = new Set<string>();
  private readonly handlers = new Map<string, Set<(m: StreamMessage) => void>>();
  private readonly stateListeners = new Set<(s: StreamState, reconnect: boolean) => void>();
  private readonly errorListeners = new Set<(m: StreamMessage) => void>();
  private readonly refusedListeners = new Map<string, Set<(code: string, message: string) => void>>();
  private readonly resumeFrom = new Map<string, () => number | undefined>();
  private token: string | null = null;
  private backoffMs = 250;
  private opened = 0;
  private pingTimer: number | undefined;
  private stopped = false;
  state: StreamState = 'closed';

  constructor(private readonly url: string) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  /** Authenticates (now and after each reconnect) and resubscribes, so private channels follow. */
  setToken(token: string | null): void {
    const previous = this.token;
    this.token = token;
    if (!this.ws || this.state !== 'open' || previous === token) return;
    if (token) {
      // Authenticate the live socket: public channels keep flowing, private ones follow the auth.
      this.send({ op: 'auth', id: 'auth', token });
    } else {
      this.ws.close(); // the hub has no sign-out: a fresh socket carries no identity
    }
  }

  on(channel: string, fn: (m: StreamMessage) => void): () => void {
    const set = this.handlers.get(channel) ?? new Set();
    set.add(fn);
    this.handlers.set(channel, set);
    return () => set.delete(fn);
  }

  onState(fn: (s: StreamState, reconnect: boolean) => void): void {
    this.stateListeners.add(fn);
  }

  onError(fn: (m: StreamMessage) => void): void {
    this.errorListeners.add(fn);
  }

  /**
   * Called when the node refuses a subscription (an older node answers `unknown channel` for a channel
   * it does not serve). The channel is dropped from the set kept across reconnects.
   */
  onRefused(channel: string, fn: (code: string, message: string) => void): () => void {
    const set = this.refusedListeners.get(channel) ?? new Set();
    set.add(fn);
    this.refusedListeners.set(channel, set);
    return () => set.delete(fn);
  }

  /**
   * After a reconnect, resubscribe to `channel` with `"since": {channel: seq}` (the node replays what was
   * missed, or answers `reset`); `seq` undefined subscribes afresh (a snapshot).
   */
  setResume(channel: string, seq: () => number | undefined): void {
    this.resumeFrom.set(channel, seq);
  }

  /** Subscribes with the id `sub:<channel>`, so an error for this request names its channel. */
  subscribe(channel: string): void {
    this.channels.add(channel);
    this.send({ op: 'subscribe', id: subscriptionId(channel), channels: [channel] });
  }

  unsubscribe(channel: string): void {
    this.channels.delete(channel);
    this.send({ op: 'unsubscribe', channels: [channel] });
  }

  /** Fresh snapshot for one channel: unsubscribe, subscribe. */
  resubscribe(channel: string): void {
    this.send({ op: 'unsubscribe', channels: [channel] });
    this.channels.add(channel);
    this.send({ op: 'subscribe', id: subscriptionId(channel), channels: [channel] });
  }

  private send(msg: unknown): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private setState(s: StreamState): void {
    this.state = s;
    for (const fn of this.stateListeners) fn(s, this.opened > 1);
  }

  private connect(): void {
    this.setState('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.opened++;
      this.backoffMs = 250;
      if (this.token) ws.send(JSON.stringify({ op: 'auth', id: 'auth', token: this.token }));
      // one request per channel: a refusal names the channel it refuses
      for (const ch of this.channels) ws.send(JSON.stringify(resubscribeMessage(ch, this.resumeFrom.get(ch)?.())));
      this.pingTimer = window.setInterval(() => this.send({ op: 'ping' }), PING_MS);
      this.setState('open');
    };
    ws.onmessage = (ev) => {
      let msg: StreamMessage;
      try {
        msg = JSON.parse(String(ev.data)) as StreamMessage;
      } catch {
        return;
      }
      if (msg.op === 'error') {
        const refused = channelOfSubscription(msg.id);
        if (refused !== null) {
          this.channels.delete(refused);
          for (const fn of this.refusedListeners.get(refused) ?? []) fn(String(msg.code ?? 'ERROR'), String(msg.message ?? ''));
        }
        for (const fn of this.errorListeners) fn(msg);
        return;
      }
      const key = msg.channel ?? (msg.op ? `op:${msg.op}` : '');
      for (const fn of this.handlers.get(key) ?? []) fn(msg);
    };
    ws.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.ws !== ws) return;
      this.ws = null;
      this.setState('closed');
      if (this.stopped) return;
      const delay = this.backoffMs;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
      window.setTimeout(() => this.connect(), delay);
    };
    ws.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
  }
}

/** The request id a subscription is sent with. */
export function subscriptionId(channel: string): string {
  return `sub:${channel}`;
}

/** The channel a subscription request id names, or null for any other id. */
export function channelOfSubscription(id: unknown): string | null {
  return typeof id === 'string' && id.startsWith('sub:') && id.length > 4 ? id.slice(4) : null;
}

/** The subscribe message sent after a reconnect: with `since` when the channel can resume from a seq. */
export function resubscribeMessage(channel: string, since: number | undefined): Record<string, unknown> {
  const msg: Record<string, unknown> = { op: 'subscribe', id: subscriptionId(channel), channels: [channel] };
  if (since !== undefined && Number.isFinite(since) && since >= 0) msg.since = { [channel]: Math.floor(since) };
  return msg;
}
