import {
	BackoffGate,
	backoffGateFor,
	isRateLimited,
	isRetryable,
	parseRetryAfter,
	rateLimitDelayMs,
	retryDelayMs,
} from '../../nodes/WiseAgent/transport/retry';

const policy = {
	maxRetries: 4,
	baseDelayMs: 100,
	maxDelayMs: 1000,
	maxTotalMs: 5000,
	rateLimitMaxWaitMs: 10_000,
	timeoutMs: 1000,
};

describe('isRetryable', () => {
	it.each([429, 502, 503, 504])('retries a GET on HTTP %i', (status) => {
		expect(isRetryable({ status }, 'GET')).toBe(true);
	});

	it.each([400, 401, 403, 404, 500])('does not retry a GET on HTTP %i', (status) => {
		expect(isRetryable({ status }, 'GET')).toBe(false);
	});

	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNABORTED'])(
		'retries a GET on %s',
		(code) => {
			expect(isRetryable({ code }, 'GET')).toBe(true);
		},
	);

	it('retries a write only when the API provably did not act on it', () => {
		expect(isRetryable({ status: 429 }, 'POST')).toBe(true);
		expect(isRetryable({ code: 'ECONNREFUSED' }, 'PUT')).toBe(true);
		expect(isRetryable({ status: 503 }, 'POST')).toBe(false);
		expect(isRetryable({ status: 502 }, 'DELETE')).toBe(false);
		expect(isRetryable({ code: 'ECONNRESET' }, 'POST')).toBe(false);
		expect(isRetryable({ code: 'ETIMEDOUT' }, 'POST')).toBe(false);
	});
});

describe('retryDelayMs', () => {
	it('honours Retry-After seconds, capped', () => {
		expect(retryDelayMs(1, '0', policy)).toBe(0);
		expect(retryDelayMs(1, '0.5', policy)).toBe(500);
		expect(retryDelayMs(1, '120', policy)).toBe(1000);
	});

	it('grows exponentially with jitter between half and the full step', () => {
		for (let retry = 1; retry <= 5; retry++) {
			const step = Math.min(1000, 100 * 2 ** (retry - 1));
			const delay = retryDelayMs(retry, undefined, policy);
			expect(delay).toBeGreaterThanOrEqual(step / 2);
			expect(delay).toBeLessThanOrEqual(step);
		}
	});
});

describe('parseRetryAfter', () => {
	it('reads an HTTP date', () => {
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		const delay = parseRetryAfter(inTwoSeconds)!;
		expect(delay).toBeGreaterThan(0);
		expect(delay).toBeLessThanOrEqual(2000);
	});

	it('ignores garbage', () => {
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('isRateLimited', () => {
	it('is 429 with or without Retry-After, and 503 only with a readable Retry-After', () => {
		expect(isRateLimited({ status: 429 })).toBe(true);
		expect(isRateLimited({ status: 429, retryAfter: '3' })).toBe(true);
		expect(isRateLimited({ status: 503, retryAfter: '3' })).toBe(true);
		expect(isRateLimited({ status: 503 })).toBe(false);
		expect(isRateLimited({ status: 503, retryAfter: 'soon' })).toBe(false);
		expect(isRateLimited({ status: 502, retryAfter: '3' })).toBe(false);
		expect(isRateLimited({ code: 'ECONNRESET' })).toBe(false);
	});
});

describe('rateLimitDelayMs', () => {
	it('waits what Retry-After says, capped at the longest single wait', () => {
		expect(rateLimitDelayMs(1, '0.25', policy)).toBe(250);
		expect(rateLimitDelayMs(7, '0.25', policy)).toBe(250);
		expect(rateLimitDelayMs(1, '120', policy)).toBe(1000);
	});

	it('backs off with jitter when Retry-After is missing or zero, so 429s never loop tightly', () => {
		for (const retryAfter of [undefined, '0']) {
			expect(rateLimitDelayMs(1, retryAfter, policy)).toBeGreaterThanOrEqual(50);
			expect(rateLimitDelayMs(4, retryAfter, policy)).toBeGreaterThanOrEqual(400);
		}
	});
});

describe('BackoffGate', () => {
	it('stays closed until the latest moment any request was told', () => {
		const gate = new BackoffGate();
		expect(gate.remainingMs()).toBe(0);
		gate.closeFor(1000);
		gate.closeFor(200);
		expect(gate.remainingMs()).toBeGreaterThan(900);
		gate.closeFor(5000);
		expect(gate.remainingMs()).toBeGreaterThan(4900);
	});

	it('is one gate per n8n context object', () => {
		const run = {};
		expect(backoffGateFor(run)).toBe(backoffGateFor(run));
		expect(backoffGateFor(run)).not.toBe(backoffGateFor({}));
	});
});
