import { isRetryable, parseRetryAfter, retryDelayMs } from '../../nodes/WiseAgent/transport/retry';

const policy = {
	maxRetries: 4,
	baseDelayMs: 100,
	maxDelayMs: 1000,
	maxTotalMs: 5000,
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
