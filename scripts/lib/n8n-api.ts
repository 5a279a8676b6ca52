/**
 * Minimal client for n8n's internal REST API (`/rest/...`, the one the editor uses), with
 * cookie auth. Routes checked against n8n 2.40 (`node_modules/n8n/dist/controllers`,
 * `.../workflows/workflows.controller.js`). Responses are wrapped as `{ data: ... }`.
 */
import { randomUUID } from 'crypto';

export interface N8nUser {
	id: string;
	email: string;
	firstName?: string;
	lastName?: string;
	role?: string;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface N8nWorkflow {
	id: string;
	name: string;
	active: boolean;
	versionId?: string;
	nodes: Array<{ name: string; type: string; typeVersion?: number; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface N8nCredentialSummary {
	id: string;
	name: string;
	type: string;
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	[key: string]: unknown;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

export class N8nClient {
	private cookies = new Map<string, string>();
	/** n8n binds the auth cookie to this header's value when it is sent at login */
	private readonly browserId = randomUUID();

	constructor(readonly baseUrl: string) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
	}

	get isLoggedIn(): boolean {
		return this.cookies.has('n8n-auth');
	}

	/** Raw request; returns the parsed `data` of n8n's `{ data }` envelope (or the whole body). */
	async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const text = await this.requestText(method, route, body);
		if (text === '') return undefined as T;
		const parsed = JSON.parse(text) as { data?: T };
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** Raw request with this client's cookies; returns the body text, throws N8nApiError if not 2xx. */
	async requestText(method: string, route: string, body?: unknown): Promise<string> {
		const url = `${this.baseUrl}${route.startsWith('/') ? route : `/${route}`}`;
		const headers: Record<string, string> = { accept: 'application/json', 'browser-id': this.browserId };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookies.size > 0) {
			headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		}
		const response = await fetch(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		for (const setCookie of response.headers.getSetCookie()) {
			const [pair] = setCookie.split(';');
			const index = pair.indexOf('=');
			if (index > 0) this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
		}
		const text = await response.text();
		if (!response.ok) {
			let message = text.slice(0, 500);
			try {
				message = (JSON.parse(text) as { message?: string }).message ?? message;
			} catch {
				// not JSON
			}
			throw new N8nApiError(`${method} ${route} -> HTTP ${response.status}: ${message}`, response.status, text);
		}
		return text;
	}

	/** `/healthz` answers `{ status: 'ok' }` once the HTTP server is up. */
	async health(): Promise<boolean> {
		try {
			const response = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
			return response.ok;
		} catch {
			return false;
		}
	}

	/** Public settings, no auth needed (`userManagement.showSetupOnFirstLoad` = owner not set up yet). */
	async settings(): Promise<{ userManagement?: { showSetupOnFirstLoad?: boolean }; [key: string]: unknown }> {
		return await this.request('GET', '/rest/settings');
	}

	/** First-run owner setup (`POST /rest/owner/setup`); also logs this client in. */
	async setupOwner(owner: OwnerAccount): Promise<N8nUser> {
		return await this.request<N8nUser>('POST', '/rest/owner/setup', owner);
	}

	async login(email: string, password: string): Promise<N8nUser> {
		return await this.request<N8nUser>('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	async currentUser(): Promise<N8nUser> {
		return await this.request<N8nUser>('GET', '/rest/login');
	}

	/** All node type descriptions the instance loaded (`n8n-nodes-base.*`, community packages...); needs login. */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return JSON.parse(await this.requestText('GET', '/types/nodes.json')) as NodeTypeDescription[];
	}

	/** Credential type descriptions (`/types/credentials.json`); needs login. */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string; extends?: string[] }>> {
		return JSON.parse(await this.requestText('GET', '/types/credentials.json')) as Array<{
			name: string;
			displayName: string;
			extends?: string[];
		}>;
	}

	async credentials(): Promise<N8nCredentialSummary[]> {
		return await this.request<N8nCredentialSummary[]>('GET', '/rest/credentials');
	}

	async workflows(): Promise<N8nWorkflow[]> {
		return await this.request<N8nWorkflow[]>('GET', '/rest/workflows');
	}

	async workflow(id: string): Promise<N8nWorkflow> {
		return await this.request<N8nWorkflow>('GET', `/rest/workflows/${encodeURIComponent(id)}`);
	}

	/** Creates a workflow from an exported workflow JSON (id kept if given and free). */
	async createWorkflow(workflow: Record<string, unknown>): Promise<N8nWorkflow> {
		const allowed = ['id', 'name', 'description', 'nodes', 'connections', 'settings', 'pinData', 'meta', 'staticData'];
		const body: Record<string, unknown> = {};
		for (const key of allowed) if (workflow[key] !== undefined) body[key] = workflow[key];
		return await this.request<N8nWorkflow>('POST', '/rest/workflows', body);
	}

	/** Publishes/activates the workflow's current version (n8n 2.x: `POST /rest/workflows/:id/activate`). */
	async activateWorkflow(id: string, versionId: string): Promise<N8nWorkflow> {
		return await this.request<N8nWorkflow>('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, {
			versionId,
		});
	}

	/**
	 * n8n 2.x publishes activations asynchronously (an outbox); this says whether the triggers are live:
	 * `in_progress` | `not_published` | `published` | `partial` | `failed`.
	 */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		return await this.request<PublicationStatus>('GET', `/rest/workflows/${encodeURIComponent(id)}/publication-status`);
	}

	async deactivateWorkflow(id: string): Promise<N8nWorkflow> {
		return await this.request<N8nWorkflow>('POST', `/rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
	}
}
