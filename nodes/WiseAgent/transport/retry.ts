/**
 * When and how long to wait before sending a request again. Wise Agent documents no rate limit
 * and no retry policy, so we assume the usual: 429 and 502/503/504 are passing, and so are
 * dropped connections. Reads (GET) are retried on all of them; a write is retried only when
 * the failure proves the API did not act on it (429 = rejected before processing, connection
 * refused = never arrived), so a contact or note is never created twice.
 */

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff step; doubled on each retry, with full jitter. */
	baseDelayMs: number;
	/** Longest single wait, also the cap applied to Retry-After. */
	maxDelayMs: number;
	/** Retries stop once this much time has been spent on one request. */
	maxTotalMs: number;
	/** Per-attempt timeout. */
	timeoutMs: number;
}

export const retryPolicy: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalMs: 90_000,
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
