import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A seeded chaos proxy on 127.0.0.1 in front of a Wise Agent sandbox. On the data API it answers
 * some requests itself (503, a dropped connection, a window of 429s) and forwards the rest; every
 * `expireTokenEvery`-th data request (faulted or not) first has its access token revoked at the
 * sandbox, so the sandbox itself answers it the way it answers an expired token (401
 * invalid_grant "The token has expired") and n8n refreshes it through the token URL (also
 * proxied, never faulted: a lost answer there would burn the rotating refresh token for good).
 *
 * The 503/drop decision for a request is a function of the seed, the request (method and URL, so
 * page and page size) and how many times that request arrived before, not of arrival order: the
 * same seed gives every page the same fate however the parallel fetches interleave.
 */
export interface ChaosOptions {
	/** The sandbox's base URL. */
	upstream: string;
	seed: number;
	/** Share of data requests answered 503 (no Retry-After). */
	serverErrorRate: number;
	/** Share of data requests whose connection is destroyed without an answer. */
	dropRate: number;
	/** The access token of every n-th data request is expired at the sandbox before it is handled. */
	expireTokenEvery: number;
	/** From the `startsAtRequest`-th data request on, every data request gets 429 for `durationMs`. */
	rateLimitWindow: { startsAtRequest: number; durationMs: number; retryAfterSeconds: number };
}

export interface ChaosStats {
	/** Data API requests received (all of them, faulted or not). */
	dataRequests: number;
	forwarded: number;
	serverErrors: number;
	dropped: number;
	rateLimited: number;
	/** Access tokens revoked at the sandbox (expiries). */
	expiredTokens: number;
	/** 401 answers from the sandbox that were passed on. */
	unauthorized: number;
	/** Token URL requests (refreshes) forwarded. */
	tokenRequests: number;
	/** Milliseconds from the proxy's start to the first and past the last 429 of the window. */
	rateLimitWindow?: { from: number; to: number };
}

export interface ChaosProxy {
	url: string;
	stats: ChaosStats;
	close(): Promise<void>;
}

const DATA_PATH = '/http/webconnect.asp';

/** A number in [0, 1) from the seed and a text: FNV-1a, then a murmur-style finaliser. */
export function seededChance(seed: number, text: string): number {
	let hash = 0x811c9dc5 ^ seed;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	hash ^= hash >>> 16;
	return (hash >>> 0) / 2 ** 32;
}

export async function startChaosProxy(options: ChaosOptions): Promise<ChaosProxy> {
	const stats: ChaosStats = {
		dataRequests: 0,
		forwarded: 0,
		serverErrors: 0,
		dropped: 0,
		rateLimited: 0,
		expiredTokens: 0,
		unauthorized: 0,
		tokenRequests: 0,
	};
	const upstream = new URL(options.upstream);
	const agent = new http.Agent({ keepAlive: true });
	const arrivals = new Map<string, number>();
	const startedAt = Date.now();
	let windowStart: number | undefined;

	const inRateLimitWindow = (now: number) => {
		const window = options.rateLimitWindow;
		if (windowStart === undefined && stats.dataRequests >= window.startsAtRequest) {
			windowStart = now;
		}
		return windowStart !== undefined && now < windowStart + window.durationMs;
	};

	const revoke = (token: string) =>
		new Promise<void>((resolve, reject) => {
			const body = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
			const request = http.request(
				{
					host: upstream.hostname,
					port: upstream.port,
					path: '/WiseAuth/revoke',
					method: 'POST',
					agent,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				},
				(response) => {
					response.resume();
					response.on('end', () =>
						response.statusCode === 200 ? resolve() : reject(new Error('revoke failed')),
					);
				},
			);
			request.on('error', reject);
			request.end(body);
		});

	const forward = (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		onStatus?: (s: number) => void,
	) => {
		const headers = { ...req.headers, host: upstream.host };
		delete headers.connection;
		const request = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				path: req.url,
				method: req.method,
				headers,
				agent,
			},
			(response) => {
				onStatus?.(response.statusCode ?? 0);
				res.writeHead(response.statusCode ?? 502, response.headers);
				response.pipe(res);
			},
		);
		request.on('error', () => res.socket?.destroy());
		req.pipe(request);
	};

	const handleData = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const now = Date.now();
		if (inRateLimitWindow(now)) {
			stats.rateLimited++;
			const from = now - startedAt;
			stats.rateLimitWindow = { from: stats.rateLimitWindow?.from ?? from, to: from };
			req.resume();
			res.writeHead(429, {
				'Content-Type': 'application/json',
				'Retry-After': String(options.rateLimitWindow.retryAfterSeconds),
			});
			res.end(JSON.stringify({ error: 'Too Many Requests' }));
			return;
		}
		const key = `${req.method} ${req.url}`;
		const arrival = (arrivals.get(key) ?? 0) + 1;
		arrivals.set(key, arrival);
		const chance = seededChance(options.seed, `${key}#${arrival}`);
		if (chance < options.serverErrorRate) {
			stats.serverErrors++;
			req.resume();
			res.writeHead(503, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: 'Service Unavailable' }));
			return;
		}
		if (chance < options.serverErrorRate + options.dropRate) {
			stats.dropped++;
			req.socket.destroy();
			return;
		}
		stats.forwarded++;
		forward(req, res, (status) => {
			if (status === 401) stats.unauthorized++;
		});
	};

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname !== DATA_PATH) {
			if (url.pathname === '/WiseAuth/token') stats.tokenRequests++;
			forward(req, res);
			return;
		}
		stats.dataRequests++;
		const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
		if (token === undefined || stats.dataRequests % options.expireTokenEvery !== 0) {
			handleData(req, res);
			return;
		}
		stats.expiredTokens++;
		req.pause();
		revoke(token).then(
			() => handleData(req, res),
			() => res.socket?.destroy(),
		);
	});
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		stats,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			agent.destroy();
		},
	};
}
