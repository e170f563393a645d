import './style.css';
import { ApiError } from './api';
import { App, Instrument } from './app';
import { el, PanelHandle } from './dom';
import { Palette, PaletteItem } from './palette';
import { analyticsPanel } from './panels/analytics';
import { bookPanel } from './panels/book';
import { execLogPanel } from './panels/execlog';
import { marketplacePanel } from './panels/marketplace';
import { escrowPanel, pipelinePanel, reputationPanel, rpcPanel, verificationPanel } from './panels/trust';
import { tradePanel } from './panels/trade';
import { parsePrivateKey } from './wallet';

/** How long after a trade message the REST-backed panels fetch again (the read models trail the stream). */
const PROJECTION_CATCH_UP_MS = 1_500;
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/ws`;
const app = new App('', wsUrl);

// Header: brand, market, connection, session.
const marketButton = el('button', { type: 'button', class: 'market-button', id: 'market-button', title: 'Search markets (Ctrl-K)', text: 'Select market' });
const conn = el('span', { class: 'conn', id: 'conn', text: 'connecting' });
const who = el('span', { class: 'who', id: 'who' });
const signInButton = el('button', { type: 'button', id: 'sign-in-button', text: 'Sign in' });
const signOutButton = el('button', { type: 'button', id: 'sign-out-button', class: 'link', text: 'Sign out', hidden: '' });
const kbd = el('button', { type: 'button', class: 'kbd', title: 'Command palette', text: '⌘K / Ctrl-K' });
const toast = el('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: '' });
const header = el('header', { class: 'top' },
  el('span', { class: 'brand', text: 'TOKENTA' }), marketButton, kbd, el('span', { class: 'grow' }), conn, who, signInButton, signOutButton);

// Sign-in: key id + secret exchanged for a session; the secret leaves memory after the request.
const keyInput = el('input', { name: 'keyId', id: 'sign-in-key', autocomplete: 'off', spellcheck: 'false', required: '' });
const secretInput = el('input', { name: 'secret', id: 'sign-in-secret', type: 'password', autocomplete: 'off', required: '' });
const signInError = el('div', { class: 'result error', role: 'alert' });
const signInForm = el('form', { class: 'sign-in', id: 'sign-in-form' },
  el('h2', { text: 'Sign in with an API key' }),
  el('p', { class: 'muted', text: 'The key signs one request (HMAC) for a short session; the secret is not stored.' }),
  el('label', {}, 'Key id', keyInput), el('label', {}, 'Secret', secretInput), signInError,
  el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary', text: 'Sign in' }), el('button', { type: 'button', class: 'link', id: 'sign-in-cancel', text: 'Cancel' })));
// Or a dev wallet's private key: the browser derives the address and signs one EIP-712 request; the key
// lives in this handler's memory for that request only (never in any storage).
const walletKeyInput = el('input', { name: 'privateKey', id: 'sign-in-wallet-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: '' });
const walletError = el('div', { class: 'result error', role: 'alert' });
const walletForm = el('form', { class: 'sign-in', id: 'sign-in-wallet-form' },
  el('h2', { text: 'Sign in with a wallet key' }),
  el('p', { class: 'muted', text: 'DEV ONLY keys (devchains.json): the key signs one request (EIP-712) for a short session and is not stored.' }),
  el('label', {}, 'Private key', walletKeyInput), walletError,
  el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary', text: 'Sign in with wallet' }), el('button', { type: 'button', class: 'link', id: 'sign-in-wallet-cancel', text: 'Cancel' })));
const signInDialog = el('div', { class: 'modal-backdrop', hidden: '' }, el('div', { class: 'sign-in-choices' }, signInForm, walletForm));

const market = marketplacePanel(app);
const book = bookPanel(app);
const trade = tradePanel(app);
const analytics = analyticsPanel(app);
const execLog = execLogPanel(app);
let escrowMarket: (escrowId: string) => string | undefined = () => undefined;
const pipeline = pipelinePanel(app, (escrowId) => escrowMarket(escrowId));
const escrow = escrowPanel(app, pipeline.runsFor);
escrowMarket = escrow.marketOf;
pipeline.onChange(() => escrow.render()); // the Sigs column follows the runs
const services: PanelHandle[] = [escrow, pipeline, verificationPanel(app), reputationPanel(app), rpcPanel(app)];
const handles: PanelHandle[] = [market, book, trade, analytics, execLog, ...services];
const grid = el('main', { class: 'grid' }, ...handles.map((h) => h.panel.root));
document.body.append(header, grid, signInDialog, toast);
for (const h of handles) app.panels.set(h.panel.title, h.panel.root);

let toastTimer: number | undefined;
app.notify = (text, kind = 'ok') => {
  toast.textContent = text;
  toast.className = `toast ${kind}`;
  toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (toast.hidden = true), 4_000);
};

function showSession(): void {
  const s = app.api.session;
  who.textContent = s ? `account ${s.accountId} · ${s.scopes.join(',')}` : '';
  signInButton.hidden = !!s;
  signOutButton.hidden = !s;
}

function openSignIn(): void {
  signInError.textContent = '';
  walletError.textContent = '';
  signInDialog.hidden = false;
  keyInput.focus();
}
function closeSignIn(): void {
  signInDialog.hidden = true;
  secretInput.value = '';
  walletKeyInput.value = '';
}
signInButton.addEventListener('click', openSignIn);
signInForm.querySelector('#sign-in-cancel')!.addEventListener('click', closeSignIn);
walletForm.querySelector('#sign-in-wallet-cancel')!.addEventListener('click', closeSignIn);
walletForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = walletKeyInput.value;
  walletKeyInput.value = '';
  let key: Uint8Array | null = null;
  try {
    key = parsePrivateKey(text);
    await app.api.signInWithWallet(key);
    closeSignIn();
    showSession();
    app.sessionChanged();
    app.notify(`Signed in with a wallet as account ${app.api.session?.accountId}`);
  } catch (err) {
    const x = err as ApiError;
    walletError.textContent = x.code ? `${x.code}: ${x.message}` : x.message;
  } finally {
    key?.fill(0); // the key's bytes do not outlive the request
  }
});
signInForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const keyId = keyInput.value.trim();
  const secret = secretInput.value;
  secretInput.value = '';
  try {
    await app.api.signIn(keyId, secret);
    closeSignIn();
    showSession();
    app.sessionChanged();
    app.notify(`Signed in as account ${app.api.session?.accountId}`);
  } catch (err) {
    const x = err as ApiError;
    signInError.textContent = `${x.code}: ${x.message}`;
  }
});
signOutButton.addEventListener('click', () => {
  app.api.signOut();
  for (const ch of ['orders', 'fills', 'balances']) app.stream.unsubscribe(ch);
  showSession();
  app.sessionChanged();
});

app.onSession(showSession); // also when a 401 ends the session

// Command palette.
function focusPanel(root: HTMLElement): void {
  root.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  root.focus({ preventScroll: true });
  root.classList.add('flash');
  window.setTimeout(() => root.classList.remove('flash'), 800);
}
app.actions = [
  { name: 'Cancel all orders', hint: 'mass-cancel every open order of this account', run: () => trade.cancelAll() },
  { name: 'Resync order book', hint: 'fresh snapshot of the book channel', run: () => void book.load() },
  { name: 'Reload all panels', hint: 'fetch every panel again', run: () => void Promise.all(handles.map((h) => h.load())) },
  { name: 'Sign in', hint: 'exchange an API key for a session', run: openSignIn },
  { name: 'Sign out', hint: 'forget the session token', run: () => signOutButton.click() },
];
const palette = new Palette((): PaletteItem[] => [
  ...app.instruments.map((i) => ({ kind: 'market' as const, label: i.symbol, hint: i.class.replace(/_/g, ' '), run: () => app.selectMarket(i.symbol) })),
  ...[...app.panels.entries()].map(([title, root]) => ({ kind: 'panel' as const, label: title, hint: 'jump to panel', run: () => focusPanel(root) })),
  ...app.actions.map((a) => ({ kind: 'action' as const, label: a.name, hint: a.hint, run: a.run })),
]);
marketButton.addEventListener('click', () => palette.open());
kbd.addEventListener('click', () => palette.open());

// Live wiring.
app.stream.onState((s, reconnect) => {
  conn.textContent = s === 'open' ? 'live' : s;
  conn.className = `conn ${s}`;
  if (s === 'open' && reconnect) {
    // Whatever the stream carried while it was down: fetch again (the book resyncs from its snapshot),
    // and again once the read models have projected what happened just before the reconnect.
    for (const delayMs of [0, PROJECTION_CATCH_UP_MS, 4 * PROJECTION_CATCH_UP_MS]) {
      window.setTimeout(() => {
        market.refresh();
        analytics.refresh();
        void trade.load();
      }, delayMs);
    }
  }
});
app.onMarket(() => {
  marketButton.textContent = app.symbol ?? 'Select market';
  void book.load();
  void analytics.load();
});
let tradeSubscriptions: string[] = [];
function subscribeTrades(list: Instrument[]): void {
  for (const ch of tradeSubscriptions) app.stream.unsubscribe(ch);
  tradeSubscriptions = list.slice(0, 32).map((i) => `trades.${i.symbol}`);
  for (const ch of tradeSubscriptions) {
    app.stream.on(ch, (m) => {
      // now, and once more when the read models have projected the trade (they trail the stream a little)
      const mine = m.channel === `trades.${app.symbol}`;
      market.refresh();
      if (mine) analytics.refresh();
      window.setTimeout(() => {
        market.refresh();
        if (mine) analytics.refresh();
      }, PROJECTION_CATCH_UP_MS);
    });
    app.stream.subscribe(ch);
  }
}

async function boot(): Promise<void> {
  app.api.restore();
  showSession();
  app.stream.setToken(app.api.session?.token ?? null);
  app.stream.start();
  try {
    app.instruments = await app.api.get<Instrument[]>('/v1/instruments');
  } catch (err) {
    market.panel.error((err as ApiError).message, () => void boot());
    return;
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = app.instruments.find((i) => i.symbol === wanted) ?? app.instruments[0];
  subscribeTrades(app.instruments);
  void market.load();
  void execLog.load();
  void trade.load();
  for (const s of services) void s.load();
  if (app.api.session) for (const ch of ['orders', 'fills', 'balances']) app.stream.subscribe(ch);
  if (first) app.selectMarket(first.symbol);
  else {
    book.panel.ready(el('div', { class: 'empty', text: 'No markets on this node.' }));
    analytics.panel.ready(el('div', { class: 'empty', text: 'No markets on this node.' }));
  }
}
void boot();
