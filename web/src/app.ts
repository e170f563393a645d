import { Api } from './api';
import { Stream } from './stream';

/** An instrument as `GET /v1/instruments` returns it. */
export interface Instrument {
  symbol: string;
  instrumentId: number;
  class: string;
  quoteAssetId: number;
  tickSize: string;
  lotSize: string;
  minQuantity: string;
  maxQuantity: string;
  minPrice: string;
  maxPrice: string;
  makerFeeBps: number;
  takerFeeBps: number;
  /** MAKER_TAKER: fees by role; SELLER_PAYS (escrow-settled): the seller pays, the buyer none. */
  feeModel: 'MAKER_TAKER' | 'SELLER_PAYS';
}

type Listener = () => void;

/** Shared terminal state: the API client, the stream, the instruments and the selected market. */
export class App {
  readonly api: Api;
  readonly stream: Stream;
  instruments: Instrument[] = [];
  symbol: string | null = null;
  private readonly marketListeners = new Set<Listener>();
  private readonly sessionListeners = new Set<Listener>();
  /** Filled by the order-entry panel: a click on a book level lands here. */
  fillOrderForm: (side: 'BUY' | 'SELL', price: string, quantity?: string) => void = () => {};
  /** Panels the palette can jump to. */
  readonly panels = new Map<string, HTMLElement>();
  actions: { name: string; hint: string; run: () => void | Promise<void> }[] = [];
  notify: (text: string, kind?: 'ok' | 'error') => void = () => {};

  constructor(base: string, wsUrl: string) {
    this.api = new Api(base);
    this.stream = new Stream(wsUrl);
  }

  instrument(symbol = this.symbol): Instrument | undefined {
    return this.instruments.find((i) => i.symbol === symbol);
  }

  selectMarket(symbol: string): void {
    if (!this.instruments.some((i) => i.symbol === symbol) || symbol === this.symbol) return;
    this.symbol = symbol;
    history.replaceState(null, '', `#${encodeURIComponent(symbol)}`);
    for (const fn of this.marketListeners) fn();
  }

  onMarket(fn: Listener): void {
    this.marketListeners.add(fn);
  }

  onSession(fn: Listener): void {
    this.sessionListeners.add(fn);
  }

  sessionChanged(): void {
    this.stream.setToken(this.api.session?.token ?? null);
    for (const fn of this.sessionListeners) fn();
  }
}

/** Runs `fn` at most once per `ms`, trailing call included. */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  let pending = false;
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last >= ms && timer === undefined) {
      last = now;
      fn();
      return;
    }
    pending = true;
    if (timer === undefined) {
      timer = window.setTimeout(() => {
        timer = undefined;
        if (pending) {
          pending = false;
          last = Date.now();
          fn();
        }
      }, Math.max(0, ms - (now - last)));
    }
  };
}
