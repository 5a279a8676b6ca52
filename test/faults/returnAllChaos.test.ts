import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import type { ChaosProxy } from '../helpers/chaosProxy';
import { startChaosProxy } from '../helpers/chaosProxy';

import { credentialData, runWiseAgentNode } from '../helpers/n8n';

/**
 * Contact → Get Many (getAll) with Return All: getContactsCount, then getContacts 100 per page,
 * 4 pages at a time, through a chaos proxy in front of the sandbox. Each of the 20 runs has its
 * own proxy (seed, 429 window) and token chain; they run at the same time, so the 5 s windows
 * overlap instead of adding up.
 */
const CONTACTS = 5_000;
const RUNS = 20;
const savedPolicy = { ...retryPolicy };

let sandbox: Sandbox;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	sandbox = await startSandbox({ contacts: CONTACTS, seed: 5 });
	// Short backoff for 503s and drops; 1 s allowed per wait so Retry-After: 1 is honoured as sent.
	Object.assign(retryPolicy, { baseDelayMs: 10, maxDelayMs: 1_000 });
});

afterAll(async () => {
	Object.assign(retryPolicy, savedPolicy);
	// nock's net-connect setting outlives this file in the worker: leave it as the other files do.
	nock.enableNetConnect();
	await sandbox.stop();
});

interface RunReport {
	seed: number;
	ms: number;
	items: number;
	unique: number;
	error?: string;
	proxy: ChaosProxy['stats'];
}

async function chaosRun(seed: number): Promise<RunReport> {
	const proxy = await startChaosProxy({
		upstream: sandbox.baseUrl,
		seed,
		serverErrorRate: 0.1,
		dropRate: 0.05,
		expireTokenEvery: 50,
		// Starts while pages are being fetched (the count is request 1).
		rateLimitWindow: { startsAtRequest: 4 + (seed % 10), durationMs: 5_000, retryAfterSeconds: 1 },
	});
	const issued = sandbox.issueToken();
	const startedAt = Date.now();
	try {
		const { items, error } = await runWiseAgentNode({
			runId: String(seed),
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, simplify: false },
			credentials: credentialData({
				serverUrl: proxy.url,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
				oauthTokenData: {
					access_token: issued.accessToken,
					refresh_token: issued.refreshToken,
					expires_at: issued.expiresAt,
				},
			}),
		});
		return {
			seed,
			ms: Date.now() - startedAt,
			items: items.length,
			unique: new Set(items.map((item) => item.json.ClientID)).size,
			error: error ? `${error.message} | ${error.description ?? ''}` : undefined,
			proxy: { ...proxy.stats },
		};
	} finally {
		await proxy.close();
	}
}

it(`Return All yields exactly ${CONTACTS} unique contacts in ${RUNS} of ${RUNS} runs under 503s, drops, token expiry and a 5 s 429 window`, async () => {
	const startedAt = Date.now();
	const reports = await Promise.all(
		Array.from({ length: RUNS }, (_, index) => chaosRun(index + 1)),
	);
	const wallMs = Date.now() - startedAt;

	const rows = reports.map(
		({ seed, ms, items, unique, error, proxy }) =>
			`seed ${String(seed).padStart(2)}: ${String(ms).padStart(5)} ms, ${String(proxy.dataRequests).padStart(3)} data requests ` +
			`(${proxy.forwarded} forwarded, ${proxy.serverErrors}×503, ${proxy.dropped} dropped, ${proxy.rateLimited}×429 within ` +
			`${proxy.rateLimitWindow ? proxy.rateLimitWindow.to - proxy.rateLimitWindow.from : 0} ms, ` +
			`${proxy.expiredTokens} expired → ${proxy.unauthorized}×401, ${proxy.tokenRequests} refreshes), ` +
			`${items} items, ${unique} unique${error ? `, ERROR ${error}` : ''}`,
	);
	const total = reports.reduce((sum, report) => sum + report.proxy.dataRequests, 0);
	console.log(
		[...rows, `${RUNS} concurrent runs in ${wallMs} ms wall time, ${total} data requests`].join(
			'\n',
		),
	);

	// Every run returned all contacts, each once...
	expect(reports.map(({ seed, items, unique, error }) => ({ seed, items, unique, error }))).toEqual(
		reports.map(({ seed }) => ({ seed, items: CONTACTS, unique: CONTACTS, error: undefined })),
	);
	// ...having met every kind of fault (so none of them passed by luck).
	for (const { proxy } of reports) {
		expect(proxy.rateLimited).toBeGreaterThan(0);
		expect(proxy.serverErrors + proxy.dropped).toBeGreaterThan(0);
		expect(proxy.unauthorized).toBeGreaterThan(0);
		expect(proxy.tokenRequests).toBeGreaterThan(0);
	}
}, 120_000);
