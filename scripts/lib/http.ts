/** Tiny HTTP helpers (global fetch of Node >= 18). Only ever used against 127.0.0.1. */

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitForHttpOptions {
	timeoutMs?: number;
	intervalMs?: number;
	/** accept this response? default: any 2xx */
	accept?: (status: number, body: string) => boolean;
	/** abort early (e.g. the server process died): return a reason to stop waiting */
	abortIf?: () => string | undefined;
	/** called every ~10 s while waiting (progress output) */
	onWait?: (elapsedMs: number) => void;
}

/** Polls `url` until it answers as accepted; throws on timeout or when `abortIf` returns a reason. */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
	const timeoutMs = options.timeoutMs ?? 120_000;
	const intervalMs = options.intervalMs ?? 500;
	const accept = options.accept ?? ((status: number) => status >= 200 && status < 300);
	const started = Date.now();
	let lastProgress = started;
	let lastProblem = 'no answer yet';
	for (;;) {
		const abortReason = options.abortIf?.();
		if (abortReason) throw new Error(`gave up waiting for ${url}: ${abortReason}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
			const body = await response.text();
			if (accept(response.status, body)) return;
			lastProblem = `HTTP ${response.status}`;
		} catch (error) {
			lastProblem = (error as Error).message;
		}
		const now = Date.now();
		if (now - started > timeoutMs) {
			throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${url} (${lastProblem})`);
		}
		if (options.onWait && now - lastProgress >= 10_000) {
			lastProgress = now;
			options.onWait(now - started);
		}
		await sleep(intervalMs);
	}
}

/** GET a JSON document (throws with the body on a non-2xx answer). */
export async function getJson<T>(url: string, timeoutMs = 10_000): Promise<T> {
	const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
	const text = await response.text();
	if (!response.ok) throw new Error(`GET ${url} -> HTTP ${response.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text) as T;
}
