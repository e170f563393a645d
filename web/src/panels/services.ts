import { TRUST_ROUTES } from './trust';

/** The trust-layer panels and the routes each reads (the browser test checks each is live or "not available"). */
export interface ServiceSpec {
  id: string;
  title: string;
  routes: string[];
}

export const SERVICES: ServiceSpec[] = [
  { id: 'escrow', title: 'Escrow', routes: [TRUST_ROUTES.escrows, TRUST_ROUTES.activity] },
  { id: 'pipeline', title: 'Pipeline', routes: [TRUST_ROUTES.runs] },
  { id: 'verification', title: 'Verification', routes: [TRUST_ROUTES.evidence] },
  { id: 'reputation', title: 'Reputation', routes: [TRUST_ROUTES.sellers, TRUST_ROUTES.attestors] },
  { id: 'rpc', title: 'RPC Nodes', routes: [TRUST_ROUTES.rpc] },
];

/** Paths (no query) a node without the service answers 404 for; the matching panel shows "not available". */
export const OPTIONAL_PATHS: string[] = [
  ...SERVICES.flatMap((s) => s.routes.map((r) => r.split('?')[0])),
  '/v1/analytics/summary',
];
