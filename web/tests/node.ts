import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A key from the node's credentials file. */
export interface Credential { keyId: string; secret: string }

export interface RunningNode {
  port: number;
  base: string;
  credentials: Record<string, Credential>;
  pid: number;
  log: () => string;
  stop: () => Promise<void>;
}

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const START_TIMEOUT_MS = 120_000;
/** With chains `up` also starts three anvil chains, deploys, and waits for the dev buyers' deposits to be final. */
const START_WITH_CHAINS_TIMEOUT_MS = 240_000;

export interface NodeOptions {
  /** Start the local dev chains and settlement (default: no chains, the quick start). */
  chains?: boolean;
  /** With chains: the deals' timelock, i.e. how long their buyer may dispute (`up --escrow-timelock-s`). */
  escrowTimelockS?: number;
}

/** A free loopback port (bind 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Parses `port N` and `role keyId secret` lines. */
export function parseCredentials(text: string): { port: number; credentials: Record<string, Credential> } {
  let port = 0;
  const credentials: Record<string, Credential> = {};
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === 'port' && parts.length === 2) port = Number(parts[1]);
    else if (parts.length === 3) credentials[parts[0]] = { keyId: parts[1], secret: parts[2] };
  }
  return { port, credentials };
}

/**
 * Starts a node the way a user does — `./tokenta up` (without the dev chains unless asked), on free ports — serving
 * the built terminal (web/dist) on `port` with its data in `dataDir`, and waits for its credentials
 * (`port N` then `role keyId secret` lines in `<dataDir>/dev-credentials`) and its health route.
 */
export async function startNode(dataDir: string, port: number, options: NodeOptions = {}): Promise<RunningNode> {
  const jar = join(REPO, 'app', 'target', 'tokenta.jar');
  if (!existsSync(jar)) throw new Error(`${jar} missing: build first (./tokenta build)`);
  const credentialsFile = join(dataDir, 'dev-credentials');
  const child: ChildProcess = spawn(join(REPO, 'tokenta'), [
    'up', '--data-dir', dataDir, '--http-port', String(port), '--port-base', '0', ...(options.chains ? [] : ['--no-chains']),
    ...(options.escrowTimelockS === undefined ? [] : ['--escrow-timelock-s', String(options.escrowTimelockS)]),
    '--idle', 'low-cpu',
  ], {
    cwd: REPO,
    env: {
      ...process.env,
      TOKENTA_WEB_ROOT: join(REPO, 'web', 'dist'),
      TOKENTA_JAVA_OPTS: '-Xmx512m',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const timeoutMs = options.chains ? START_WITH_CHAINS_TIMEOUT_MS : START_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}:\n${output}`);
    if (existsSync(credentialsFile)) {
      const parsed = parseCredentials(readFileSync(credentialsFile, 'utf8'));
      if (parsed.port > 0 && parsed.credentials.buyer && parsed.credentials.seller) {
        const base = `http://127.0.0.1:${parsed.port}`;
        try {
          const res = await fetch(`${base}/v1/health`);
          if (res.ok) return { port: parsed.port, base, credentials: parsed.credentials, pid: child.pid!, log: () => output, stop };
        } catch {
          // not serving yet
        }
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`node did not serve within ${timeoutMs} ms:\n${output}`);
}
