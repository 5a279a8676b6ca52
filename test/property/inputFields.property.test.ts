import fc from 'fast-check';
import nock from 'nock';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../helpers/n8n';
import type { Field } from './inputFields';
import {
	KINDS,
	baselineParameters,
	collectFields,
	parametersFor,
	show,
	validItemValue,
} from './inputFields';

/**
 * Property-based bad input over every input field of every operation, found by walking the
 * node's description (the resources registry). Each generated value reaches the node through
 * an expression (`{{ $json.v }}`) on item 1, after a valid item 0, so any JS value can arrive.
 * For every value, either:
 *  - it is rejected before item 1 sends anything: a NodeOperationError whose message starts with
 *    the field's name as the user sees it and ends with "(item 1)"; or
 *  - it is accepted and sent literally (trimmed; URL-encoded by the transport, so the API
 *    decodes exactly the value), or — for an empty optional top-level field — not sent at all.
 * Either way the request types (and methods) are those of a valid run: a value never changes
 * what is asked of the API (`&requestType=deleteProperty` stays text).
 */

// ---------------------------------------------------------------------------------------------
// Recording every request the node sends, with canned answers per request type.

interface SentRequest {
	method: string;
	requestType: string | null;
	requestTypeCount: number;
	params: Array<[string, string]>;
}

let sent: SentRequest[] = [];

const CANNED: Record<string, unknown> = {
	'GET webhooks': {
		Data: [
			{ WebhookID: '42', EventType: 'contactCreate', Status: 'Active', Url: 'https://e.x/old' },
		],
	},
	'GET Content': {
		data: [{ Id: '42', Name: 'N', Category: 'C', Subject: 'S', Html: '<p>h</p>' }],
	},
	'GET tasks': { Page: 1, TotalCount: 1, Data: [{ TaskID: '42', Description: 'x' }] },
	'GET getContacts': [],
	'GET getContactsCount': { count: 0 },
	'GET getSingleContact': [{ ClientID: 42 }],
	'POST webcontact': { success: 'true', data: { ClientID: 42, NewContact: true } },
	'GET getContactNotes': [{ NoteID: 42 }],
	'GET getProperty': [{ PropertyID: '42' }],
	'GET calls': { Data: [{ CallId: '42' }] },
	'GET getCategoryClientCount': [{ success: 'true', categorycount: 1 }],
	'GET getUser': [{ First: 'A', Last: 'B', Email: 'a@example.com' }],
	'GET getLoginToken': 'https://www.thewiseagent.com/secure/login_secure?accesstoken=t',
	'GET getPropertySearchCriteria': { propZip: '85212' },
};

function recordAndAnswer(method: string, uri: string, body: unknown): [number, unknown] {
	const url = new URL(uri, SERVER_URL);
	const params: Array<[string, string]> = [...url.searchParams.entries()].filter(
		([key]) => key !== 'requestType',
	);
	if (typeof body === 'string' && body !== '') params.push(...new URLSearchParams(body).entries());
	else if (body && typeof body === 'object') {
		for (const [key, value] of Object.entries(body)) params.push([key, String(value)]);
	}
	const requestType = url.searchParams.get('requestType');
	sent.push({
		method,
		requestType,
		requestTypeCount:
			url.searchParams.getAll('requestType').length +
			params.filter(([key]) => key.toLowerCase() === 'requesttype').length,
		params,
	});
	return [200, CANNED[`${method} ${requestType}`] ?? { success: 'true' }];
}

beforeAll(() => {
	nock.disableNetConnect();
	for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
		nock(SERVER_URL)
			.persist()
			.intercept(DATA_PATH, method)
			.query(true)
			.reply(function (uri, body) {
				return recordAndAnswer(method, uri, body);
			});
	}
});
afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

// ---------------------------------------------------------------------------------------------
// The oracle.

const ALL_FIELDS = collectFields();

const baselineCache = new Map<string, { types: Set<string>; count: number }>();

async function baselineOf(field: Field) {
	const cacheKey = `${field.resource}.${field.operation}:${JSON.stringify(field.selectors)}`;
	let baseline = baselineCache.get(cacheKey);
	if (!baseline) {
		sent = [];
		const parameters = baselineParameters(field.resource, field.operation);
		Object.assign(parameters, field.selectors);
		const result = await runWiseAgentNode({ parameters });
		if (result.error && result.error.name === 'NodeOperationError') {
			throw new Error(`baseline of ${cacheKey} fails: ${result.error.message}`);
		}
		baseline = {
			types: new Set(sent.map((request) => `${request.method} ${request.requestType}`)),
			count: sent.length,
		};
		baselineCache.set(cacheKey, baseline);
	}
	return baseline;
}

/** An independent check of the date forms the node documents (the test's own oracle). */
function isRealDocumentedDate(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const text = value.trim();
	const iso =
		/^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i.exec(
			text,
		);
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})( \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?$/i.exec(text);
	const [year, month, day] = iso
		? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
		: us
			? [Number(us[3]), Number(us[1]), Number(us[2])]
			: [NaN, NaN, NaN];
	if (!(year >= 1900 && year <= 2100)) return false;
	const date = new Date(Date.UTC(2000, month - 1, day));
	date.setUTCFullYear(year);
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function expectedSentValues(field: Field, value: unknown): string[] | undefined {
	const scalar =
		typeof value === 'string'
			? value.trim()
			: typeof value === 'number'
				? String(value)
				: undefined;
	switch (field.model) {
		case 'text':
			return scalar === undefined ? undefined : [scalar];
		case 'upper':
			return scalar === undefined ? undefined : [scalar.toUpperCase()];
		case 'vendor':
			return scalar === undefined ? undefined : [`V${scalar.replace(/^v/i, '')}`];
		case 'digits':
			return scalar === undefined ? undefined : [scalar.replace(/\D/g, '')];
		case 'list': {
			const entries = Array.isArray(value)
				? value.map((entry) => String(entry).trim())
				: scalar?.split(',').map((entry) => entry.trim());
			return entries && [entries.join(field.separator), entries.join(',')];
		}
		default:
			return undefined;
	}
}

interface Outcome {
	ok: boolean;
	/** Refused before sending, naming the field and item. */
	rejected?: boolean;
	why?: string;
}

async function check(field: Field, value: unknown): Promise<Outcome> {
	const baseline = await baselineOf(field);
	sent = [];
	// continueOnFail: item 1 runs whatever item 0's (canned) answer was.
	const result = await runWiseAgentNode({
		parameters: parametersFor(field),
		items: [{ v: validItemValue(field) }, { v: value }] as never,
		continueOnFail: true,
	});
	if (result.error) return { ok: false, why: `the run failed: ${result.error.message}` };
	for (const request of sent) {
		if (request.requestTypeCount !== 1) return { ok: false, why: 'requestType sent twice' };
		if (!baseline.types.has(`${request.method} ${request.requestType}`)) {
			return { ok: false, why: `request type changed to ${request.method} ${request.requestType}` };
		}
	}
	const pairedWith = (itemIndex: number) =>
		result.items.filter((item) =>
			[item.pairedItem]
				.flat()
				.some((paired) => typeof paired === 'object' && paired?.item === itemIndex),
		);
	// Item 0 may fail on a canned answer after sending, never on its (valid) input.
	const itemZeroError = pairedWith(0).find((item) => item.json.error !== undefined);
	if (itemZeroError && String(itemZeroError.json.error).endsWith('(item 0)')) {
		return { ok: false, why: `the valid item 0 failed: ${String(itemZeroError.json.error)}` };
	}
	const failure = pairedWith(1).find((item) => item.json.error !== undefined);
	const message = failure === undefined ? undefined : String(failure.json.error);
	// An error after sending (the API's answer) is "Wise Agent…"; anything else is about input.
	if (message !== undefined && !message.startsWith('Wise Agent')) {
		const named = field.labels.some(
			(label) => message.startsWith(`${label}: `) && message.endsWith('(item 1)'),
		);
		if (!named) return { ok: false, why: `error does not name the field and item: ${message}` };
		if (sent.length > baseline.count)
			return { ok: false, why: 'item 1 sent a request before failing' };
		return { ok: true, rejected: true };
	}
	// Accepted: check it was sent as typed.
	const emptyList = Array.isArray(value) && value.length === 0;
	const isEmpty = (typeof value === 'string' && value.trim() === '') || emptyList;
	if (isEmpty) {
		if (value !== '' && !emptyList) return { ok: false, why: 'whitespace-only value accepted' };
		if (field.optionalTopLevel || field.emptyIsSent) return { ok: true };
		return { ok: false, why: 'empty value accepted' };
	}
	switch (field.model) {
		case 'control':
			return { ok: true };
		case 'boolean':
			return typeof value === 'boolean' || /^(true|false)$/i.test(String(value).trim())
				? { ok: true }
				: { ok: false, why: 'a non-boolean was accepted for a boolean' };
		case 'option': {
			const options = (field.property.options as Array<{ value: unknown }>).map((o) => o.value);
			return options.some((option) => option === value || String(option) === String(value).trim())
				? { ok: true }
				: { ok: false, why: 'a value outside the options was accepted' };
		}
		case 'date':
			return isRealDocumentedDate(value)
				? { ok: true }
				: { ok: false, why: 'a non-date was accepted' };
		case 'number': {
			const number =
				typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
			const found = sent.some((request) =>
				request.params.some(([, text]) => text !== '' && Number(text) === number),
			);
			return Number.isFinite(number) && found
				? { ok: true }
				: { ok: false, why: 'number accepted but not sent as that number' };
		}
	}
	const expected = expectedSentValues(field, value);
	if (expected === undefined)
		return { ok: false, why: `accepted ${typeof value} for a text field` };
	const found = sent.some((request) =>
		request.params.some(
			([, text]) => expected.includes(text) || text.split(',').includes(expected[0]),
		),
	);
	return found
		? { ok: true }
		: {
				ok: false,
				why: `not sent literally (expected ${JSON.stringify(expected[0]).slice(0, 80)})`,
			};
}

const RUNS_PER_KIND = 60;

const stats: Record<string, { runs: number; rejected: number; accepted: number }> = {};
const started = Date.now();

afterAll(() => {
	const total = Object.values(stats).reduce((sum, kind) => sum + kind.runs, 0);
	console.log(
		`input fields: ${ALL_FIELDS.length} in ${new Set(ALL_FIELDS.map((f) => `${f.resource}.${f.operation}`)).size} operations; ` +
			`${total} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
			Object.entries(stats)
				.map(
					([kind, s]) =>
						`  ${kind}: ${s.runs} runs (${s.rejected} rejected, ${s.accepted} accepted)`,
				)
				.join('\n'),
	);
});

describe('every input field, every kind of bad input', () => {
	it('walks a sane number of fields, and every baseline runs clean', async () => {
		expect(ALL_FIELDS.length).toBeGreaterThan(300);
		for (const field of ALL_FIELDS) await baselineOf(field);
	});

	const kindNames = Object.keys(KINDS);
	kindNames.forEach((kind, kindIndex) => {
		it(`${kind}: rejected before sending (naming field and item) or sent literally`, async () => {
			stats[kind] = { runs: 0, rejected: 0, accepted: 0 };
			// Every field gets this kind in a rotation (three kinds per field), plus random runs.
			const examples = ALL_FIELDS.filter((_, index) =>
				[0, 3, 7].some((shift) => (index + shift) % kindNames.length === kindIndex),
			).map(
				(field, index) =>
					[field, fc.sample(KINDS[kind], { numRuns: 1, seed: index })[0]] as [Field, unknown],
			);
			await fc.assert(
				fc.asyncProperty(fc.constantFrom(...ALL_FIELDS), KINDS[kind], async (field, value) => {
					const outcome = await check(field, value);
					stats[kind].runs++;
					if (outcome.rejected) stats[kind].rejected++;
					else if (outcome.ok) stats[kind].accepted++;
					if (!outcome.ok) {
						throw new Error(`${field.key} = ${show(value)}: ${outcome.why}`);
					}
					return true;
				}),
				// fast-check counts the examples as runs: the random ones come on top.
				{ numRuns: examples.length + RUNS_PER_KIND, examples, endOnFailure: true },
			);
		}, 120_000);
	});
});
