import { ApiError } from '../api';
import { App, throttle } from '../app';
import { el, Panel, PanelHandle, table } from '../dom';
import { decimalsOf, fixed, group, timeOfDay } from '../format';

interface Order { orderId: string; symbol: string; side: string; type: string; timeInForce: string; price: string; quantity: string; filled: string; remaining: string; status: string }
interface Fill { tradeId: string; symbol: string; side: string; price: string; quantity: string; fee: number; liquidity: string; timestampNs: number }
interface Balance { assetId: number; available: string; held: string }

export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK', 'ALO', 'GTD'] as const;
export const STP_MODES = ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT', 'NONE'] as const;

function select(name: string, options: readonly string[], value: string): HTMLSelectElement {
  const s = el('select', { name, id: `order-${name}` }, ...options.map((o) => el('option', { value: o, text: o })));
  s.value = value;
  return s;
}

/** Order entry (limit/market, TIF, post-only, STP) with the account's open orders, fills and balances. */
export function tradePanel(app: App): PanelHandle & { cancelAll: () => Promise<void> } {
  const panel = new Panel('trade', 'Order Entry', 'trade');
  let side: 'BUY' | 'SELL' = 'BUY';
  const buyBtn = el('button', { type: 'button', class: 'side buy active', text: 'Buy' });
  const sellBtn = el('button', { type: 'button', class: 'side sell', text: 'Sell' });
  const type = select('type', ['LIMIT', 'MARKET'], 'LIMIT');
  const price = el('input', { name: 'price', id: 'order-price', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
  const quantity = el('input', { name: 'quantity', id: 'order-quantity', inputmode: 'decimal', autocomplete: 'off', placeholder: '0' });
  const protection = el('input', { name: 'protectionPrice', id: 'order-protection', inputmode: 'decimal', autocomplete: 'off', placeholder: 'worst price' });
  const tif = select('tif', TIME_IN_FORCE, 'GTC');
  const postOnly = el('input', { type: 'checkbox', name: 'postOnly', id: 'order-post-only' });
  const expireAt = el('input', { type: 'datetime-local', name: 'expireAt', id: 'order-expire' });
  const stp = select('stp', STP_MODES, 'EXPIRE_TAKER');
  const submit = el('button', { type: 'submit', class: 'primary', id: 'order-submit', text: 'Place buy' });
  const result = el('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'order-form', autocomplete: 'off' },
    el('div', { class: 'sides' }, buyBtn, sellBtn),
    el('label', {}, 'Type', type),
    el('label', { class: 'limit-only' }, 'Price', price),
    el('label', { class: 'market-only' }, 'Protection', protection),
    el('label', {}, 'Quantity', quantity),
    el('label', { class: 'limit-only' }, 'Time in force', tif),
    el('label', { class: 'gtd-only' }, 'Expires', expireAt),
    el('label', { class: 'check limit-only' }, postOnly, 'Post-only'),
    el('label', {}, 'Self-trade', stp),
    submit, result);
  const openOrders = el('div', { class: 'sub', 'data-sub': 'orders' });
  const fills = el('div', { class: 'sub', 'data-sub': 'fills' });
  const balances = el('div', { class: 'sub', 'data-sub': 'balances' });
  const layout = el('div', { class: 'trade-layout' }, form,
    el('div', {}, el('h3', { text: 'Balances' }), balances, el('h3', { text: 'Open orders' }), openOrders, el('h3', { text: 'Fills' }), fills));

  function syncForm(): void {
    const market = type.value === 'MARKET';
    form.classList.toggle('market', market);
    form.classList.toggle('gtd', !market && tif.value === 'GTD' && !postOnly.checked);
    tif.disabled = postOnly.checked;
    if (postOnly.checked) tif.value = 'ALO';
    submit.textContent = `Place ${side.toLowerCase()}${market ? ' (market)' : ''}`;
    submit.className = `primary ${side === 'BUY' ? 'buy' : 'sell'}`;
    buyBtn.classList.toggle('active', side === 'BUY');
    sellBtn.classList.toggle('active', side === 'SELL');
  }
  buyBtn.addEventListener('click', () => { side = 'BUY'; syncForm(); });
  sellBtn.addEventListener('click', () => { side = 'SELL'; syncForm(); });
  type.addEventListener('change', syncForm);
  tif.addEventListener('change', syncForm);
  postOnly.addEventListener('change', () => {
    if (!postOnly.checked) tif.value = 'GTC';
    syncForm();
  });

  app.fillOrderForm = (s, p, q) => {
    side = s;
    type.value = 'LIMIT';
    price.value = p;
    if (q && !quantity.value) quantity.value = q;
    syncForm();
    quantity.focus();
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void place();
  });

  async function place(): Promise<void> {
    const inst = app.instrument();
    if (!inst || !app.api.session) {
      result.textContent = app.api.session ? 'Pick a market first.' : 'Sign in first.';
      result.className = 'result error';
      return;
    }
    const body: Record<string, unknown> = { symbol: inst.symbol, side, type: type.value, quantity: quantity.value.trim(), stp: stp.value };
    if (type.value === 'LIMIT') {
      body.price = price.value.trim();
      body.timeInForce = postOnly.checked ? 'ALO' : tif.value;
      if (body.timeInForce === 'GTD') {
        const ms = Date.parse(expireAt.value);
        if (!Number.isFinite(ms)) {
          result.textContent = 'GTD needs an expiry time.';
          result.className = 'result error';
          return;
        }
        body.expireAtMs = ms;
      }
    } else {
      body.protectionPrice = protection.value.trim();
      body.timeInForce = 'IOC';
    }
    submit.disabled = true;
    try {
      const r = await app.api.post<{ orderId: string; status: string; fills: { price: string; quantity: string }[] }>('/v1/orders', body);
      const filled = r.fills.length ? `, ${r.fills.length} fill${r.fills.length > 1 ? 's' : ''}` : '';
      result.textContent = `Order ${r.orderId} ${r.status.toLowerCase()}${filled}`;
      result.className = 'result ok';
      void load();
    } catch (err) {
      const e = err as ApiError;
      result.textContent = `${e.code}: ${e.message}`;
      result.className = 'result error';
    } finally {
      submit.disabled = false;
    }
  }

  async function cancel(orderId: string): Promise<void> {
    try {
      await app.api.post(`/v1/orders/${encodeURIComponent(orderId)}/cancel`, {});
      app.notify(`Cancelled order ${orderId}`);
    } catch (err) {
      app.notify(`Cancel failed: ${(err as ApiError).message}`, 'error');
    }
    void load();
  }

  async function cancelAll(): Promise<void> {
    if (!app.api.session) {
      app.notify('Sign in first.', 'error');
      return;
    }
    try {
      await app.api.post('/v1/orders/mass-cancel', {});
      app.notify('Cancelled all open orders');
    } catch (err) {
      app.notify(`Cancel all failed: ${(err as ApiError).message}`, 'error');
    }
    void load();
  }

  function pd(symbol: string): number {
    const i = app.instrument(symbol);
    return i ? decimalsOf(i.tickSize) : 2;
  }
  function qd(symbol: string): number {
    const i = app.instrument(symbol);
    return i ? decimalsOf(i.lotSize) : 0;
  }

  async function load(): Promise<void> {
    syncForm();
    if (!app.api.session) {
      panel.ready(layout);
      panel.root.dataset.state = 'signed-out';
      for (const box of [openOrders, fills, balances]) box.replaceChildren(el('div', { class: 'empty', text: 'Sign in to see your account.' }));
      return;
    }
    if (panel.state !== 'ready') panel.ready(layout);
    try {
      const [o, f, b] = await Promise.all([
        app.api.get<Order[]>('/v1/orders'),
        app.api.get<Fill[]>('/v1/fills?limit=50'),
        app.api.get<Balance[]>('/v1/balances'),
      ]);
      balances.replaceChildren(table(b, [
        { title: 'Asset', value: (r) => `#${r.assetId}` },
        { title: 'Available', num: true, value: (r) => group(r.available), cls: () => 'balance-available' },
        { title: 'Held', num: true, value: (r) => group(r.held) },
      ], 'no balances'));
      const cancelCell = (r: Order) => r.orderId;
      const ot = table(o, [
        { title: 'Market', value: (r) => r.symbol },
        { title: 'Side', value: (r) => r.side, cls: (r) => (r.side === 'BUY' ? 'up' : 'down') },
        { title: 'Price', num: true, value: (r) => fixed(r.price, pd(r.symbol)) },
        { title: 'Qty', num: true, value: (r) => fixed(r.quantity, qd(r.symbol)) },
        { title: 'Left', num: true, value: (r) => fixed(r.remaining, qd(r.symbol)) },
        { title: 'TIF', value: (r) => r.timeInForce },
        { title: '', value: cancelCell, cls: () => 'cancel-cell' },
      ], 'no open orders');
      for (const cell of ot.querySelectorAll<HTMLElement>('td.cancel-cell')) {
        const id = cell.textContent ?? '';
        const b2 = el('button', { type: 'button', class: 'link', text: 'Cancel', 'aria-label': `Cancel order ${id}` });
        b2.addEventListener('click', () => void cancel(id));
        cell.replaceChildren(b2);
      }
      openOrders.replaceChildren(ot);
      fills.replaceChildren(table(f, [
        { title: 'Time', value: (r) => timeOfDay(r.timestampNs) },
        { title: 'Market', value: (r) => r.symbol },
        { title: 'Side', value: (r) => r.side, cls: (r) => (r.side === 'BUY' ? 'up' : 'down') },
        { title: 'Price', num: true, value: (r) => fixed(r.price, pd(r.symbol)) },
        { title: 'Qty', num: true, value: (r) => fixed(r.quantity, qd(r.symbol)) },
        { title: 'Fee', num: true, value: (r) => group(String(r.fee)) },
        { title: 'Liq', value: (r) => r.liquidity.charAt(0) },
      ], 'no fills yet'));
      panel.root.dataset.state = 'ready';
    } catch (err) {
      const e = err as ApiError;
      if (e.status === 401) {
        app.sessionChanged();
        return;
      }
      panel.error(e.message, () => void load());
    }
  }

  const refresh = throttle(() => void load(), 300);
  for (const ch of ['orders', 'fills', 'balances']) app.stream.on(ch, refresh);
  app.onSession(() => {
    if (app.api.session) for (const ch of ['orders', 'fills', 'balances']) app.stream.subscribe(ch);
    void load();
  });
  return { panel, load, cancelAll };
}
