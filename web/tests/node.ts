import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
const START_TIMEOUT_MS = 60_000;

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

/** A JDK ≥ 21: JAVA_HOME, else the newest under /usr/lib/jvm (the default `java` here is 17). */
export function javaBinary(): string {
  const candidates: string[] = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm').sort().reverse()) candidates.push(join('/usr/lib/jvm', d));
  }
  for (const home of candidates) {
    const release = join(home, 'release');
    const java = join(home, 'bin', 'java');
    if (!existsSync(release) || !existsSync(java)) continue;
    const m = /JAVA_VERSION="(\d+)/.exec(readFileSync(release, 'utf8'));
    if (m && Number(m[1]) >= 21) return java;
  }
  throw new Error('no JDK >= 21 found (set JAVA_HOME)');
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
 * Starts a node serving the built terminal (web/dist) on `port` with its data in `dataDir`, and
 * waits for its credentials (`port N` then `role keyId secret` lines in `<dataDir>/dev-credentials`).
 * Today the node is the gateway on the in-process exchange (GatewayDemo, from app/target); the one
 * place to change when `./tokenta up --data-dir … --http-port …` writes the same file.
 */
export async function startNode(dataDir: string, port: number): Promise<RunningNode> {
  const classes = join(REPO, 'app', 'target', 'classes');
  if (!existsSync(classes)) throw new Error(`${classes} missing: build first (mvn -B -q -pl app -am package -DskipTests)`);
  const credentialsFile = join(dataDir, 'dev-credentials');
  const child: ChildProcess = spawn(javaBinary(), [
    '--add-opens', 'java.base/jdk.internal.misc=ALL-UNNAMED',
    '-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
    '-cp', `${classes}:${join(REPO, 'app', 'target', 'lib')}/*`,
    'space.tokenta.gateway.demo.GatewayDemo', credentialsFile,
  ], {
    cwd: dataDir,
    env: { ...process.env, TOKENTA_HTTP_PORT: String(port), TOKENTA_WEB_ROOT: join(REPO, 'web', 'dist') },
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
  const deadline = Date.now() + START_TIMEOUT_MS;
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
  throw new Error(`node did not serve within ${START_TIMEOUT_MS} ms:\n${output}`);
}
