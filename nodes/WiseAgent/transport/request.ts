import type {
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

import { findApiErrorMessage } from '../helpers/apiErrors';
import { parseResponseBody } from '../helpers/parse';
import { mapWithConcurrency } from './concurrency';
import type { FailureFacts } from './retry';
import { isRetryable, retryDelayMs, retryPolicy } from './retry';

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
 * (see retry.ts). Errors that the API reports with HTTP 200 become NodeApiError with the
 * API's message. No error built here carries request headers, so tokens never leak.
 */
export async function wiseAgentApiRequest(
	this: WiseAgentContext,
	request: WiseAgentRequest,
): Promise<unknown> {
	const options = await buildRequestOptions(this, request);
	const startedAt = Date.now();

	for (let retry = 0; ; retry++) {
		try {
			const body = await this.helpers.httpRequestWithAuthentication.call(
				this,
				WISE_AGENT_CREDENTIAL_TYPE,
				{ ...options },
			);
			// Outside the retry decision: an error the API answered with HTTP 200 is final.
			return checkedBody(this, request, body);
		} catch (error) {
			if (errorsFromBody.has(error as Error)) throw error;
			const failure = failureFacts(error);
			const delay = retryDelayMs(retry + 1, failure.retryAfter, retryPolicy);
			const withinBudget = Date.now() - startedAt + delay <= retryPolicy.maxTotalMs;
			if (retry < retryPolicy.maxRetries && withinBudget && isRetryable(failure, request.method)) {
				await sleep(delay);
				continue;
			}
			throw toApiError(this, request, error, failure, retry);
		}
	}
}

async function buildRequestOptions(
	context: WiseAgentContext,
	request: WiseAgentRequest,
): Promise<IHttpRequestOptions> {
	const credentials = await context.getCredentials(WISE_AGENT_CREDENTIAL_TYPE);
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
	return options;
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

function checkedBody(context: WiseAgentContext, request: WiseAgentRequest, raw: unknown): unknown {
	const body = parseResponseBody(raw);
	const message = findApiErrorMessage(body);
	if (message !== undefined) {
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
		errorsFromBody.add(error);
		throw error;
	}
	return body;
}

interface ErrorLike {
	code?: string;
	httpCode?: string | null;
	cause?: unknown;
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/** Status, network code and Retry-After, wherever n8n's or axios' error wrapping put them. */
export function failureFacts(error: unknown): FailureFacts & { responseBody?: unknown } {
	const facts: FailureFacts & { responseBody?: unknown } = {};
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

/**
 * A clean NodeApiError: the API's own message and the HTTP status, never the original
 * error object (it holds the request config, Authorization header included).
 */
function toApiError(
	context: WiseAgentContext,
	request: WiseAgentRequest,
	error: unknown,
	failure: FailureFacts & { responseBody?: unknown },
	retries: number,
): NodeApiError {
	if (error instanceof NodeApiError && failure.status === undefined && failure.code === undefined) {
		// Raised by n8n before any HTTP exchange (e.g. credential needs reconnecting): keep its text.
		return new NodeApiError(context.getNode(), { message: error.message } as JsonObject, {
			message: error.message,
			description: error.description ?? undefined,
			itemIndex: request.itemIndex,
		});
	}
	const body = parseResponseBody(failure.responseBody);
	const apiMessage =
		findApiErrorMessage(body) ??
		(failure.status !== undefined ? httpFailureMessage(failure.status, body) : undefined) ??
		(failure.code ? `network error ${failure.code}` : undefined) ??
		(error instanceof Error ? stripSecrets(error.message) : 'request failed');
	const status =
		failure.status !== undefined ? `HTTP ${failure.status}` : (failure.code ?? 'no response');
	const attempts = retries > 0 ? ` after ${retries + 1} attempts` : '';
	return new NodeApiError(
		context.getNode(),
		{ message: apiMessage, requestType: request.requestType } as JsonObject,
		{
			message: `Wise Agent: ${apiMessage}`,
			description: `"${request.requestType}" failed (${status})${attempts}.`,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			itemIndex: request.itemIndex,
		},
	);
}

/** `HTTP 502: Bad Gateway`, with the body's text when it is short and plain. */
function httpFailureMessage(status: number, body: unknown): string {
	const text = typeof body === 'string' ? stripSecrets(body.trim()) : '';
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

export interface PageRequestOptions {
	/** Items per page sent as `page_size`. */
	pageSize: number;
	/** Stop after this many items; undefined = all. */
	limit?: number;
	/** Picks the records out of one page's body. */
	extract: (body: unknown) => IDataObject[];
	/** Total number of records, when the API can tell (getContactsCount, tasks' TotalCount). */
	total?: number;
	/** Pages fetched at once when `total` is known. */
	concurrency?: number;
}

/**
 * Fetches pages (`page` from 1, `page_size`) until a short page, the user's limit, or the known
 * total. With a known total, pages are fetched a few at a time; results keep page order.
 */
export async function wiseAgentApiRequestAllItems(
	this: WiseAgentContext,
	request: WiseAgentRequest,
	paging: PageRequestOptions,
): Promise<IDataObject[]> {
	const wanted = paging.limit ?? Infinity;
	// A limit below one page asks for just that many records.
	const pageSize = Math.max(1, Math.min(paging.pageSize, wanted));
	const fetchPage = async (page: number) =>
		paging.extract(
			await wiseAgentApiRequest.call(this, {
				...request,
				query: { ...request.query, page, page_size: pageSize },
			}),
		);

	if (paging.total !== undefined) {
		const count = Math.min(paging.total, wanted);
		const pageCount = Math.ceil(count / pageSize);
		const pageNumbers = Array.from({ length: pageCount }, (_, index) => index + 1);
		const pages = await mapWithConcurrency(pageNumbers, paging.concurrency ?? 4, fetchPage);
		return pages.flat().slice(0, count);
	}

	const results: IDataObject[] = [];
	for (let page = 1; results.length < wanted; page++) {
		const records = await fetchPage(page);
		results.push(...records.slice(0, wanted - results.length));
		if (records.length < pageSize) break;
	}
	return results;
}
