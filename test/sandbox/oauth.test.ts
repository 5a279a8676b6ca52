import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../sandbox';
import { api, readResponse, withSandbox } from './helpers';

let sandbox: Sandbox;
const REDIRECT = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
	({ sandbox } = await withSandbox({ autoApprove: true }));
});
afterAll(() => sandbox.stop());

function authorizeUrl(params: Record<string, string>): string {
	const q = new URLSearchParams({
		client_id: sandbox.clientId,
		redirect_uri: REDIRECT,
		response_type: 'code',
		scope: 'contacts profile',
		state: 'xyz',
		...params,
	});
	return `${sandbox.baseUrl}/WiseAuth/auth?${q}`;
}

/** Runs consent (auto-approved) and returns the redirect's query. */
async function consent(params: Record<string, string> = {}): Promise<URLSearchParams> {
	const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
	expect(res.status).toBe(302);
	return new URL(res.headers.get('location')!).searchParams;
}

async function token(
	body: Record<string, string>,
	opts: { form?: boolean; basic?: [string, string] } = {},
) {
	const headers: Record<string, string> = {};
	if (opts.basic)
		headers.Authorization = `Basic ${Buffer.from(`${opts.basic[0]}:${opts.basic[1]}`).toString('base64')}`;
	let payload: string;
	if (opts.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		payload = new URLSearchParams(body).toString();
	} else {
		headers['Content-Type'] = 'application/json';
		payload = JSON.stringify(body);
	}
	return readResponse(
		await fetch(`${sandbox.baseUrl}/WiseAuth/token`, { method: 'POST', headers, body: payload }),
	);
}

async function revoke(value: string, hint: string) {
	return fetch(`${sandbox.baseUrl}/WiseAuth/revoke`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ token: value, token_type_hint: hint }).toString(),
	});
}

describe('consent', () => {
	it('redirects with code, expires_at, scope and state', async () => {
		const before = Date.now();
		const q = await consent();
		expect(q.get('code')).toBeTruthy();
		expect(q.get('state')).toBe('xyz');
		expect(q.get('scope')).toBe('contacts profile');
		const expires = Date.parse(q.get('expires_at')!);
		expect(q.get('expires_at')).toMatch(/Z$/);
		expect(expires - before).toBeGreaterThan(9 * 60 * 1000);
		expect(expires - before).toBeLessThanOrEqual(10 * 60 * 1000 + 5000);
	});

	it('shows a consent page with approve/deny when not auto-approving, and per-scope approval', async () => {
		sandbox.oauth.settings.autoApprove = false;
		try {
			const page = await fetch(authorizeUrl({ scope: 'contacts team' }), { redirect: 'manual' });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('id="approve"');
			expect(html).toContain('id="deny"');
			const form = new URLSearchParams({
				client_id: sandbox.clientId,
				redirect_uri: REDIRECT,
				response_type: 'code',
				state: 's1',
				requested_scope: 'contacts team',
				decision: 'approve',
			});
			form.append('scope', 'team');
			const approved = await fetch(`${sandbox.baseUrl}/WiseAuth/auth`, {
				method: 'POST',
				body: form,
				redirect: 'manual',
			});
			expect(approved.status).toBe(302);
			const q = new URL(approved.headers.get('location')!).searchParams;
			expect(q.get('scope')).toBe('team');
			expect(q.get('state')).toBe('s1');
			form.set('decision', 'deny');
			const denied = await fetch(`${sandbox.baseUrl}/WiseAuth/auth`, {
				method: 'POST',
				body: form,
				redirect: 'manual',
			});
			expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe(
				'access_denied',
			);
		} finally {
			sandbox.oauth.settings.autoApprove = true;
		}
	});

	it('shows an error page for an unknown client or an unregistered redirect_uri', async () => {
		const unknown = await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' });
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('Unknown client_id');
		const client = sandbox.registerClient({
			clientId: 'strict',
			clientSecret: 's',
			redirectUris: ['http://127.0.0.1:9/ok'],
		});
		const bad = await fetch(authorizeUrl({ client_id: client.clientId }), { redirect: 'manual' });
		expect(bad.status).toBe(400);
		const good = await fetch(
			authorizeUrl({ client_id: client.clientId, redirect_uri: 'http://127.0.0.1:9/ok' }),
			{ redirect: 'manual' },
		);
		expect(good.status).toBe(302);
	});
});

describe('token exchange', () => {
	it('exchanges a code with the secret in a JSON body; the response has exactly the documented fields', async () => {
		const code = (await consent()).get('code')!;
		const res = await token({
			client_id: sandbox.clientId,
			client_secret: sandbox.clientSecret,
			code,
			grant_type: 'authorization_code',
		});
		expect(res.status).toBe(200);
		expect(Object.keys(res.json).sort()).toEqual(['access_token', 'expires_at', 'refresh_token']);
		expect(res.json.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		const user = await api(sandbox, res.json.access_token, 'GET', 'getUser');
		expect(user.status).toBe(200);
	});

	it('exchanges with Basic client authentication and a form body', async () => {
		const code = (await consent()).get('code')!;
		const res = await token(
			{ code, grant_type: 'authorization_code', redirect_uri: REDIRECT },
			{ form: true, basic: [sandbox.clientId, sandbox.clientSecret] },
		);
		expect(res.status).toBe(200);
		expect(res.json.access_token).toBeTruthy();
	});

	it('rejects a wrong secret and a missing secret without PKCE', async () => {
		const code = (await consent()).get('code')!;
		const wrong = await token({
			client_id: sandbox.clientId,
			client_secret: 'wrong',
			code,
			grant_type: 'authorization_code',
		});
		expect(wrong.status).toBe(401);
		expect(wrong.json.error).toBe('invalid_client');
		const missing = await token({
			client_id: sandbox.clientId,
			code,
			grant_type: 'authorization_code',
		});
		expect(missing.status).toBe(401);
		// The code was not burnt by failed client authentication.
		const ok = await token({
			client_id: sandbox.clientId,
			client_secret: sandbox.clientSecret,
			code,
			grant_type: 'authorization_code',
		});
		expect(ok.status).toBe(200);
	});

	it('supports PKCE (S256) for a public client without a secret', async () => {
		const client = sandbox.registerClient({ clientId: 'public-app', clientSecret: null });
		const verifier = randomBytes(32).toString('base64url');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const code = (
			await consent({
				client_id: client.clientId,
				code_challenge: challenge,
				code_challenge_method: 'S256',
			})
		).get('code')!;
		const bad = await token(
			{
				client_id: client.clientId,
				code,
				code_verifier: 'x'.repeat(43),
				grant_type: 'authorization_code',
			},
			{ form: true },
		);
		expect(bad.status).toBe(400);
		expect(bad.json.error).toBe('invalid_grant');
		const good = await token(
			{
				client_id: client.clientId,
				code,
				code_verifier: verifier,
				grant_type: 'authorization_code',
			},
			{ form: true },
		);
		expect(good.status).toBe(200);
		// Public clients cannot skip PKCE.
		const plain = (await consent({ client_id: client.clientId })).get('code')!;
		expect(
			(await token({ client_id: client.clientId, code: plain, grant_type: 'authorization_code' }))
				.status,
		).toBe(401);
	});

	it('codes are single-use', async () => {
		const code = (await consent()).get('code')!;
		const body = {
			client_id: sandbox.clientId,
			client_secret: sandbox.clientSecret,
			code,
			grant_type: 'authorization_code',
		};
		expect((await token(body)).status).toBe(200);
		const again = await token(body);
		expect(again.status).toBe(400);
		expect(again.json.error).toBe('invalid_grant');
	});

	it('codes expire', async () => {
		const code = (await consent()).get('code')!;
		// Age the code instead of waiting.
		for (const c of sandbox.oauth.codes.values()) if (c.code === code) c.expiresMs = Date.now() - 1;
		const res = await token({
			client_id: sandbox.clientId,
			client_secret: sandbox.clientSecret,
			code,
			grant_type: 'authorization_code',
		});
		expect(res.status).toBe(400);
		expect(res.json.error_description).toMatch(/expired/);
	});

	it('rejects unsupported grant types', async () => {
		const res = await token({ grant_type: 'password' });
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('unsupported_grant_type');
	});
});

describe('access tokens, refresh, revoke', () => {
	it('refreshes with rotation (old refresh token becomes invalid), JSON and form', async () => {
		const issued = sandbox.issueToken();
		const first = await token({ grant_type: 'refresh_token', refresh_token: issued.refreshToken });
		expect(first.status).toBe(200);
		expect(Object.keys(first.json).sort()).toEqual(['access_token', 'expires_at', 'refresh_token']);
		expect(first.json.refresh_token).not.toBe(issued.refreshToken);
		const reuse = await token({ grant_type: 'refresh_token', refresh_token: issued.refreshToken });
		expect(reuse.status).toBe(400);
		expect(reuse.json.error).toBe('invalid_grant');
		const second = await token(
			{ grant_type: 'refresh_token', refresh_token: first.json.refresh_token },
			{ form: true },
		);
		expect(second.status).toBe(200);
	});

	it('an expired access token gets the documented 401 body; refresh restores access', async () => {
		const issued = sandbox.issueToken();
		expect((await api(sandbox, issued.accessToken, 'GET', 'getUser')).status).toBe(200);
		sandbox.expireAccessTokens();
		const res = await api(sandbox, issued.accessToken, 'GET', 'getUser');
		expect(res.status).toBe(401);
		expect(res.json).toEqual({
			error: 'invalid_grant',
			error_description: 'The token has expired',
		});
		const refreshed = await token({
			grant_type: 'refresh_token',
			refresh_token: issued.refreshToken,
		});
		expect((await api(sandbox, refreshed.json.access_token, 'GET', 'getUser')).status).toBe(200);
	});

	it('honours the configured token lifetime', async () => {
		const { sandbox: short } = await withSandbox({ tokenLifetimeSeconds: 1, contacts: 1 });
		try {
			const issued = short.issueToken();
			expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(1000);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await api(short, issued.accessToken, 'GET', 'getUser')).status).toBe(401);
		} finally {
			await short.stop();
		}
	});

	it('revoking an access token cuts access at once', async () => {
		const issued = sandbox.issueToken();
		expect((await revoke(issued.accessToken, 'access_token')).status).toBe(200);
		const res = await api(sandbox, issued.accessToken, 'GET', 'getUser');
		expect(res.status).toBe(401);
		expect(res.json.error).toBe('invalid_grant');
		// The refresh token still works.
		expect(
			(await token({ grant_type: 'refresh_token', refresh_token: issued.refreshToken })).status,
		).toBe(200);
	});

	it('revoking a refresh token stops refreshes but not the current access token', async () => {
		const issued = sandbox.issueToken();
		expect((await revoke(issued.refreshToken, 'refresh_token')).status).toBe(200);
		expect((await api(sandbox, issued.accessToken, 'GET', 'getUser')).status).toBe(200);
		expect(
			(await token({ grant_type: 'refresh_token', refresh_token: issued.refreshToken })).status,
		).toBe(400);
	});

	it('rejects requests without a bearer token or with an unknown one', async () => {
		const none = await api(sandbox, null, 'GET', 'getUser');
		expect(none.status).toBe(401);
		expect(none.json.error).toBe('invalid_request');
		const unknown = await api(sandbox, 'not-a-token', 'GET', 'getUser');
		expect(unknown.status).toBe(401);
	});

	it('enforces scopes per request type (403 JSON)', async () => {
		const contactsOnly = sandbox.issueToken(['contacts']).accessToken;
		expect((await api(sandbox, contactsOnly, 'GET', 'getContacts', { page: 1 })).status).toBe(200);
		const denied = await api(sandbox, contactsOnly, 'GET', 'getUser');
		expect(denied.status).toBe(403);
		expect(denied.json.error).toBe('insufficient_scope');
		expect((await api(sandbox, contactsOnly, 'GET', 'tasks')).status).toBe(403);
		expect((await api(sandbox, contactsOnly, 'GET', 'getProperties')).status).toBe(403);
		// attachFile: marketing OR contacts; addPropertyConnection: properties AND contacts.
		expect(
			(
				await api(sandbox, contactsOnly, 'POST', 'attachFile', {
					url: 'https://example.com/a.pdf',
					ClientID: 1000,
				})
			).status,
		).toBe(200);
		expect(
			(
				await api(sandbox, contactsOnly, 'POST', 'addPropertyConnection', {
					PropertyID: 1,
					ClientID: 1000,
				})
			).status,
		).toBe(403);
		// Task delete is documented under requestType webhooks and needs 'team', webhook delete needs 'profile'.
		expect((await api(sandbox, contactsOnly, 'DELETE', 'webhooks', { TaskID: 11500 })).status).toBe(
			403,
		);
		const teamOnly = sandbox.issueToken(['team']).accessToken;
		expect((await api(sandbox, teamOnly, 'DELETE', 'webhooks', { TaskID: 11500 })).json).toEqual({
			success: true,
			TaskID: 11500,
		});
		// planner = calendar
		const planner = (await consent({ scope: 'planner' })).get('scope');
		expect(planner).toBe('calendar');
	});
});
