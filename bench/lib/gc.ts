/**
 * An equal starting point for every measured run: n8n is started with `--inspect=127.0.0.1:0`
 * (NODE_OPTIONS; the inspector only listens, on a random local port), and before each run the
 * benchmark asks it for a full garbage collection (`HeapProfiler.collectGarbage`, V8's low-memory
 * GC that also hands freed pages back), so the idle RSS the run's growth is measured from does not
 * depend on what the previous run left behind. The request is sent by a one-line script run with
 * the runtime's Node 24 (global WebSocket), so this needs no dependency. BENCH_FORCE_GC=0 turns it off.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const SCRIPT = `
const ws = new WebSocket(process.argv[1]);
const done = (code) => { try { ws.close(); } catch {} process.exit(code); };
setTimeout(() => done(3), 20000);
ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
ws.onmessage = (event) => { const m = JSON.parse(String(event.data)); if (m.id === 1) done(m.error ? 2 : 0); };
ws.onerror = () => done(4);
`;

export const INSPECT_NODE_OPTIONS = '--inspect=127.0.0.1:0';

export class ForcedGc {
	private constructor(
		private readonly node: string,
		readonly url: string,
	) {}

	/** Finds the inspector URL n8n printed ("Debugger listening on ws://..."), bounded wait. */
	static async attach(
		node: string,
		logFile: string,
		timeoutMs = 10_000,
	): Promise<ForcedGc | undefined> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (existsSync(logFile)) {
				const urls = [
					...readFileSync(logFile, 'utf8').matchAll(
						/Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/g,
					),
				];
				if (urls.length > 0) return new ForcedGc(node, urls[urls.length - 1][1]);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		return undefined;
	}

	collect(): Promise<boolean> {
		return new Promise((resolve) => {
			execFile(this.node, ['-e', SCRIPT, this.url], { timeout: 25_000 }, (error) =>
				resolve(!error),
			);
		});
	}
}
