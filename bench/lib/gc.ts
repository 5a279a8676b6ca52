/**
 * An equal starting point for every measured run: n8n is started with `--inspect=127.0.0.1:0`
 * (NODE_OPTIONS; the inspector only listens, on a random local port), and before each run the
 * benchmark asks it for a full garbage collection (`HeapProfiler.collectGarbage`, V8's low-memory
 * GC that also hands freed pages back), so the idle RSS the run's growth is measured from does not
 * depend on what the previous run left behind. The request is sent by a one-line script run with
 * the runtime's Node 24 (global WebSocket), so this needs no dependency. BENCH_FORCE_GC=0 turns it off.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const SCRIPT = `
const ws = new WebSocket(process.argv[1]);
const done = (code) => { try { ws.close(); } catch {} process.exit(code); };
setTimeout(() => done(3), 20000);
ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
ws.onmessage = (event) => { const m = JSON.parse(String(event.data)); if (m.id === 1) done(m.error ? 2 : 0); };
ws.onerror = () => done(4);
`;

// Starts V8's sampling profiler, prints "started", and on any stdin input writes the profile to argv[2].
const PROFILE_SCRIPT = `
const [url, out] = process.argv.slice(1);
const ws = new WebSocket(url);
const pending = new Map();
let id = 0;
const send = (method, params) => new Promise((resolve) => { pending.set(++id, resolve); ws.send(JSON.stringify({ id, method, params })); });
setTimeout(() => process.exit(3), 1800000);
ws.onmessage = (event) => { const m = JSON.parse(String(event.data)); pending.get(m.id)?.(m); pending.delete(m.id); };
ws.onerror = () => process.exit(4);
ws.onopen = async () => {
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 500 });
	await send('Profiler.start');
	process.stdout.write('started\\n');
	process.stdin.once('data', async () => {
		const m = await send('Profiler.stop');
		require('node:fs').writeFileSync(out, JSON.stringify(m.result.profile));
		process.exit(0);
	});
};
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

	/**
	 * Starts a CPU profile of n8n's main process; the returned stop() writes it (a `.cpuprofile`
	 * that Chrome DevTools opens) to `file`. For finding where a scenario spends n8n's CPU
	 * (BENCH_CPU_PROFILE_DIR), not for the measured figures: sampling costs a little CPU itself.
	 */
	async profile(file: string): Promise<() => Promise<boolean>> {
		const child = spawn(this.node, ['-e', PROFILE_SCRIPT, this.url, file], {
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		const exited = new Promise<boolean>((resolve) =>
			child.on('exit', (code) => resolve(code === 0)),
		);
		const started = await Promise.race([
			new Promise<boolean>((resolve) => child.stdout.once('data', () => resolve(true))),
			exited.then(() => false),
		]);
		return async () => {
			if (!started) return false;
			child.stdin.write('stop\n');
			return exited;
		};
	}
}
