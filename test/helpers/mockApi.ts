import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { RunOptions, RunResult } from './n8n';
import { DATA_PATH, SERVER_URL, runWiseAgentNode } from './n8n';

/**
 * Shared by the note, task, call, property and category tests: one mocked Wise Agent request
 * that records what the node sent, so tests can assert the exact query and form fields.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RecordedRequest {
	query?: Record<string, string>;
	body?: Record<string, string>;
}

export function mockRequest(
	method: Method,
	requestType: string,
	reply: nock.Body,
	options: { page?: number; status?: number } = {},
): { scope: nock.Scope; request: RecordedRequest } {
	const request: RecordedRequest = {};
	const scope = nock(SERVER_URL)
		.intercept(DATA_PATH, method, (body: Record<string, string> | string) => {
			if (method !== 'GET') request.body = typeof body === 'string' ? {} : { ...body };
			return true;
		})
		.query((query) => {
			if (query.requestType !== requestType) return false;
			if (options.page !== undefined && query.page !== String(options.page)) return false;
			request.query = { ...query } as Record<string, string>;
			return true;
		})
		.reply(options.status ?? 200, reply);
	return { scope, request };
}

/** An interceptor that must stay unused: input validation fails before any request. */
export function tripwire(): { isDone(): boolean } {
	const scopes = (['GET', 'POST', 'PUT', 'DELETE'] as const).map((method) =>
		nock(SERVER_URL).intercept(DATA_PATH, method).query(true).reply(200, { success: true }),
	);
	return { isDone: () => scopes.some((scope) => scope.isDone()) };
}

export function setUpNock() {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** The workflow failed with a NodeApiError carrying the API's message. */
export function expectApiError(result: RunResult, apiMessage: string) {
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe(`Wise Agent: ${apiMessage}`);
	expect(result.items).toEqual([]);
}

/** The workflow failed on input, naming the field and the item, before any request. */
export function expectInputError(result: RunResult, field: string, itemIndex = 0) {
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(
		new RegExp(`^${escape(field)}: .*\\(item ${itemIndex}\\)$`),
	);
}

/**
 * Runs the node with a tripwire set and checks that it failed on input (naming the field and
 * the item) without sending any request.
 */
export async function expectRejectedBeforeSending(
	options: RunOptions,
	field: string,
	itemIndex = 0,
): Promise<RunResult> {
	const wire = tripwire();
	const result = await runWiseAgentNode(options);
	expectInputError(result, field, itemIndex);
	expect(wire.isDone()).toBe(false);
	return result;
}

/** continueOnFail: one error item per failed input item, paired back to it. */
export function expectErrorItem(
	result: RunResult,
	apiMessage: string,
	itemIndex = 0,
	position = 0,
) {
	expect(result.error).toBeUndefined();
	const item = result.items[position];
	expect(item.json.error).toBe(`Wise Agent: ${apiMessage}`);
	expect(item.pairedItem).toEqual({ item: itemIndex });
}

export function jsonOf(result: RunResult): IDataObject[] {
	return result.items.map((item) => item.json);
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
