import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Documented scopes. `planner` (named by addPlannerEvent) is accepted as an alias of calendar. */
export const ALL_SCOPES = ['profile', 'team', 'marketing', 'contacts', 'properties', 'calendar'];

export interface OAuthClient {
	clientId: string;
	/** null: a public client that must use PKCE. */
	clientSecret: string | null;
	/** null: any redirect_uri is accepted (sandbox default). */
	redirectUris: string[] | null;
	name: string;
}

interface AuthorizationCode {
	code: string;
	clientId: string;
	redirectUri: string;
	scopes: string[];
	expiresMs: number;
	codeChallenge: string | null;
	used: boolean;
}

export interface AccessToken {
	token: string;
	clientId: string;
	scopes: string[];
	expiresMs: number;
	revoked: boolean;
}

export interface RefreshToken {
	token: string;
	clientId: string;
	scopes: string[];
	/** Rotated away (used once) or revoked. */
	revoked: boolean;
}

export interface IssuedToken {
	accessToken: string;
	refreshToken: string;
	expiresAt: string;
}

/** What a handler wants sent: the server turns this into an HTTP response. */
export interface HttpResult {
	status: number;
	headers?: Record<string, string>;
	body: string;
}

export interface OAuthSettings {
	tokenLifetimeSeconds: number;
	codeLifetimeSeconds: number;
	autoApprove: boolean;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
	status,
	headers: {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		...headers,
	},
	body: JSON.stringify(body),
});

/** OAuth error bodies: 400 for a bad grant/request, 401 for failed client authentication (sandbox choice). */
const oauthError = (status: number, error: string, description: string) =>
	json(status, { error, error_description: description });

const html = (status: number, body: string): HttpResult => ({
	status,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body,
});

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);

const newSecret = (bytes = 24) => randomBytes(bytes).toString('base64url');

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Normalises a scope list: space- (or comma/plus-) delimited, `planner` → `calendar`, duplicates dropped. */
export function parseScopes(text: string | undefined): { scopes: string[]; unknown: string[] } {
	const scopes: string[] = [];
	const unknown: string[] = [];
	for (const raw of (text ?? '').split(/[\s,+]+/).filter(Boolean)) {
		const scope = raw === 'planner' ? 'calendar' : raw;
		if (!ALL_SCOPES.includes(scope)) unknown.push(raw);
		else if (!scopes.includes(scope)) scopes.push(scope);
	}
	return { scopes, unknown };
}

export type AuthResult = { ok: true; token: AccessToken } | { ok: false; result: HttpResult };

export class OAuthServer {
	clients = new Map<string, OAuthClient>();
	codes = new Map<string, AuthorizationCode>();
	accessTokens = new Map<string, AccessToken>();
	refreshTokens = new Map<string, RefreshToken>();

	constructor(public settings: OAuthSettings) {}

	registerClient(input: Partial<OAuthClient> = {}): OAuthClient {
		const client: OAuthClient = {
			clientId: input.clientId ?? `client_${newSecret(9)}`,
			clientSecret: input.clientSecret === undefined ? newSecret() : input.clientSecret,
			redirectUris: input.redirectUris ?? null,
			name: input.name ?? 'Sandbox app',
		};
		this.clients.set(client.clientId, client);
		return client;
	}

	issueToken(clientId: string, scopes: string[] = ALL_SCOPES, now = Date.now()): IssuedToken {
		const access: AccessToken = {
			token: newSecret(32),
			clientId,
			scopes: [...scopes],
			expiresMs: now + this.settings.tokenLifetimeSeconds * 1000,
			revoked: false,
		};
		const refresh: RefreshToken = {
			token: newSecret(32),
			clientId,
			scopes: [...scopes],
			revoked: false,
		};
		this.accessTokens.set(access.token, access);
		this.refreshTokens.set(refresh.token, refresh);
		return {
			accessToken: access.token,
			refreshToken: refresh.token,
			expiresAt: new Date(access.expiresMs).toISOString(),
		};
	}

	/** Expires every access token now (refresh tokens keep working). */
	expireAccessTokens(now = Date.now()): void {
		for (const token of this.accessTokens.values())
			token.expiresMs = Math.min(token.expiresMs, now - 1);
	}

	/** Checks `Authorization: Bearer <token>` on a data API request. */
	authenticate(header: string | undefined, now = Date.now()): AuthResult {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
		if (!m) {
			return { ok: false, result: oauthError(401, 'invalid_request', 'No access token provided.') };
		}
		const token = this.accessTokens.get(m[1]);
		if (!token)
			return { ok: false, result: oauthError(401, 'invalid_grant', 'Access token is invalid.') };
		if (token.revoked || token.expiresMs <= now) {
			// Documented body for an expired token; revoked tokens answer the same way.
			return { ok: false, result: oauthError(401, 'invalid_grant', 'The token has expired') };
		}
		return { ok: true, token };
	}

	/** GET /WiseAuth/auth: consent page (or an immediate redirect with autoApprove). */
	authorize(query: URLSearchParams, now = Date.now()): HttpResult {
		const problem = this.checkAuthorizeRequest(query);
		if (typeof problem === 'string') return html(400, errorPage(problem));
		const { client, redirectUri, scopes } = problem;
		const state = query.get('state');
		if (query.get('response_type') !== 'code') {
			return redirect(redirectUri, { error: 'unsupported_response_type', state });
		}
		if (problem.unknown.length || !scopes.length) {
			return redirect(redirectUri, {
				error: 'invalid_scope',
				error_description: `Unknown or missing scope: ${problem.unknown.join(' ')}`,
				state,
			});
		}
		const method = query.get('code_challenge_method');
		const challenge = query.get('code_challenge');
		if (challenge && method !== 'S256') {
			return redirect(redirectUri, {
				error: 'invalid_request',
				error_description: 'code_challenge_method must be S256',
				state,
			});
		}
		if (this.settings.autoApprove) return this.approve(query, scopes, now);
		return html(200, consentPage(client, query, scopes));
	}

	/** POST /WiseAuth/auth: the consent form's Approve / Deny. */
	decide(form: URLSearchParams, now = Date.now()): HttpResult {
		const problem = this.checkAuthorizeRequest(form);
		if (typeof problem === 'string') return html(400, errorPage(problem));
		if (form.get('decision') !== 'approve') {
			return redirect(problem.redirectUri, { error: 'access_denied', state: form.get('state') });
		}
		// Scopes can be approved individually; only those requested count.
		const approved = form
			.getAll('scope')
			.flatMap((s) => parseScopes(s).scopes)
			.filter((s) => problem.scopes.includes(s));
		if (!approved.length)
			return redirect(problem.redirectUri, { error: 'access_denied', state: form.get('state') });
		return this.approve(form, approved, now);
	}

	private checkAuthorizeRequest(
		query: URLSearchParams,
	): string | { client: OAuthClient; redirectUri: string; scopes: string[]; unknown: string[] } {
		const client = this.clients.get(query.get('client_id') ?? '');
		if (!client) return 'Unknown client_id.';
		const redirectUri = query.get('redirect_uri') ?? '';
		try {
			new URL(redirectUri);
		} catch {
			return 'redirect_uri is missing or not an absolute URL.';
		}
		if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
			return 'redirect_uri is not registered for this client.';
		}
		const requested = query.get('requested_scope') ?? query.get('scope') ?? '';
		return { client, redirectUri, ...parseScopes(requested) };
	}

	private approve(query: URLSearchParams, scopes: string[], now: number): HttpResult {
		const code: AuthorizationCode = {
			code: newSecret(24),
			clientId: query.get('client_id')!,
			redirectUri: query.get('redirect_uri')!,
			scopes,
			expiresMs: now + this.settings.codeLifetimeSeconds * 1000,
			codeChallenge: query.get('code_challenge') || null,
			used: false,
		};
		this.codes.set(code.code, code);
		return redirect(code.redirectUri, {
			code: code.code,
			expires_at: new Date(code.expiresMs).toISOString(),
			scope: scopes.join(' '),
			state: query.get('state'),
		});
	}

	/** POST /WiseAuth/token, JSON (documented) or form-urlencoded (what OAuth libraries send). */
	token(
		params: Record<string, string>,
		authorization: string | undefined,
		now = Date.now(),
	): HttpResult {
		let clientId = params.client_id;
		let clientSecret = params.client_secret;
		const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0)
				return oauthError(401, 'invalid_client', 'Malformed Basic authorization header.');
			clientId = decodeURIComponent(decoded.slice(0, colon));
			clientSecret = decodeURIComponent(decoded.slice(colon + 1));
		}
		const client = clientId ? this.clients.get(clientId) : undefined;
		if (clientId && !client) return oauthError(401, 'invalid_client', 'Unknown client_id.');
		if (
			client &&
			clientSecret &&
			(!client.clientSecret || !safeEqual(client.clientSecret, clientSecret))
		) {
			return oauthError(401, 'invalid_client', 'Client authentication failed.');
		}
		const secretOk = Boolean(client && clientSecret);

		if (params.grant_type === 'authorization_code') {
			const code = this.codes.get(params.code ?? '');
			if (!code) return oauthError(400, 'invalid_grant', 'The authorization code is invalid.');
			if (!client) return oauthError(401, 'invalid_client', 'client_id is required.');
			if (code.clientId !== client.clientId)
				return oauthError(
					400,
					'invalid_grant',
					'The authorization code was issued to another client.',
				);
			if (code.used)
				return oauthError(400, 'invalid_grant', 'The authorization code has already been used.');
			if (code.expiresMs <= now)
				return oauthError(400, 'invalid_grant', 'The authorization code has expired.');
			if (params.redirect_uri && params.redirect_uri !== code.redirectUri) {
				return oauthError(
					400,
					'invalid_grant',
					'redirect_uri does not match the authorization request.',
				);
			}
			if (code.codeChallenge) {
				const verifier = params.code_verifier ?? '';
				const computed = createHash('sha256').update(verifier).digest('base64url');
				if (!verifier || !safeEqual(computed, code.codeChallenge)) {
					return oauthError(
						400,
						'invalid_grant',
						'code_verifier does not match the code_challenge.',
					);
				}
			} else if (!secretOk) {
				return oauthError(401, 'invalid_client', 'client_secret is required (or use PKCE).');
			}
			code.used = true;
			return this.tokenResponse(this.issueToken(client.clientId, code.scopes, now));
		}

		if (params.grant_type === 'refresh_token') {
			const refresh = this.refreshTokens.get(params.refresh_token ?? '');
			if (!refresh || refresh.revoked)
				return oauthError(
					400,
					'invalid_grant',
					'The refresh token is invalid or has been revoked.',
				);
			if (client && client.clientId !== refresh.clientId) {
				return oauthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
			}
			// Rotation: the old refresh token is spent.
			refresh.revoked = true;
			return this.tokenResponse(this.issueToken(refresh.clientId, refresh.scopes, now));
		}
		return oauthError(
			400,
			'unsupported_grant_type',
			`grant_type '${params.grant_type ?? ''}' is not supported.`,
		);
	}

	private tokenResponse(issued: IssuedToken): HttpResult {
		// Exactly the documented fields: an absolute expires_at, no expires_in.
		return json(200, {
			access_token: issued.accessToken,
			refresh_token: issued.refreshToken,
			expires_at: issued.expiresAt,
		});
	}

	/** POST /WiseAuth/revoke: access tokens stop at once, refresh tokens stop refreshing. RFC 7009: 200 even if unknown. */
	revoke(params: Record<string, string>): HttpResult {
		const token = params.token ?? '';
		if (!token) return oauthError(400, 'invalid_request', 'token is required.');
		const hint = params.token_type_hint;
		const access = this.accessTokens.get(token);
		const refresh = this.refreshTokens.get(token);
		if (access && hint !== 'refresh_token') access.revoked = true;
		else if (refresh) refresh.revoked = true;
		else if (access) access.revoked = true;
		return json(200, {});
	}

	toJSON(): Record<string, unknown> {
		return {
			clients: [...this.clients.values()],
			accessTokens: [...this.accessTokens.values()],
			refreshTokens: [...this.refreshTokens.values()],
		};
	}

	load(json: {
		clients?: OAuthClient[];
		accessTokens?: AccessToken[];
		refreshTokens?: RefreshToken[];
	}): void {
		for (const c of json.clients ?? []) this.clients.set(c.clientId, c);
		for (const t of json.accessTokens ?? []) this.accessTokens.set(t.token, t);
		for (const t of json.refreshTokens ?? []) this.refreshTokens.set(t.token, t);
	}
}

function redirect(target: string, params: Record<string, string | null | undefined>): HttpResult {
	const url = new URL(target);
	for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
	return {
		status: 302,
		headers: { Location: url.toString(), 'Content-Type': 'text/plain; charset=utf-8' },
		body: `Redirecting to ${url}`,
	};
}

function errorPage(message: string): string {
	return `<!doctype html><html><head><title>Wise Agent sandbox - authorization error</title></head><body><h1>Authorization error</h1><p id="error">${escapeHtml(message)}</p></body></html>`;
}

function consentPage(client: OAuthClient, query: URLSearchParams, scopes: string[]): string {
	const hidden = [
		'client_id',
		'redirect_uri',
		'response_type',
		'state',
		'code_challenge',
		'code_challenge_method',
	]
		.filter((name) => query.get(name))
		.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name)!)}">`)
		.join('');
	const boxes = scopes
		.map((s) => `<label><input type="checkbox" name="scope" value="${s}" checked> ${s}</label><br>`)
		.join('');
	return `<!doctype html><html><head><title>Wise Agent sandbox - authorize ${escapeHtml(client.name)}</title></head><body>
<h1>Authorize ${escapeHtml(client.name)}</h1>
<p>${escapeHtml(client.name)} wants to access your Wise Agent sandbox account.</p>
<form method="post" action="/WiseAuth/auth">${hidden}<input type="hidden" name="requested_scope" value="${escapeHtml(scopes.join(' '))}">
${boxes}
<button type="submit" id="approve" name="decision" value="approve">Approve</button>
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
</form></body></html>`;
}
