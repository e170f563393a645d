/** Tiny DOM helpers: elements, tables with right-aligned numeric columns, per-panel states. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export interface Column<T> {
  title: string;
  value: (row: T) => string;
  num?: boolean;
  cls?: (row: T) => string;
  /** A control appended to the cell after its text (e.g. a button); null for none. */
  node?: (row: T) => Node | null;
}

export function table<T>(rows: readonly T[], cols: Column<T>[], empty = 'nothing yet', onRow?: (row: T) => void): HTMLElement {
  if (rows.length === 0) return el('div', { class: 'empty', text: empty });
  const head = el('tr', {}, ...cols.map((c) => el('th', { class: c.num ? 'num' : '', text: c.title })));
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr', {}, ...cols.map((c) => el('td', { class: [c.num ? 'num' : '', c.cls?.(r) ?? ''].join(' ').trim(), text: c.value(r) },
      c.node?.(r))));
    if (onRow) {
      tr.classList.add('clickable');
      tr.addEventListener('click', () => onRow(r));
    }
    body.append(tr);
  }
  return el('table', { class: 'data' }, el('thead', {}, head), body);
}

export type PanelState = 'loading' | 'ready' | 'error' | 'unavailable' | 'signed-out';

/** A panel frame: title bar, status badge and a body that shows loading / error / unavailable states. */
export class Panel {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  private readonly badge: HTMLElement;
  readonly tools: HTMLElement;
  state: PanelState = 'loading';

  constructor(readonly id: string, readonly title: string, area: string) {
    this.badge = el('span', { class: 'badge' });
    this.tools = el('span', { class: 'tools' });
    this.body = el('div', { class: 'panel-body' });
    this.root = el('section', { class: 'panel', id: `panel-${id}`, 'data-panel': id, 'data-state': 'loading', style: `grid-area:${area}`, tabindex: '-1' },
      el('header', {}, el('h2', { text: title }), this.tools, this.badge), this.body);
    this.loading();
  }

  private set(state: PanelState, badge: string): void {
    this.state = state;
    this.root.dataset.state = state;
    this.badge.textContent = badge;
    this.badge.className = `badge ${state}`;
  }

  loading(): void {
    this.set('loading', 'loading');
    this.body.replaceChildren(el('div', { class: 'placeholder' }, el('span', { class: 'spinner' }), 'Loading…'));
  }

  ready(...content: (Node | string)[]): void {
    this.set('ready', 'live');
    this.body.replaceChildren(...content);
  }

  error(message: string, retry?: () => void): void {
    this.set('error', 'error');
    const box = el('div', { class: 'placeholder error', role: 'alert' }, el('strong', { text: 'Could not load. ' }), message);
    if (retry) {
      const b = el('button', { type: 'button', text: 'Retry' });
      b.addEventListener('click', retry);
      box.append(' ', b);
    }
    this.body.replaceChildren(box);
  }

  unavailable(route: string): void {
    this.set('unavailable', 'n/a');
    this.body.replaceChildren(el('div', { class: 'placeholder unavailable' },
      el('strong', { text: 'Not available on this node. ' }), `The node answers 404 for ${route}: this service is not deployed here.`));
  }

  signedOut(what: string): void {
    this.set('signed-out', 'sign in');
    this.body.replaceChildren(el('div', { class: 'placeholder', text: `Sign in to see ${what}.` }));
  }
}

/** A panel plus its loader, as main.ts wires them. */
export interface PanelHandle {
  panel: Panel;
  load: () => Promise<void>;
}
