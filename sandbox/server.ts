import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRegistry, type FaultSpec, validateFault } from './faults';
import {
	type DeleteReading,
	type RequestContext,
	type Route,
	type WebhookEvent,
	DELETE_READINGS,
	Params,
} from './handlers/common';
import { buildRouteTable } from './handlers/index';
import { ALL_SCOPES, type IssuedToken, OAuthServer, type OAuthClient } from './oauth';
import { generateSeedData } from './seed';
import { applySimulatedChange, type SimulatedChange } from './simulate';
import { Store } from './store';
import { checkStrict } from './strict';
import { type WebhookDelivery, WebhookDispatcher } from './webhooks';

export const DATA_PATH = '/http/webconnect.asp';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Only loopback: the sandbox never listens on other interfaces. */
	host?: '127.0.0.1';
	seed?: number;
	contacts?: number;
	/** Added to every data API request. */
	latencyMs?: number;
	autoApprove?: boolean;
	tokenLifetimeSeconds?: number;
	codeLifetimeSeconds?: number;
	stateFile?: string;
	clientId?: string;
	clientSecret?: string;
	/** Allow-list for the default client; omitted = any redirect_uri (sandbox choice). */
	redirectUris?: string[];
	/** Quirk: send bodies the docs print in quotes as a JSON string containing JSON. */
	stringWrappedJson?: boolean;
	webhookTimeoutMs?: number;
	/**
	 * Accept only the parameter names (case-sensitive) and value spellings the docs print for each request
	 * type; anything else is refused with an HTTP 200 error naming the parameter (see sandbox/strict.ts).
	 * Default false.
	 */
	strict?: boolean;
	/**
	 * How `DELETE requestType=webhooks` + `TaskID` / `CallId` is read: `asPrinted` (default, it deletes;
	 * `DELETE tasks` / `DELETE calls` do not exist) or `resource` (`DELETE tasks` / `DELETE calls` delete,
	 * the webhooks form is acknowledged and deletes nothing).
	 */
	deleteReading?: DeleteReading;
	/**
	 * Shifts the sandbox's own clock: every time the data API writes (DateUpdatedUTC, DtUpdated,
	 * DateAddedUTC, task / note / property / call dates, webhook EventCreated) or compares (the
	 * `dtupdated` / `DateUpdatedUTC` filters hold stored times) is `Date.now() + clockOffsetMs`.
	 * Negative = the sandbox runs behind the host. Default 0. OAuth token lifetimes and the delivery
	 * log's queuedAt / startedAt / finishedAt stay on the host clock.
	 */
	clockOffsetMs?: number;
}

export interface SandboxSettings {
	latencyMs: number;
	stringWrappedJson: boolean;
	strict: boolean;
	deleteReading: DeleteReading;
	/** See SandboxOptions.clockOffsetMs; takes effect on the next request. */
	clockOffsetMs: number;
}

export interface Counters {
	total: number;
	byRequestType: Record<string, number>;
	/** 'GET getContacts', 'POST /WiseAuth/token', ... */
	byKey: Record<string, number>;
}

const DEFAULTS = {
	seed: 1,
	contacts: 50,
	tokenLifetimeSeconds: 3600,
	codeLifetimeSeconds: 600,
	clientId: 'sandbox-client-id',
	clientSecret: 'sandbox-client-secret',
};

const MAX_BODY = 25 * 1024 * 1024;

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new HttpError(413, 'Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

const isJson = (req: http.IncomingMessage) =>
	/application\/json/i.test(req.headers['content-type'] ?? '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A number, or a string holding one (`"-300000"`); not booleans, null or blanks. */
const isFiniteNumber = (v: unknown): boolean =>
	(typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) &&
	Number.isFinite(Number(v));

function sendJson(
	res: http.ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export class Sandbox {
	baseUrl = '';
	port = 0;
	readonly clientId: string;
	readonly clientSecret: string;
	readonly store: Store;
	readonly oauth: OAuthServer;
	readonly faultRegistry = new FaultRegistry();
	readonly webhooks: WebhookDispatcher;
	/** Runtime settings, changeable here or through POST /__sandbox/settings. */
	readonly settings: SandboxSettings;
	readonly faults: {
		add(fault: FaultSpec): string;
		remove(id: string): boolean;
		clear(): void;
		list(): ReturnType<FaultRegistry['list']>;
	};

	private readonly server: http.Server;
	private readonly routes = buildRouteTable();
	private counterState: Counters = { total: 0, byRequestType: {}, byKey: {} };
	private saveTimer: NodeJS.Timeout | null = null;

	constructor(private readonly options: SandboxOptions = {}) {
		this.clientId = options.clientId ?? DEFAULTS.clientId;
		this.clientSecret = options.clientSecret ?? DEFAULTS.clientSecret;
		const deleteReading = options.deleteReading ?? 'asPrinted';
		if (!DELETE_READINGS.includes(deleteReading))
			throw new Error(`deleteReading must be one of ${DELETE_READINGS.join(', ')}`);
		const clockOffsetMs = options.clockOffsetMs ?? 0;
		if (!Number.isFinite(clockOffsetMs)) throw new Error('clockOffsetMs must be a finite number');
		this.settings = {
			latencyMs: options.latencyMs ?? 0,
			stringWrappedJson: options.stringWrappedJson ?? false,
			strict: options.strict ?? false,
			deleteReading,
			clockOffsetMs,
		};
		this.oauth = new OAuthServer({
			tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULTS.tokenLifetimeSeconds,
			codeLifetimeSeconds: options.codeLifetimeSeconds ?? DEFAULTS.codeLifetimeSeconds,
			autoApprove: options.autoApprove ?? false,
		});
		this.store = new Store();
		this.webhooks = new WebhookDispatcher(
			this.store,
			this.faultRegistry,
			options.webhookTimeoutMs,
			() => this.now(),
		);
		const registry = this.faultRegistry;
		this.faults = {
			add: (fault) => registry.add(fault),
			remove: (id) => registry.remove(id),
			clear: () => registry.clear(),
			list: () => registry.list(),
		};
		if (!this.loadStateFile())
			this.store.replace(
				generateSeedData(options.seed ?? DEFAULTS.seed, options.contacts ?? DEFAULTS.contacts),
			);
		// The default client always matches the options (a state file may hold others too).
		this.oauth.registerClient({
			clientId: this.clientId,
			clientSecret: this.clientSecret,
			redirectUris: options.redirectUris ?? null,
			name: 'Sandbox app',
		});
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) {
					const status = error instanceof HttpError ? error.status : 500;
					sendJson(res, status, {
						error: status === 500 ? 'server_error' : 'invalid_request',
						error_description: String(error?.message ?? error),
					});
				} else res.destroy();
			});
		});
		this.server.keepAliveTimeout = 5000;
	}

	async listen(): Promise<this> {
		const host = '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.baseUrl = `http://${host}:${this.port}`;
		this.saveNow();
		return this;
	}

	async stop(): Promise<void> {
		if (this.saveTimer) clearTimeout(this.saveTimer);
		this.saveNow();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
		// Let deliveries in flight finish, but never hold stop() (or the process) for long.
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			this.webhooks.idle(),
			new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000))),
		]);
		clearTimeout(timer);
	}

	/** The sandbox's clock: the host's plus `settings.clockOffsetMs`. */
	now(): number {
		return Date.now() + this.settings.clockOffsetMs;
	}

	issueToken(scopes: string[] = ALL_SCOPES): IssuedToken {
		const issued = this.oauth.issueToken(this.clientId, scopes);
		this.scheduleSave();
		return issued;
	}

	expireAccessTokens(): void {
		this.oauth.expireAccessTokens();
	}

	counters(): Counters {
		return structuredClone(this.counterState);
	}

	resetCounters(): void {
		this.counterState = { total: 0, byRequestType: {}, byKey: {} };
	}

	deliveries(): WebhookDelivery[] {
		return this.webhooks.deliveries();
	}

	waitForDeliveries(n: number, timeoutMs?: number): Promise<WebhookDelivery[]> {
		return this.webhooks.waitForDeliveries(n, timeoutMs);
	}

	/** Applies a web-app change and fires its webhook; returns the id of the record changed. */
	simulate(change: SimulatedChange): number {
		const now = this.now();
		const result = applySimulatedChange(this.store, change, now);
		this.webhooks.dispatch(result.event, now);
		this.scheduleSave();
		return result.id;
	}

	/** Re-seeds the account and clears faults, counters and the delivery log. OAuth clients and tokens survive. */
	reset(
		seed = this.options.seed ?? DEFAULTS.seed,
		contacts = this.options.contacts ?? DEFAULTS.contacts,
	): void {
		this.store.replace(generateSeedData(seed, contacts));
		this.faultRegistry.clear();
		this.resetCounters();
		this.webhooks.clear();
		this.scheduleSave();
	}

	registerClient(input: Partial<OAuthClient>): OAuthClient {
		const client = this.oauth.registerClient(input);
		this.scheduleSave();
		return client;
	}

	// ---------------------------------------------------------------- persistence

	private loadStateFile(): boolean {
		const file = this.options.stateFile;
		if (!file || !existsSync(file)) return false;
		const json = JSON.parse(readFileSync(file, 'utf8')) as {
			store: Record<string, unknown>;
			oauth: Parameters<OAuthServer['load']>[0];
		};
		this.store.replace(Store.dataFromJSON(json.store));
		this.oauth.load(json.oauth ?? {});
		return true;
	}

	private scheduleSave(): void {
		if (!this.options.stateFile || this.saveTimer) return;
		this.saveTimer = setTimeout(() => {
			this.saveTimer = null;
			this.saveNow();
		}, 100);
		this.saveTimer.unref();
	}

	private saveNow(): void {
		const file = this.options.stateFile;
		if (!file) return;
		const temp = `${file}.tmp`;
		writeFileSync(
			temp,
			JSON.stringify({ version: 1, store: this.store.toJSON(), oauth: this.oauth.toJSON() }),
		);
		renameSync(temp, file);
	}

	// ---------------------------------------------------------------- routing

	private count(requestType: string | null, key: string): void {
		const c = this.counterState;
		c.total++;
		if (requestType !== null)
			c.byRequestType[requestType] = (c.byRequestType[requestType] ?? 0) + 1;
		c.byKey[key] = (c.byKey[key] ?? 0) + 1;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		if (path.startsWith('/__sandbox/'))
			return this.handleAdmin(req, res, method, path.slice('/__sandbox/'.length), url);
		if (path === DATA_PATH) return this.handleData(req, res, method, url);
		if (path.startsWith('/WiseAuth/')) return this.handleOAuth(req, res, method, path, url);
		if (path === '/secure/login_secure' && method === 'GET') return this.handleLoginLink(res, url);
		sendJson(res, 404, { error: 'not_found', error_description: `No route for ${method} ${path}` });
	}

	/** Faults common to data and OAuth requests. Returns false when the request was answered (or dropped). */
	private async applyFaults(
		res: http.ServerResponse,
		target: 'api' | 'oauth',
		method: string,
		requestType: string,
		extraDelay: number,
	) {
		const faults = this.faultRegistry.forRequest(target, method, requestType);
		const delay = faults.delayMs + extraDelay;
		if (delay > 0) await sleep(delay);
		if (faults.expireTokens) this.oauth.expireAccessTokens();
		if (faults.drop) {
			// No status line, no body: the client sees a reset/closed connection.
			res.socket?.destroy();
			return { handled: true, stringWrappedJson: false };
		}
		if (faults.status) {
			const { status, retryAfter, body } = faults.status;
			const headers: Record<string, string> = {};
			if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
			if (body !== undefined) {
				res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
				res.end(body);
			} else {
				sendJson(res, status, { error: http.STATUS_CODES[status] ?? 'Error' }, headers);
			}
			return { handled: true, stringWrappedJson: false };
		}
		return { handled: false, stringWrappedJson: faults.stringWrappedJson };
	}

	private async handleData(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		method: string,
		url: URL,
	): Promise<void> {
		const rawBody = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
		// Documented: form-urlencoded bodies. JSON bodies are not documented for the data API and are ignored.
		const form = rawBody && !isJson(req) ? new URLSearchParams(rawBody) : new URLSearchParams();
		const params = new Params(url.searchParams, form);
		const requestType = url.searchParams.get('requestType') ?? form.get('requestType') ?? '';
		this.count(requestType, `${method} ${requestType}`);

		const fault = await this.applyFaults(res, 'api', method, requestType, this.settings.latencyMs);
		if (fault.handled) return;

		const auth = this.oauth.authenticate(req.headers.authorization);
		if (!auth.ok) {
			res.writeHead(auth.result.status, auth.result.headers);
			res.end(auth.result.body);
			return;
		}
		const key = `${method} ${requestType}`;
		const found: Route | undefined = this.routes.get(key);
		// A route that is switched off (e.g. DELETE tasks under deleteReading 'asPrinted') does not exist.
		const route = found && (!found.available || found.available(this.settings)) ? found : undefined;
		if (!route) {
			// Not documented; an HTTP 200 error in the `{"Error":...}` style (sandbox choice).
			sendJson(res, 200, {
				Error: requestType
					? `Invalid requestType '${requestType}' for ${method}`
					: 'Missing requestType',
			});
			return;
		}
		const rule = typeof route.scopes === 'function' ? route.scopes(params) : route.scopes;
		const granted = auth.token.scopes;
		const allowed =
			(rule.all ?? []).every((s) => granted.includes(s)) &&
			(!rule.any || rule.any.some((s) => granted.includes(s)));
		if (!allowed) {
			const needed = [...(rule.all ?? []), ...(rule.any ? [rule.any.join(' or ')] : [])].join(', ');
			sendJson(res, 403, {
				error: 'insufficient_scope',
				error_description: `requestType '${requestType}' requires OAuth scope(s): ${needed}`,
			});
			return;
		}

		const events: WebhookEvent[] = [];
		const ctx: RequestContext = {
			method,
			requestType,
			params,
			store: this.store,
			now: this.now(),
			settings: { deleteReading: this.settings.deleteReading },
			emit: (e) => events.push(e),
		};
		// Strict mode refuses undocumented names / value spellings before the handler runs: no effect.
		const refused = this.settings.strict ? checkStrict(key, params) : undefined;
		const reply = refused ?? route.handle(ctx);
		if (reply.text) {
			const text = String(reply.body);
			res.writeHead(reply.status ?? 200, {
				'Content-Type': 'text/plain; charset=utf-8',
				'Content-Length': Buffer.byteLength(text),
			});
			res.end(text);
		} else {
			const wrapped =
				reply.docQuoted && (this.settings.stringWrappedJson || fault.stringWrappedJson);
			sendJson(res, reply.status ?? 200, wrapped ? JSON.stringify(reply.body) : reply.body);
		}
		if (method !== 'GET') this.scheduleSave();
		// Webhooks go out after the response, like a real asynchronous notifier.
		if (events.length)
			res.once('finish', () =>
				setImmediate(() => events.forEach((e) => this.webhooks.dispatch(e))),
			);
	}

	private async handleOAuth(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		method: string,
		path: string,
		url: URL,
	): Promise<void> {
		const key = `${method} ${path}`;
		const known = [
			'GET /WiseAuth/auth',
			'POST /WiseAuth/auth',
			'POST /WiseAuth/token',
			'POST /WiseAuth/revoke',
		];
		if (!known.includes(key)) {
			sendJson(res, 404, { error: 'not_found', error_description: `No route for ${key}` });
			return;
		}
		this.count(null, key);
		const fault = await this.applyFaults(res, 'oauth', method, path, 0);
		if (fault.handled) return;
		let result;
		if (method === 'GET') {
			result = this.oauth.authorize(url.searchParams);
		} else {
			const raw = await readBody(req);
			let params: Record<string, string> = {};
			if (isJson(req)) {
				try {
					params = Object.fromEntries(
						Object.entries(JSON.parse(raw || '{}')).map(([k, v]) => [k, String(v)]),
					);
				} catch {
					sendJson(res, 400, {
						error: 'invalid_request',
						error_description: 'Body is not valid JSON.',
					});
					return;
				}
			} else {
				params = Object.fromEntries(new URLSearchParams(raw));
			}
			if (path === '/WiseAuth/auth') result = this.oauth.decide(new URLSearchParams(raw));
			else if (path === '/WiseAuth/token')
				result = this.oauth.token(params, req.headers.authorization);
			else result = this.oauth.revoke(params);
			this.scheduleSave();
		}
		res.writeHead(result.status, result.headers);
		res.end(result.body);
	}

	/** The SSO link getLoginToken hands out points at thewiseagent.com; this answers the same path for tests. */
	private handleLoginLink(res: http.ServerResponse, url: URL): void {
		const token = url.searchParams.get('accesstoken') ?? '';
		const now = this.now();
		const found = this.store.data.loginTokens.find((t) => t.token === token);
		const valid = found && found.expiresMs > now;
		this.store.data.loginTokens = this.store.data.loginTokens.filter(
			(t) => t !== found && t.expiresMs > now,
		);
		res.writeHead(valid ? 200 : 401, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end(
			valid
				? `<p id="signed-in">Signed in${found!.page ? ` - going to ${found!.page}` : ''}</p>`
				: '<p id="expired">This login link has expired.</p>',
		);
	}

	// ---------------------------------------------------------------- admin

	private async handleAdmin(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		method: string,
		route: string,
		url: URL,
	): Promise<void> {
		const raw = method === 'GET' ? '' : await readBody(req);
		let body: Record<string, unknown> = {};
		if (raw.trim()) {
			try {
				body = JSON.parse(raw);
			} catch {
				sendJson(res, 400, { error: 'Body must be JSON' });
				return;
			}
		}
		const num = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));
		const [name, sub] = route.split('/');
		switch (`${method} ${name}`) {
			case 'GET info': {
				const issued = this.issueToken();
				return sendJson(res, 200, {
					baseUrl: this.baseUrl,
					clientId: this.clientId,
					clientSecret: this.clientSecret,
					accessToken: issued.accessToken,
					refreshToken: issued.refreshToken,
					expiresAt: issued.expiresAt,
					scopes: ALL_SCOPES,
				});
			}
			case 'POST reset':
				this.reset(
					num(body.seed ?? url.searchParams.get('seed')),
					num(body.contacts ?? url.searchParams.get('contacts')),
				);
				return sendJson(res, 200, { ok: true, contacts: this.store.data.contacts.size });
			case 'POST seed': {
				const started = Date.now();
				this.store.replace(
					generateSeedData(
						num(body.seed) ?? this.options.seed ?? DEFAULTS.seed,
						num(body.contacts) ?? this.options.contacts ?? DEFAULTS.contacts,
					),
				);
				this.scheduleSave();
				return sendJson(res, 200, {
					ok: true,
					contacts: this.store.data.contacts.size,
					ms: Date.now() - started,
				});
			}
			case 'GET faults':
				return sendJson(res, 200, { faults: this.faultRegistry.list() });
			case 'POST faults': {
				const specs = Array.isArray(body) ? body : [body];
				const problems = specs.map(validateFault).filter((p): p is string => typeof p === 'string');
				if (problems.length) return sendJson(res, 400, { error: problems.join('; ') });
				return sendJson(res, 200, {
					ids: specs.map((s) => this.faultRegistry.add(s as FaultSpec)),
				});
			}
			case 'DELETE faults':
				if (sub) return sendJson(res, this.faultRegistry.remove(sub) ? 200 : 404, { ok: true });
				this.faultRegistry.clear();
				return sendJson(res, 200, { ok: true });
			case 'GET counters':
				return sendJson(res, 200, this.counters());
			case 'DELETE counters':
				this.resetCounters();
				return sendJson(res, 200, { ok: true });
			case 'GET deliveries':
				return sendJson(res, 200, { deliveries: this.deliveries() });
			case 'DELETE deliveries':
				this.webhooks.clear();
				return sendJson(res, 200, { ok: true });
			case 'POST simulate':
				try {
					return sendJson(res, 200, {
						ok: true,
						id: this.simulate(body as unknown as SimulatedChange),
					});
				} catch (error) {
					return sendJson(res, 400, { error: (error as Error).message });
				}
			case 'POST expire-tokens':
				this.expireAccessTokens();
				this.scheduleSave();
				return sendJson(res, 200, { ok: true });
			case 'GET clients':
				return sendJson(res, 200, { clients: [...this.oauth.clients.values()] });
			case 'POST clients':
				return sendJson(
					res,
					200,
					this.registerClient({
						clientId: body.clientId as string | undefined,
						// `"clientSecret": null` registers a public (PKCE-only) client.
						clientSecret: body.clientSecret as string | null | undefined,
						redirectUris: (body.redirectUris as string[] | undefined) ?? null,
						name: body.name as string | undefined,
					}),
				);
			case 'GET state':
				return sendJson(res, 200, this.store.toJSON());
			case 'GET settings':
				return sendJson(res, 200, this.currentSettings());
			case 'POST settings':
				if (
					body.deleteReading !== undefined &&
					!DELETE_READINGS.includes(body.deleteReading as DeleteReading)
				) {
					return sendJson(res, 400, {
						error: `deleteReading must be one of ${DELETE_READINGS.join(', ')}`,
					});
				}
				if (body.strict !== undefined && typeof body.strict !== 'boolean') {
					return sendJson(res, 400, { error: 'strict must be true or false' });
				}
				if (body.clockOffsetMs !== undefined && !isFiniteNumber(body.clockOffsetMs)) {
					return sendJson(res, 400, {
						error: 'clockOffsetMs must be a finite number of milliseconds',
					});
				}
				if (body.clockOffsetMs !== undefined)
					this.settings.clockOffsetMs = Number(body.clockOffsetMs);
				if (body.strict !== undefined) this.settings.strict = body.strict as boolean;
				if (body.deleteReading !== undefined)
					this.settings.deleteReading = body.deleteReading as DeleteReading;
				if (body.latencyMs !== undefined) this.settings.latencyMs = Number(body.latencyMs);
				if (body.stringWrappedJson !== undefined)
					this.settings.stringWrappedJson = Boolean(body.stringWrappedJson);
				if (body.autoApprove !== undefined)
					this.oauth.settings.autoApprove = Boolean(body.autoApprove);
				if (body.tokenLifetimeSeconds !== undefined)
					this.oauth.settings.tokenLifetimeSeconds = Number(body.tokenLifetimeSeconds);
				if (body.codeLifetimeSeconds !== undefined)
					this.oauth.settings.codeLifetimeSeconds = Number(body.codeLifetimeSeconds);
				if (body.webhookTimeoutMs !== undefined)
					this.webhooks.timeoutMs = Number(body.webhookTimeoutMs);
				return sendJson(res, 200, this.currentSettings());
			default:
				return sendJson(res, 404, { error: `No admin route ${method} /__sandbox/${route}` });
		}
	}

	private currentSettings() {
		return { ...this.settings, ...this.oauth.settings, webhookTimeoutMs: this.webhooks.timeoutMs };
	}
}
