/**
 * When and how long to wait before sending a request again. Wise Agent documents no rate limit
 * and no retry policy, so we assume the usual: 429 and 502/503/504 are passing, and so are
 * dropped connections. Reads (GET) are retried on all of them; a write is retried only when
 * the failure proves the API did not act on it (429 = rejected before processing, connection
 * refused = never arrived), so a contact or note is never created twice.
 *
 * Two budgets: being told to slow down (429, or 503 with Retry-After) is waited out for up to
 * `rateLimitMaxWaitMs`, however many answers that takes, because the server said when to come
 * back; every other transient failure gets at most `maxRetries` retries with backoff and jitter.
 */

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff step; doubled on each retry, with full jitter. */
	baseDelayMs: number;
	/** Longest single wait, also the cap applied to Retry-After. */
	maxDelayMs: number;
	/** Retries of other transient failures stop once this much time (rate-limit waits excluded) was spent on one request. */
	maxTotalMs: number;
	/** Total time one request may spend waiting out rate limits (429, 503 with Retry-After). */
	rateLimitMaxWaitMs: number;
	/** Per-attempt timeout. */
	timeoutMs: number;
}

export const retryPolicy: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalMs: 90_000,
	rateLimitMaxWaitMs: 300_000,
	timeoutMs: 60_000,
};

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
/** Failures that prove the server never processed the request. */
const NOT_PROCESSED_STATUSES = new Set([429]);
const NOT_PROCESSED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

export interface FailureFacts {
	status?: number;
	code?: string;
	retryAfter?: string;
}

export function isRetryable(failure: FailureFacts, method: string): boolean {
	const isRead = method.toUpperCase() === 'GET';
	if (failure.status !== undefined) {
		return isRead
			? TRANSIENT_STATUSES.has(failure.status)
			: NOT_PROCESSED_STATUSES.has(failure.status);
	}
	if (failure.code !== undefined) {
		return isRead
			? TRANSIENT_NETWORK_CODES.has(failure.code)
			: NOT_PROCESSED_CODES.has(failure.code);
	}
	return false;
}

/** The server asked us to slow down: 429, or 503 with a Retry-After it will be back by. */
export function isRateLimited(failure: FailureFacts): boolean {
	if (failure.status === 429) return true;
	return failure.status === 503 && parseRetryAfter(failure.retryAfter) !== undefined;
}

/**
 * Milliseconds to wait after the `count`-th (1-based) rate-limit answer to one request: the
 * server's Retry-After when it names a wait, otherwise growing backoff with jitter (so a
 * missing or zero Retry-After cannot make a tight loop of requests).
 */
export function rateLimitDelayMs(
	count: number,
	retryAfter: string | undefined,
	policy: RetryPolicy,
): number {
	const fromHeader = parseRetryAfter(retryAfter);
	if (fromHeader !== undefined && fromHeader > 0) return Math.min(fromHeader, policy.maxDelayMs);
	return retryDelayMs(count, undefined, policy);
}

/** Milliseconds to wait before retry number `retry` (1-based). */
export function retryDelayMs(
	retry: number,
	retryAfter: string | undefined,
	policy: RetryPolicy,
): number {
	const fromHeader = parseRetryAfter(retryAfter);
	if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxDelayMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * One back-off shared by the concurrent requests of one execution: when one of them is told to
 * slow down, the gate closes until the moment the server named, and every request waits for
 * that same moment before sending (instead of each one hitting the limit on its own).
 */
export class BackoffGate {
	private openAt = 0;

	/** Keeps the gate closed for at least `ms` from now (a later moment already set stays). */
	closeFor(ms: number): void {
		this.openAt = Math.max(this.openAt, Date.now() + ms);
	}

	/** Milliseconds until the gate opens; 0 when it is open. */
	remainingMs(): number {
		return Math.max(0, this.openAt - Date.now());
	}
}

/**
 * Gates by n8n context object. n8n-core builds one context per node run (an ExecuteContext for
 * execute(), a HookContext/PollContext/LoadOptionsContext for the others) and passes that same
 * object as `this` to everything that run does: the router, each operation and the parallel page
 * fetches all call the transport with it. Keyed on that object the gate is shared exactly by the
 * requests of one run, and dies with it (WeakMap). Not keyed on getExecutionId(): that is
 * undefined outside workflow executions (dropdowns, webhook registration), which would tie
 * unrelated calls of the whole instance to one gate.
 */
const gates = new WeakMap<object, BackoffGate>();

export function backoffGateFor(context: object): BackoffGate {
	let gate = gates.get(context);
	if (!gate) {
		gate = new BackoffGate();
		gates.set(context, gate);
	}
	return gate;
}
