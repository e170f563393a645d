import { ApiError } from './api';
import { App, throttle } from './app';
import { LiveRows, readChannelMessage } from './live';

export type FeedState = 'loading' | 'ready' | 'error' | 'unavailable' | 'signed-out';

export interface FeedSpec<T> {
  /** REST route of the snapshot (with its query). */
  route: string;
  /** Rows of the REST answer: an array, or the array under a field such as `runs`. */
  extract: (body: unknown) => T[];
  key: (row: T) => string;
  order: (a: T, b: T) => number;
  max?: number;
  /** How far a row has moved on (its update time): an older version never replaces a newer one. */
  version?: (row: T) => number;
  /** WebSocket channel with the same rows (each with `seq`); without one, or when refused, the feed polls. */
  channel?: string;
  pollMs?: number;
}

/** Rows of an array answer, or of `body[field]`. */
export function listOf<T>(field?: string): (body: unknown) => T[] {
  return (body) => {
    if (Array.isArray(body)) return body as T[];
    const v = field && body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
    return Array.isArray(v) ? (v as T[]) : [];
  };
}

const MIN_RESYNC_MS = 2_000;

/**
 * One live list for a panel: a REST snapshot, live rows from the stream channel, a fresh snapshot after a
 * reconnect or a sequence gap, and polling when the node has no such channel (it refuses the subscription)
 * or the stream is down. A route answering 404 makes the feed `unavailable` ("not available on this node").
 */
export class Feed<T> {
  readonly rows: LiveRows<T>;
  state: FeedState = 'loading';
  error: ApiError | null = null;
  /** 'stream' while the channel is subscribed; 'polling' without one. */
  mode: 'stream' | 'polling';
  private timer: number | undefined;
  private loading: Promise<void> | null = null;
  private readonly resync: () => void;

  constructor(private readonly app: App, readonly spec: FeedSpec<T>, private readonly changed: () => void) {
    this.rows = new LiveRows(spec.key, spec.order, spec.max ?? 200, spec.version);
    this.mode = spec.channel ? 'stream' : 'polling';
    this.resync = throttle(() => void this.load(), MIN_RESYNC_MS);
    if (spec.channel) {
      const channel = spec.channel;
      app.stream.on(channel, (m) => this.onMessage(m as Record<string, unknown>));
      // a reconnect resumes from the last row seen: the node replays what was missed (or says reset)
      app.stream.setResume(channel, () => (this.mode === 'stream' ? this.rows.resumeSeq() : undefined));
      app.stream.onRefused(channel, () => {
        this.mode = 'polling';
        this.changed();
      });
    }
    app.stream.onState((s, reconnect) => {
      // a streamed feed catches up by replay; a polled one (or one that never loaded) fetches again
      if (s === 'open' && reconnect && this.state !== 'unavailable' && (this.mode === 'polling' || this.state !== 'ready')) this.resync();
    });
  }

  /** First snapshot, the channel subscription and the poll timer. */
  start(): Promise<void> {
    if (this.spec.channel) this.app.stream.subscribe(this.spec.channel);
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => {
      if (this.state === 'unavailable') return;
      if (this.mode === 'polling' || this.app.stream.state !== 'open') void this.load();
    }, this.spec.pollMs ?? 5_000);
    return this.load();
  }

  load(): Promise<void> {
    if (this.loading) return this.loading;
    this.loading = this.fetch().finally(() => (this.loading = null));
    return this.loading;
  }

  private async fetch(): Promise<void> {
    try {
      const body = await this.app.api.get<unknown>(this.spec.route);
      this.rows.reset(this.spec.extract(body));
      this.state = 'ready';
      this.error = null;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err));
      this.error = e;
      this.state = e.routeMissing ? 'unavailable' : e.status === 401 || e.status === 403 ? 'signed-out' : 'error';
      if (this.state === 'unavailable') window.clearInterval(this.timer);
    }
    this.changed();
  }

  private onMessage(m: Record<string, unknown>): void {
    const msg = readChannelMessage<T>(m, (row) => {
      const k = this.spec.key(row);
      return k !== '' && k !== 'undefined' && k !== 'null';
    });
    if (msg.kind === 'reset') {
      // further behind than the node replays: start again from the REST snapshot and a fresh subscription
      this.rows.maxSeq = null;
      this.resync();
      return;
    }
    if (msg.kind === 'ignore') return;
    let changed = false;
    for (const { row, seq } of msg.rows) changed = this.rows.apply(row, seq) === 'applied' || changed;
    if (changed && this.state === 'ready') this.changed();
  }
}

/** One state for a panel fed by several feeds: any error wins, then loading; unavailable only when all are. */
export function combinedState(feeds: readonly { state: FeedState }[]): FeedState {
  if (feeds.some((f) => f.state === 'error')) return 'error';
  if (feeds.some((f) => f.state === 'loading')) return 'loading';
  if (feeds.every((f) => f.state === 'unavailable')) return 'unavailable';
  if (feeds.some((f) => f.state === 'signed-out')) return 'signed-out';
  return 'ready';
}
