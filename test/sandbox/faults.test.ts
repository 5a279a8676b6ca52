import type { Sandbox } from '../../sandbox';
import { api, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox({ contacts: 30 }));
});
afterAll(() => sandbox.stop());
beforeEach(() => {
	sandbox.faults.clear();
	sandbox.resetCounters();
	token = sandbox.issueToken().accessToken;
});

describe('fault injection', () => {
	it('429 with Retry-After for the next N matching requests only', async () => {
		sandbox.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: 2,
			requestType: 'getContacts',
			count: 2,
		});
		const first = await api(sandbox, token, 'GET', 'getContacts', { page: 1 });
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('2');
		// Other request types are not affected.
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(200);
		expect((await api(sandbox, token, 'GET', 'getContacts', { page: 1 })).status).toBe(429);
		expect((await api(sandbox, token, 'GET', 'getContacts', { page: 1 })).status).toBe(200);
		expect(sandbox.faults.list()).toHaveLength(0);
	});

	it.each([500, 502, 503, 504])('status %i with a custom body', async (status) => {
		sandbox.faults.add({ kind: 'status', status, count: 1, body: '<html>gateway</html>' });
		const res = await api(sandbox, token, 'GET', 'getUser');
		expect(res.status).toBe(status);
		expect(res.text).toBe('<html>gateway</html>');
	});

	it('every Nth matching request only (every: 10 -> a tenth of them)', async () => {
		sandbox.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: 0,
			every: 10,
			requestType: 'getUser',
		});
		const statuses: number[] = [];
		for (let i = 0; i < 30; i++)
			statuses.push((await api(sandbox, token, 'GET', 'getUser')).status);
		expect(statuses.map((status, i) => (status === 429 ? i : -1)).filter((i) => i >= 0)).toEqual([
			9, 19, 29,
		]);
		expect(() => sandbox.faults.add({ kind: 'status', status: 429, every: 0 })).toThrow(/every/);
	});

	it('method filter', async () => {
		sandbox.faults.add({ kind: 'status', status: 503, method: 'POST' });
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(200);
		expect((await api(sandbox, token, 'POST', 'addCategories', { categories: 'x' })).status).toBe(
			503,
		);
	});

	it('dropped connections: the socket closes without a response', async () => {
		sandbox.faults.add({ kind: 'drop', count: 1 });
		await expect(api(sandbox, token, 'GET', 'getUser')).rejects.toThrow();
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(200);
	});

	it('fixed and random latency', async () => {
		sandbox.faults.add({ kind: 'latency', latencyMs: 200, count: 1 });
		let started = Date.now();
		await api(sandbox, token, 'GET', 'getUser');
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		sandbox.faults.add({ kind: 'latency', minMs: 100, maxMs: 150, count: 1 });
		started = Date.now();
		await api(sandbox, token, 'GET', 'getUser');
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
	});

	it('token expiry after N requests', async () => {
		sandbox.faults.add({ kind: 'expireToken', afterRequests: 3 });
		for (let i = 0; i < 3; i++)
			expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(200);
		const res = await api(sandbox, token, 'GET', 'getUser');
		expect(res.status).toBe(401);
		expect(res.json).toEqual({
			error: 'invalid_grant',
			error_description: 'The token has expired',
		});
		// One-shot: a new token keeps working.
		const fresh = sandbox.issueToken().accessToken;
		for (let i = 0; i < 4; i++)
			expect((await api(sandbox, fresh, 'GET', 'getUser')).status).toBe(200);
	});

	it('faults on the OAuth token endpoint', async () => {
		sandbox.faults.add({ kind: 'status', status: 503, target: 'oauth', count: 1 });
		const body = JSON.stringify({
			grant_type: 'refresh_token',
			refresh_token: sandbox.issueToken().refreshToken,
		});
		const post = () =>
			fetch(`${sandbox.baseUrl}/WiseAuth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body,
			});
		expect((await post()).status).toBe(503);
		expect((await post()).status).toBe(200);
	});

	it('admin endpoints: add, list and delete faults over HTTP; invalid faults are 400', async () => {
		const added = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: 'status', status: 502 }),
		});
		const { ids }: any = await added.json();
		expect(ids).toHaveLength(1);
		expect(
			((await (await fetch(`${sandbox.baseUrl}/__sandbox/faults`)).json()) as any).faults[0].id,
		).toBe(ids[0]);
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(502);
		await fetch(`${sandbox.baseUrl}/__sandbox/faults/${ids[0]}`, { method: 'DELETE' });
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(200);
		const bad = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: 'status', status: 200 }),
		});
		expect(bad.status).toBe(400);
	});

	it('stringWrappedJson as a limited fault', async () => {
		sandbox.faults.add({ kind: 'stringWrappedJson', requestType: 'getPrograms', count: 1 });
		const wrapped = await api(sandbox, token, 'GET', 'getPrograms');
		expect(typeof wrapped.json).toBe('string');
		expect(Array.isArray(JSON.parse(wrapped.json))).toBe(true);
		expect(Array.isArray((await api(sandbox, token, 'GET', 'getPrograms')).json)).toBe(true);
	});
});

describe('counters', () => {
	it('counts requests by request type and by method + request type, including failed attempts', async () => {
		sandbox.faults.add({ kind: 'status', status: 429, count: 1 });
		for (let page = 1; page <= 7; page++)
			await api(sandbox, token, 'GET', 'getContacts', { page, page_size: 5 });
		await api(sandbox, token, 'POST', 'updateContact', { clientID: 1000, CFirst: 'C' });
		await api(sandbox, null, 'GET', 'getUser');
		const counters = sandbox.counters();
		expect(counters.total).toBe(9);
		expect(counters.byRequestType).toEqual({ getContacts: 7, updateContact: 1, getUser: 1 });
		expect(counters.byKey['GET getContacts']).toBe(7);
		expect(counters.byKey['POST updateContact']).toBe(1);
		const viaHttp = await (await fetch(`${sandbox.baseUrl}/__sandbox/counters`)).json();
		expect(viaHttp).toEqual(counters);
		await fetch(`${sandbox.baseUrl}/__sandbox/counters`, { method: 'DELETE' });
		expect(sandbox.counters()).toEqual({ total: 0, byRequestType: {}, byKey: {} });
	});

	it('admin requests are not counted; OAuth requests are counted by path', async () => {
		await fetch(`${sandbox.baseUrl}/__sandbox/info`);
		await fetch(`${sandbox.baseUrl}/WiseAuth/token`, {
			method: 'POST',
			body: '{}',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(sandbox.counters()).toEqual({
			total: 1,
			byRequestType: {},
			byKey: { 'POST /WiseAuth/token': 1 },
		});
	});
});

describe('admin endpoints', () => {
	it('info returns a ready token with all scopes', async () => {
		const info: any = await (await fetch(`${sandbox.baseUrl}/__sandbox/info`)).json();
		expect(Object.keys(info).sort()).toEqual([
			'accessToken',
			'baseUrl',
			'clientId',
			'clientSecret',
			'expiresAt',
			'refreshToken',
			'scopes',
		]);
		expect(info.baseUrl).toBe(sandbox.baseUrl);
		expect(info.scopes).toEqual([
			'profile',
			'team',
			'marketing',
			'contacts',
			'properties',
			'calendar',
		]);
		expect(
			(
				await api(sandbox, info.accessToken, 'GET', 'getCalendar', {
					startDate: '2024-05-01 00:00',
					endDate: '2024-06-30 00:00',
				})
			).json.length,
		).toBeGreaterThan(0);
	});

	it('expire-tokens, clients, state, reset', async () => {
		await fetch(`${sandbox.baseUrl}/__sandbox/expire-tokens`, { method: 'POST' });
		expect((await api(sandbox, token, 'GET', 'getUser')).status).toBe(401);
		const client = await (
			await fetch(`${sandbox.baseUrl}/__sandbox/clients`, {
				method: 'POST',
				body: JSON.stringify({ clientId: 'pkce-app', clientSecret: null }),
			})
		).json();
		expect(client).toMatchObject({ clientId: 'pkce-app', clientSecret: null });
		const state: any = await (await fetch(`${sandbox.baseUrl}/__sandbox/state`)).json();
		expect(state.contacts).toHaveLength(sandbox.store.data.contacts.size);
		const reset = await fetch(`${sandbox.baseUrl}/__sandbox/reset`, {
			method: 'POST',
			body: JSON.stringify({ seed: 2, contacts: 5 }),
		});
		expect(((await reset.json()) as any).contacts).toBe(5);
		expect(sandbox.store.data.contacts.size).toBe(5);
	});
});
