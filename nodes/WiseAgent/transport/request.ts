import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { Redact } from '../helpers/apiErrors';
import {
	combineRedactors,
	findApiErrorMessage,
	scrubError,
	secretRedactor,
} from '../helpers/apiErrors';
import { parseResponseBody } from '../helpers/parse';
import type { FailureFacts } from './retry';
import {
	backoffGateFor,
	isRateLimited,
	isRetryable,
	rateLimitDelayMs,
	retryDelayMs,
	retryPolicy,
} from './retry';

export const WISE_AGENT_CREDENTIAL_TYPE = 'wiseAgentOAuth2Api';
export const DEFAULT_SERVER_URL = 'https://sync.thewiseagent.com';
/** Every data request goes to this one path, told apart by `requestType`. */
export const DATA_API_PATH = '/http/webconnect.asp';

export type WiseAgentContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

export interface WiseAgentRequest {
	method: IHttpRequestMethods;
	requestType: string;
	/** Query-string parameters besides requestType. */
	query?: IDataObject;
	/** Fields sent form-urlencoded in the body (POST, PUT, DELETE). */
	form?: IDataObject;
	/** The input item this request serves, for error messages. */
	itemIndex?: number;
}

/**
 * Sends one request to the Wise Agent data API and returns its parsed body.
 *
 * Authentication goes through n8n's own OAuth2 helper, so an expired access token (401
 * invalid_grant) is refreshed and the request replayed by n8n. Transient failures are retried
 * (see retry.ts); a rate limit closes the back-off gate shared by the other requests of the same
 * run. Errors that the API reports with HTTP 200 become NodeApiError with the API's message.
 * No error built here carries request headers, and every text in it is cleared of the
 * credential's tokens and client secret, in every encoding an answer could echo them in.
 */
export async function wiseAgentApiRequest(
	this: WiseAgentContext,
	request: WiseAgentRequest,
): Promise<unknown> {
	const { options, credentials } = await buildRequestOptions(this, request);
	// Built only if an error needs it: the secrets this request was sent with.
	let sentSecrets: Redact | undefined;
	const redactSent: Redact = (text) => (sentSecrets ??= credentialRedactor(credentials))(text);
	const gate = backoffGateFor(this);
	const startedAt = Date.now();
	let rateLimitWaitMs = 0;
	let rateLimitAnswers = 0;
	let transientRetries = 0;
	let throughN8n = false;

	// Bounded by the retry count, the two time budgets and MAX_ATTEMPTS.
	for (let attempt = 1; ; attempt++) {
		// Again after each wait: another request of the run may have pushed the moment further.
		for (
			let wait = 0, closedFor = gate.remainingMs();
			closedFor > 0 && wait < MAX_GATE_WAITS;
			wait++
		) {
			if (!(await pause(this, closedFor))) break;
			rateLimitWaitMs += closedFor;
			closedFor = gate.remainingMs();
		}
		const runCredential = await runCredentials(this);
		const token = throughN8n ? undefined : bearerToken(runCredential);
		throughN8n = false;
		let body: unknown;
		try {
			body =
				token !== undefined
					? await sendSigned(this, options, token, runCredential)
					: await sendThroughN8n(this, options);
		} catch (error) {
			const failure = failureFacts(error);
			if (token !== undefined && failure.status === 401) {
				// The run's token was refused: once more through n8n's OAuth2 helper, which
				// refreshes the token, stores it and replays the request.
				credentialsRead.delete(this);
				throughN8n = true;
				continue;
			}
			const retryable = isRetryable(failure, request.method) && attempt < MAX_ATTEMPTS;
			if (isRateLimited(failure)) {
				const delay = rateLimitDelayMs(++rateLimitAnswers, failure.retryAfter, retryPolicy);
				// Closed even when this request gives up: the others of this run must still wait.
				gate.closeFor(delay);
				const waited = Date.now() - startedAt;
				if (retryable && waited + delay <= retryPolicy.rateLimitMaxWaitMs) continue;
			} else if (retryable && transientRetries < retryPolicy.maxRetries) {
				const delay = retryDelayMs(transientRetries + 1, failure.retryAfter, retryPolicy);
				const busy = Date.now() - startedAt - rateLimitWaitMs;
				if (busy + delay <= retryPolicy.maxTotalMs) {
					transientRetries++;
					await pause(this, delay);
					continue;
				}
			}
			throw await toApiError(this, request, error, failure, attempt, redactSent);
		}
		// Outside the retry decision: an error the API answered with HTTP 200 is final.
		return checkedBody(this, request, body, redactSent);
	}
}

/** Hard stops for one request's loops, far beyond what the budgets allow in practice. */
const MAX_ATTEMPTS = 10_000;
const MAX_GATE_WAITS = 1_000;

/**
 * Waits `ms`, or less when the execution is cancelled; false then (the next request fails at
 * once with n8n's cancellation, which is never retried).
 */
async function pause(context: WiseAgentContext, ms: number): Promise<boolean> {
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	if (!signal) {
		await sleep(ms);
		return true;
	}
	if (signal.aborted) return false;
	let stop: () => void = () => undefined;
	const cancelled = new Promise<void>((resolve) => {
		stop = resolve;
		signal.addEventListener('abort', stop, { once: true });
	});
	// n8n-workflow's sleep cannot be stopped (its sleepWithAbort is not in every n8n 2.x): a
	// cancellation ends the wait at once and leaves the timer to run out on its own.
	await Promise.race([sleep(ms), cancelled]);
	signal.removeEventListener('abort', stop);
	return !signal.aborted;
}

/**
 * The credential as this run read it. n8n resolves a credential (a database read, decryption,
 * its expressions) on every getCredentials and every httpRequestWithAuthentication: profiled in
 * a bulk Create or Update, that was over half of n8n's CPU. A run (one node execution, hook,
 * poll or webhook call) reads it once and again after CREDENTIAL_REUSE_MS or a refused token.
 */
const credentialsRead = new WeakMap<
	WiseAgentContext,
	{ at: number; credentials: Promise<ICredentialDataDecryptedObject> }
>();
const CREDENTIAL_REUSE_MS = 60_000;

function runCredentials(context: WiseAgentContext): Promise<ICredentialDataDecryptedObject> {
	const known = credentialsRead.get(context);
	if (known && Date.now() - known.at < CREDENTIAL_REUSE_MS) return known.credentials;
	const credentials = context.getCredentials<ICredentialDataDecryptedObject>(
		WISE_AGENT_CREDENTIAL_TYPE,
	);
	const entry = { at: Date.now(), credentials };
	credentialsRead.set(context, entry);
	// A failed read is not kept: the next request asks n8n again (and gets n8n's own error).
	credentials.catch(() => {
		if (credentialsRead.get(context) === entry) credentialsRead.delete(context);
	});
	return credentials;
}

/** The access token to sign with, when n8n's OAuth2 helper would send it as a Bearer header. */
function bearerToken(credentials: ICredentialDataDecryptedObject): string | undefined {
	const tokens = credentials.oauthTokenData as IDataObject | undefined;
	const token = tokens?.access_token;
	const type = tokens?.token_type;
	if (typeof token !== 'string' || token === '') return undefined;
	if (type !== undefined && (typeof type !== 'string' || !/^bearer$/i.test(type))) return undefined;
	return token;
}

/**
 * One attempt signed here with the run's access token: what n8n's OAuth2 helper would send
 * (`Authorization: Bearer …`, SSL checks as the credential says). A 401 goes to n8n's helper
 * (see wiseAgentApiRequest).
 */
async function sendSigned(
	context: WiseAgentContext,
	options: IHttpRequestOptions,
	token: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<unknown> {
	return await context.helpers.httpRequest({
		...options,
		headers: { ...options.headers, Authorization: `Bearer ${token}` },
		skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
	});
}

/**
 * One attempt through n8n's OAuth2 helper: after a refused token (it refreshes, stores and
 * replays), or without a token (n8n's own error for a credential not connected yet).
 */
async function sendThroughN8n(
	context: WiseAgentContext,
	options: IHttpRequestOptions,
): Promise<unknown> {
	try {
		return await context.helpers.httpRequestWithAuthentication.call(
			context,
			WISE_AGENT_CREDENTIAL_TYPE,
			{ ...options },
		);
	} finally {
		// n8n may have refreshed the token: the run's next request reads the credential again.
		credentialsRead.delete(context);
	}
}

async function buildRequestOptions(
	context: WiseAgentContext,
	request: WiseAgentRequest,
): Promise<{ options: IHttpRequestOptions; credentials: ICredentialDataDecryptedObject }> {
	const credentials = await runCredentials(context);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: dataApiUrl(credentials.serverUrl),
		qs: { requestType: request.requestType, ...stringifyValues(request.query) },
		headers: { Accept: 'application/json' },
		// Raw text: bodies are parsed leniently below, JSON.parse alone rejects some of them.
		encoding: 'text',
		json: false,
		timeout: retryPolicy.timeoutMs,
	};
	if (request.method !== 'GET') {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(stringifyValues(request.form)))
			form.append(key, value);
		options.body = form;
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	return { options, credentials };
}

/** Removes the credential's access and refresh tokens and client secret, in all their forms. */
function credentialRedactor(credentials: ICredentialDataDecryptedObject | undefined): Redact {
	const tokens = (credentials?.oauthTokenData ?? {}) as IDataObject;
	return secretRedactor({
		secrets: [tokens.access_token, tokens.refresh_token, credentials?.clientSecret],
		basic: { clientId: credentials?.clientId, clientSecret: credentials?.clientSecret },
	});
}

/** The credential as it is now: n8n may have refreshed its tokens while sending the request. */
async function currentCredentials(
	context: WiseAgentContext,
): Promise<ICredentialDataDecryptedObject | undefined> {
	try {
		return await context.getCredentials<ICredentialDataDecryptedObject>(WISE_AGENT_CREDENTIAL_TYPE);
	} catch {
		return undefined;
	}
}

/** The credential's Server URL without trailing slashes, plus the data API path. */
export function dataApiUrl(serverUrl: unknown): string {
	const base =
		typeof serverUrl === 'string' && serverUrl.trim() !== ''
			? serverUrl.trim()
			: DEFAULT_SERVER_URL;
	return `${base.replace(/\/+$/, '')}${DATA_API_PATH}`;
}

/** Booleans and numbers as the API expects them in query strings and forms. */
function stringifyValues(fields: IDataObject | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(fields ?? {})) {
		if (value === undefined || value === null) continue;
		result[key] = Array.isArray(value)
			? value.join(',')
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	}
	return result;
}

/** Errors the API reported in a successful HTTP response: final, never retried. */
const errorsFromBody = new WeakSet<Error>();

function checkedBody(
	context: WiseAgentContext,
	request: WiseAgentRequest,
	raw: unknown,
	redactSent: Redact,
): unknown {
	const body = parseResponseBody(raw);
	const found = findApiErrorMessage(body);
	if (found !== undefined) {
		const redact = combineRedactors(redactSent, stripSecrets);
		const message = redact(found);
		const error = new NodeApiError(
			context.getNode(),
			{ message, requestType: request.requestType } as JsonObject,
			{
				message: `Wise Agent: ${message}`,
				description: `The Wise Agent API answered "${request.requestType}" with an error.`,
				httpCode: '200',
				itemIndex: request.itemIndex,
			},
		);
		scrubError(error, redact);
		errorsFromBody.add(error);
		throw error;
	}
	return body;
}

interface ErrorLike {
	code?: string;
	httpCode?: string | null;
	cause?: unknown;
	status?: unknown;
	body?: unknown;
	config?: { url?: unknown };
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/** What the OAuth2 token endpoint said when n8n's refresh of the access token failed. */
export interface RefreshFailure {
	/** HTTP status of the token endpoint's answer, when known. */
	status?: number;
	/** The OAuth2 `error` code (invalid_client, ...), when the answer carried one. */
	error?: string;
	/** `error_description`, or the answer's text. */
	description?: string;
}

/** Status, network code and Retry-After, wherever n8n's or axios' error wrapping put them. */
export function failureFacts(
	error: unknown,
): FailureFacts & { responseBody?: unknown; refresh?: RefreshFailure } {
	const facts: FailureFacts & { responseBody?: unknown; refresh?: RefreshFailure } = {};
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const layer = current as ErrorLike;
		if (layer.response) {
			facts.status ??= layer.response.status;
			const retryAfter = layer.response.headers?.['retry-after'];
			if (facts.retryAfter === undefined && retryAfter !== undefined)
				facts.retryAfter = String(retryAfter);
			if (facts.responseBody === undefined) facts.responseBody = layer.response.data;
		}
		// n8n's OAuth2 client: EAUTH = the token endpoint refused (OAuth2 error body), ESTATUS = it
		// answered an unexpected status or a body that is not JSON. Neither is a network failure.
		if (!layer.response && (layer.code === 'EAUTH' || layer.code === 'ESTATUS')) {
			facts.refresh ??= refreshFailureOf(layer);
		}
		// Axios also sets a code (ERR_BAD_RESPONSE) on HTTP errors; only a failure without a response is a network error.
		if (!layer.response && typeof layer.code === 'string' && /^E[A-Z_]+$/.test(layer.code)) {
			facts.code ??= layer.code;
		}
		current = layer.cause;
	}
	if (facts.status === undefined) {
		const httpCode = Number((error as ErrorLike)?.httpCode);
		if (Number.isInteger(httpCode) && httpCode >= 100) facts.status = httpCode;
	}
	return facts;
}

function refreshFailureOf(layer: ErrorLike): RefreshFailure {
	const status = Number(layer.status);
	const body = typeof layer.body === 'string' ? parseResponseBody(layer.body) : layer.body;
	const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	return {
		status: Number.isInteger(status) ? status : undefined,
		error: text(record.error),
		description: text(record.error_description) ?? (typeof body === 'string' ? body : undefined),
	};
}

/** Whether the failure is an HTTP answer from the token endpoint (n8n refreshing the token). */
function isTokenUrlFailure(error: unknown, tokenUrl: string | undefined): boolean {
	if (!tokenUrl) return false;
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const url = (current as ErrorLike).config?.url;
		if (typeof url === 'string' && url.startsWith(tokenUrl)) return true;
		current = (current as ErrorLike).cause;
	}
	return false;
}

/**
 * A clean NodeApiError: the API's own message and the HTTP status, never the original
 * error object (it holds the request config, Authorization header included), with every
 * form of the credential's secrets removed from all of its texts.
 */
async function toApiError(
	context: WiseAgentContext,
	request: WiseAgentRequest,
	error: unknown,
	failure: ReturnType<typeof failureFacts>,
	attempts: number,
	redactSent: Redact,
): Promise<NodeApiError> {
	const current = await currentCredentials(context);
	// The secrets sent, and the current ones: the answer may echo tokens n8n just refreshed.
	const redact = combineRedactors(redactSent, credentialRedactor(current), stripSecrets);
	const tokenUrl = typeof current?.accessTokenUrl === 'string' ? current.accessTokenUrl : undefined;
	const apiError = buildApiError(context, request, error, failure, attempts, redact, tokenUrl);
	return scrubError(apiError, redact);
}

function buildApiError(
	context: WiseAgentContext,
	request: WiseAgentRequest,
	error: unknown,
	failure: ReturnType<typeof failureFacts>,
	attempts: number,
	redact: Redact,
	tokenUrl: string | undefined,
): NodeApiError {
	const node = context.getNode();
	const credentialName = node.credentials?.[WISE_AGENT_CREDENTIAL_TYPE]?.name;
	const credentialLabel = credentialName ? `"${credentialName}"` : 'for Wise Agent';

	if (failure.refresh) {
		// Redacted before it is shortened: a cut must not leave part of a secret behind.
		const said = { ...failure.refresh };
		if (said.error) said.error = redact(said.error);
		if (said.description) said.description = redact(said.description);
		const message = redact(refreshFailureMessage(said, credentialLabel));
		return new NodeApiError(node, { message, requestType: request.requestType } as JsonObject, {
			message: `Wise Agent: ${message}`,
			description: `"${request.requestType}" failed: Wise Agent no longer accepted the access token and n8n could not refresh it. Open the credential, check the client ID and secret, and reconnect it.`,
			itemIndex: request.itemIndex,
		});
	}
	if (error instanceof NodeApiError && failure.status === undefined && failure.code === undefined) {
		// Raised by n8n before any HTTP exchange (e.g. credential needs reconnecting): keep its text.
		const message = redact(error.message);
		return new NodeApiError(node, { message } as JsonObject, {
			message,
			description: error.description ? redact(error.description) : undefined,
			itemIndex: request.itemIndex,
		});
	}
	const body = parseResponseBody(failure.responseBody);
	const fromTokenUrl = failure.status !== undefined && isTokenUrlFailure(error, tokenUrl);
	const found =
		findApiErrorMessage(body) ??
		(failure.status !== undefined ? httpFailureMessage(failure.status, body) : undefined) ??
		(failure.code ? `network error ${failure.code}` : undefined) ??
		(error instanceof Error ? error.message : 'request failed');
	const apiMessage = redact(fromTokenUrl ? `refreshing the access token failed: ${found}` : found);
	const status =
		failure.status !== undefined ? `HTTP ${failure.status}` : (failure.code ?? 'no response');
	const attemptsText = attempts > 1 ? ` after ${attempts} attempts` : '';
	return new NodeApiError(
		node,
		{ message: apiMessage, requestType: request.requestType } as JsonObject,
		{
			message: `Wise Agent: ${apiMessage}`,
			description: `"${request.requestType}" failed (${status})${attemptsText}.`,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}

/**
 * What to tell the user when the token endpoint refused a refresh. A wrong client secret
 * (invalid_client) cannot heal by itself: the credential must be fixed or reconnected.
 */
function refreshFailureMessage(refresh: RefreshFailure, credentialLabel: string): string {
	const said = [refresh.error, refresh.description].filter(Boolean).join(': ');
	const answer = said
		? ` (${refresh.status !== undefined ? `HTTP ${refresh.status} ` : ''}${shortText(said)})`
		: refresh.status !== undefined
			? ` (HTTP ${refresh.status})`
			: '';
	if (refresh.error === 'invalid_client' || refresh.status === 401) {
		return `the credential ${credentialLabel} needs to be reconnected, or its client secret fixed: Wise Agent refused the client ID and secret when n8n refreshed the access token${answer}`;
	}
	return `the credential ${credentialLabel} needs to be reconnected: the access token could not be refreshed${answer}`;
}

function shortText(text: string): string {
	const plain = text.trim();
	return plain.startsWith('<')
		? 'an HTML page'
		: plain.length > 200
			? `${plain.slice(0, 200)}…`
			: plain;
}

/** `HTTP 502: Bad Gateway`, with the body's text when it is short and plain. */
function httpFailureMessage(status: number, body: unknown): string {
	const text = typeof body === 'string' ? body.trim() : '';
	return text && text.length <= 200 && !text.startsWith('<')
		? `HTTP ${status}: ${text}`
		: `HTTP ${status}`;
}

/** Belt and braces: error texts from lower layers must not carry bearer tokens. */
export function stripSecrets(text: string): string {
	return text
		.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
		.replace(/((?:access|refresh)_token|client_secret|code_verifier)=([^&\s]+)/gi, '$1=[redacted]');
}

/**
 * Pages of one list read in flight at once; the only place this number is set. Wise Agent
 * documents no rate limit: eight keeps one read modest while a 100-page Return All at 50 ms
 * latency waits 13 round trips instead of 25 (four), and a 429 on any page holds all of them
 * back (the run's one back-off gate).
 */
export const PAGE_CONCURRENCY = 8;

export interface PageRequestOptions {
	/** Items per page sent as `page_size`. */
	pageSize: number;
	/** Stop after this many items; undefined = all. */
	limit?: number;
	/** Picks the records out of one page's body. */
	extract: (body: unknown) => IDataObject[];
	/** Total number of records, when known before paging (getContactsCount). */
	total?: number;
	/** Reads the total from page 1's body (tasks' TotalCount); undefined when it tells none. */
	totalFrom?: (body: unknown) => number | undefined;
	/** Most pages in flight at once; PAGE_CONCURRENCY when not given. */
	concurrency?: number;
	/** The page to start from (1 by default): a read that goes on where an earlier one stopped. */
	firstPage?: number;
	/**
	 * The list's documented default page size: any page_size up to it is taken as honoured. Above
	 * it, a page 1 shorter than asked for but at least this long may be the API capping page_size
	 * (it documents no maximum): the next pages are then read at the size it sent.
	 */
	honouredPageSize?: number;
}

/**
 * Fetches pages (`page` from 1, `page_size`) up to the user's limit. When the total is known
 * (getContactsCount, or tasks' TotalCount after page 1) exactly the pages holding it are fetched,
 * `concurrency` at a time. Without a total, page 1 goes alone (most lists fit in one page), then
 * pages are read ahead, the window growing by one per full page up to `concurrency`; the first
 * short page ends the list and pages read past it are dropped (reads are idempotent, so they cost
 * only requests: fewer than `concurrency`). Results keep page order however answers arrive.
 */
export async function wiseAgentApiRequestAllItems(
	this: WiseAgentContext,
	request: WiseAgentRequest,
	paging: PageRequestOptions,
): Promise<IDataObject[]> {
	const wanted = paging.limit ?? Infinity;
	// A limit below one page asks for just that many records.
	const pageSize = Math.max(1, Math.min(paging.pageSize, wanted));
	const firstPage = Math.max(1, Math.floor(paging.firstPage ?? 1));
	const first = await readPages(this, request, paging, {
		firstPage,
		pageSize,
		wanted,
		total: paging.total,
	});
	if (first.cappedAt === undefined || firstPage !== 1) return first.records;
	// Page 1 was shorter than page_size while more records exist, or may: the API caps the page
	// size. Page 2 on are read at the size it sent (an empty page 2 ends a list that just fit).
	const size = first.cappedAt;
	const rest = await readPages(this, request, paging, {
		firstPage: 2,
		pageSize: size,
		wanted: wanted - size,
		total: first.total === undefined ? undefined : first.total - size,
	});
	return [...first.records, ...rest.records];
}

interface PagePlan {
	firstPage: number;
	/** page_size, the same for every page of the plan (page numbers count in it). */
	pageSize: number;
	/** Records wanted from `firstPage` on. */
	wanted: number;
	/** Records there are from `firstPage` on, when known. */
	total?: number;
}

interface PagesRead {
	records: IDataObject[];
	total?: number;
	/** Set when page 1 looked capped: its length. `records` then holds page 1 only. */
	cappedAt?: number;
}

/**
 * A page whose request gave up on a passing failure (502/503/504 or a dropped connection, after
 * its own retries) is asked for this many times more: with pages read in parallel, a token
 * refresh or a flaky minute can use up one page's retries, and one unlucky page must not sink
 * a read of hundreds. Not for 429: waiting out rate limits has its own, longer budget.
 */
const PAGE_RETRIES = 1;

function gaveUpPassingFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || errorsFromBody.has(error)) return false;
	const status = Number(error.httpCode);
	// buildApiError names a network failure's code in its message ("network error ECONNRESET").
	const code = /\bnetwork error (E[A-Z_]+)\b/.exec(error.message)?.[1];
	if (status === 429) return false;
	return isRetryable(
		{ status: Number.isInteger(status) && status > 0 ? status : undefined, code },
		'GET',
	);
}

/**
 * One pass of wiseAgentApiRequestAllItems. Its own small scheduler, not mapWithConcurrency: the
 * pages to fetch are not known up front (the end and the window move as answers arrive).
 */
async function readPages(
	context: WiseAgentContext,
	request: WiseAgentRequest,
	paging: PageRequestOptions,
	plan: PagePlan,
): Promise<PagesRead> {
	const { firstPage, pageSize, wanted } = plan;
	const concurrency = Math.max(1, Math.floor(paging.concurrency ?? PAGE_CONCURRENCY));
	const pagesUpTo = (count: number | undefined) =>
		firstPage - 1 + Math.ceil(Math.min(count ?? Infinity, wanted) / pageSize);
	const pages = new Map<number, IDataObject[]>();
	const failures = new Map<number, unknown>();
	const tries = new Map<number, number>();
	const again: number[] = [];
	let total = plan.total;
	/** The last page that can hold a wanted record. */
	let lastPage = pagesUpTo(total);
	/** The first short page seen (lists without a total). */
	let shortPage = Infinity;
	/** The first page that failed for good: pages after it cannot help. */
	let failedPage = Infinity;
	let cappedAt: number | undefined;
	let fullPages = 0;
	let next = firstPage;
	let inFlight = 0;

	const windowSize = () =>
		total !== undefined ? concurrency : Math.min(concurrency, 1 + fullPages);
	const lastUseful = () => Math.min(lastPage, shortPage, failedPage - 1);
	const nextPage = (): number | undefined => {
		while (again.length > 0) {
			const page = again.shift()!;
			if (page <= lastUseful()) return page;
		}
		return next <= lastUseful() ? next++ : undefined;
	};
	const looksCapped = (length: number) =>
		paging.honouredPageSize !== undefined &&
		length >= paging.honouredPageSize &&
		length < pageSize &&
		Math.min(total ?? Infinity, wanted) > length;
	const receive = (page: number, body: unknown) => {
		const records = paging.extract(body);
		pages.set(page, records);
		if (page === 1 && total === undefined && paging.totalFrom) {
			const found = paging.totalFrom(body);
			// A total below what the page holds contradicts it: paging then goes on to a short page.
			if (found !== undefined && found >= records.length) {
				total = found;
				lastPage = pagesUpTo(found);
			}
		}
		if (page === 1 && looksCapped(records.length)) {
			cappedAt = records.length;
		} else if (total === undefined) {
			if (records.length < pageSize) shortPage = Math.min(shortPage, page);
			else fullPages++;
		}
	};
	const failed = (page: number, error: unknown) => {
		const tried = (tries.get(page) ?? 0) + 1;
		tries.set(page, tried);
		if (tried <= PAGE_RETRIES && gaveUpPassingFailure(error)) {
			again.push(page);
		} else {
			failures.set(page, error);
			failedPage = Math.min(failedPage, page);
		}
	};

	await new Promise<void>((resolve) => {
		const pump = () => {
			while (cappedAt === undefined && inFlight < windowSize()) {
				const page = nextPage();
				if (page === undefined) break;
				inFlight++;
				void wiseAgentApiRequest
					.call(context, { ...request, query: { ...request.query, page, page_size: pageSize } })
					.then((body) => receive(page, body))
					.catch((error: unknown) => failed(page, error))
					.finally(() => {
						inFlight--;
						pump();
					});
			}
			if (inFlight === 0) resolve();
		};
		pump();
	});

	if (cappedAt !== undefined) return { records: pages.get(1) ?? [], total, cappedAt };
	const end = Math.min(lastPage, shortPage);
	// Every page up to the end was read, unless one failed for good before it.
	if (failedPage <= end) throw failures.get(failedPage);
	const records = [...pages.keys()]
		.filter((page) => page <= end)
		.sort((a, b) => a - b)
		.flatMap((page) => pages.get(page)!);
	return { records: records.slice(0, Math.min(wanted, total ?? Infinity)), total };
}
