import nock from 'nock';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { Logger as WinstonLogger } from 'winston';

import { retryPolicy } from '../../nodes/WiseAgent/transport/retry';
import { webhookRetry } from '../../nodes/WiseAgentTrigger/registration';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';
import {
	DATA_PATH,
	SERVER_URL,
	credentialData,
	runNodeMethod,
	runWiseAgentNode,
} from '../helpers/n8n';
import { PRODUCTION_URL, TriggerHarness } from '../helpers/trigger';

// n8n at its most talkative. Read when n8n's Logger is first built (in beforeAll below).
process.env.N8N_LOG_LEVEL = 'debug';

/**
 * One test, every error path: API and token endpoint answers that echo the access token, the
 * refresh token, the client secret (alone and as the Basic header) and the webhook token, in JSON,
 * text and HTML, with HTTP 200, 401, 403, 500, 502 and 503. For each, everything that leaves the
 * node is captured: the items (continueOnFail ones too), the error with all its own properties
 * and causes, the stored execution data, what the trigger's activation throws, and n8n's log.
 * Not one form of any secret may appear anywhere.
 */

const CLIENT_ID = 'secrets-test-client';
// Characters that URL, form and base64 encodings all change, so each form is distinct.
const SECRETS: Record<string, string> = {
	accessToken: 'AT.a+b/c=d&e%f~access-0001',
	refreshToken: 'RT.r+e/f=r&e%s~refresh-0002',
	clientSecret: 'CS:c+l/i=e&n%t~client-0003',
	refreshedAccessToken: 'NAT.n+e/w=a&c%c~access-0004',
	refreshedRefreshToken: 'NRT.n+e/w=r&e%f~refresh-0005',
};

const b64 = (text: string) => Buffer.from(text).toString('base64').replace(/=+$/, '');
const form = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);

/**
 * The forms an answer could echo a secret in (written here, independently of the node's list);
 * the client secret also as the Basic header's base64 of `clientId:clientSecret`.
 */
function encodings(secret: string): Record<string, string> {
	const basic: Record<string, string> =
		secret === SECRETS.clientSecret ? { basicWithClientId: b64(`${CLIENT_ID}:${secret}`) } : {};
	return {
		...basic,
		raw: secret,
		urlEncoded: encodeURIComponent(secret),
		urlEncodedLowercase: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) =>
			e.toLowerCase(),
		),
		formEncoded: form(secret),
		urlEncodedTwice: encodeURIComponent(encodeURIComponent(secret)),
		formEncodedUrl: form(encodeURIComponent(secret)),
		base64: b64(secret),
		base64url: Buffer.from(secret).toString('base64url'),
	};
}

/** A body fragment holding every form of the secrets. */
function echo(...secrets: string[]): string {
	return secrets
		.flatMap((secret) =>
			Object.entries(encodings(secret)).map(([name, value]) => `${name}=${value}`),
		)
		.join(' ');
}

const credentials = credentialData({
	clientId: CLIENT_ID,
	clientSecret: SECRETS.clientSecret,
	oauthTokenData: {
		access_token: SECRETS.accessToken,
		refresh_token: SECRETS.refreshToken,
		expires_at: '2030-01-01T00:00:00.000Z',
	},
});

/** Every string reachable from `value`: own properties (enumerable or not), stacks, causes. */
function dump(value: unknown): string {
	const parts: string[] = [];
	const seen = new Set<unknown>();
	const visit = (current: unknown, depth: number) => {
		if (typeof current === 'string') return void parts.push(current);
		if (typeof current === 'number' || typeof current === 'boolean') return;
		if (current === null || typeof current !== 'object' || depth > 25 || seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) return void parts.push(current.toString('utf8'));
		for (const key of Object.getOwnPropertyNames(current)) {
			parts.push(key);
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(child, depth + 1);
		}
		if (current instanceof Error) visit(current.cause, depth + 1);
	};
	visit(value, 0);
	return parts.join('\n');
}

function errorJson(error: unknown): string {
	const seen = new Set<unknown>();
	return JSON.stringify(error, function (_key, v: unknown) {
		if (v instanceof Error) {
			if (seen.has(v)) return '[seen]';
			seen.add(v);
			const all: Record<string, unknown> = {};
			for (const key of Object.getOwnPropertyNames(v)) all[key] = (v as never)[key];
			return { ...all, cause: v.cause };
		}
		return v;
	});
}

// ---------------------------------------------------------------- n8n's log

const logLines: string[] = [];
let logger: Logger;

beforeAll(() => {
	nock.disableNetConnect();
	logger = Container.get(Logger);
	// Everything n8n logs goes through this winston logger; keep every call, metadata included.
	const capture = {
		log: (level: string, message: string, meta: unknown) => {
			logLines.push(`${level} ${message} ${errorJson(meta)} ${dump(meta)}`);
		},
		child: () => capture,
	};
	(logger as unknown as { setInternalLogger(internal: WinstonLogger): void }).setInternalLogger(
		capture as unknown as WinstonLogger,
	);
});

const savedPolicy = { ...retryPolicy };
beforeEach(() => Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 1 }));
afterEach(() => {
	Object.assign(retryPolicy, savedPolicy);
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

// ---------------------------------------------------------------- scenarios

const api = () => nock(SERVER_URL);
const getContact = {
	resource: 'contact',
	operation: 'get',
	contactId: { __rl: true, mode: 'id', value: '42' },
};

interface Capture {
	/** What the scenario produced: outputs, errors, execution data. */
	outputs: Record<string, unknown>;
	/** Interceptors that must have been used (the echo was really sent). */
	scopes: nock.Scope[];
	/** Extra secrets only the scenario knows (the webhook token). */
	secrets?: Record<string, string>;
	/** Whether it failed the way it should (an error, or an error item). */
	failed: boolean;
}

/** Sent twice when the GET is retried (maxRetries 1 here): 502, 503. */
const timesFor = (status: number) => ([502, 503].includes(status) ? 2 : 1);

/** The data API answers `status` with `body`. */
function dataAnswer(status: number, body: string | object, headers: Record<string, string> = {}) {
	return api().get(DATA_PATH).query(true).times(timesFor(status)).reply(status, body, headers);
}

/**
 * The access token is refused, so n8n refreshes it: the token URL answers `status`/`body`.
 * Each attempt sends the refused token twice: signed by the node, then through n8n's OAuth2
 * helper, which refreshes on that second 401.
 */
function failedRefresh(
	status: number,
	body: string | object,
	headers: Record<string, string> = {},
) {
	return [
		api()
			.get(DATA_PATH)
			.query(true)
			.times(2 * timesFor(status))
			.reply(401, { error: 'invalid_grant', error_description: 'The token has expired' }),
		api().post('/WiseAuth/token').times(timesFor(status)).reply(status, body, headers),
	];
}

async function nodeRun(scopes: () => nock.Scope[], continueOnFail: boolean): Promise<Capture> {
	const used = scopes();
	const result = await runWiseAgentNode({ parameters: getContact, credentials, continueOnFail });
	const failed = continueOnFail
		? result.error === undefined && typeof result.items[0]?.json.error === 'string'
		: result.error !== undefined;
	return {
		outputs: {
			items: result.items,
			errorJson: errorJson(result.error),
			error: result.error,
			description: result.error?.description,
			executionData: result.run?.data,
		},
		scopes: used,
		failed,
	};
}

const nodeScenarios: Record<string, () => nock.Scope[]> = {
	'HTTP 500, JSON error echoing the bearer token': () => [
		dataAnswer(500, {
			error: `Invalid token Bearer ${SECRETS.accessToken} ${echo(SECRETS.accessToken)}`,
		}),
	],
	'HTTP 500, short text echoing the token': () => [
		dataAnswer(500, `token ${SECRETS.accessToken} rejected`, { 'Content-Type': 'text/plain' }),
	],
	'HTTP 500, text echoing every secret': () => [
		dataAnswer(500, echo(SECRETS.accessToken, SECRETS.refreshToken, SECRETS.clientSecret), {
			'Content-Type': 'text/plain',
		}),
	],
	'HTTP 500, HTML echoing every secret': () => [
		dataAnswer(
			500,
			`<html><body>${echo(SECRETS.accessToken, SECRETS.clientSecret)}</body></html>`,
			{
				'Content-Type': 'text/html',
			},
		),
	],
	'HTTP 502, short text with the Basic credential and the secret in base64': () => [
		dataAnswer(
			502,
			`creds ${b64(`${CLIENT_ID}:${SECRETS.clientSecret}`)} ${b64(SECRETS.clientSecret)}`,
		),
	],
	'HTTP 200, {"Error"} echoing the token': () => [
		dataAnswer(200, {
			Error: `Token ${SECRETS.accessToken} is not valid for ${echo(SECRETS.accessToken)}`,
		}),
	],
	'HTTP 200, {"error", "error_description"} echoing the token': () => [
		dataAnswer(200, {
			error: `bad ${encodeURIComponent(SECRETS.accessToken)}`,
			error_description: `Bearer ${SECRETS.accessToken}`,
		}),
	],
	'HTTP 200, error text no repair can parse': () => [
		dataAnswer(200, `{"Error": "token ${SECRETS.accessToken} ${form(SECRETS.accessToken)}", oops`, {
			'Content-Type': 'application/json',
		}),
	],
	'HTTP 403 insufficient_scope echoing the token': () => [
		dataAnswer(403, {
			error: 'insufficient_scope',
			error_description: `token ${SECRETS.accessToken} lacks contacts (${echo(SECRETS.accessToken)})`,
		}),
	],
	'HTTP 401 invalid_request echoing the token, refreshed, then echoing the new tokens': () => [
		// the refused token is sent twice: by the node, then by n8n's helper, which refreshes
		api()
			.get(DATA_PATH)
			.query(true)
			.times(2)
			.reply(401, {
				error: 'invalid_request',
				error_description: `Bad token ${SECRETS.accessToken}`,
			}),
		api().post('/WiseAuth/token').reply(200, {
			access_token: SECRETS.refreshedAccessToken,
			refresh_token: SECRETS.refreshedRefreshToken,
			expires_at: '2031-01-01T00:00:00.000Z',
		}),
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(401, {
				error: 'invalid_request',
				error_description: `Bad token ${echo(SECRETS.refreshedAccessToken, SECRETS.refreshedRefreshToken, SECRETS.accessToken)}`,
			}),
	],
	'token URL 400 invalid_request echoing the refresh token and client secret': () =>
		failedRefresh(400, {
			error: 'invalid_request',
			error_description: `refresh_token=${SECRETS.refreshToken} client_secret=${SECRETS.clientSecret} ${echo(SECRETS.refreshToken, SECRETS.clientSecret)}`,
		}),
	'token URL 401 invalid_client echoing the secret and the Basic header': () =>
		failedRefresh(401, {
			error: 'invalid_client',
			error_description: `Basic ${b64(`${CLIENT_ID}:${SECRETS.clientSecret}`)} ${echo(SECRETS.clientSecret)}`,
		}),
	'token URL 400 with an unknown error code made of the refresh token': () =>
		failedRefresh(400, { error: `unknown_${SECRETS.refreshToken}` }),
	'token URL 500 text echoing the refresh token and client secret': () =>
		failedRefresh(500, `refresh ${SECRETS.refreshToken} secret ${SECRETS.clientSecret}`, {
			'Content-Type': 'text/plain',
		}),
	'token URL 503 HTML echoing everything': () =>
		failedRefresh(
			503,
			`<html>${echo(SECRETS.refreshToken, SECRETS.clientSecret, SECRETS.accessToken)}</html>`,
			{
				'Content-Type': 'text/html',
			},
		),
	'token URL 200 with HTML instead of JSON, echoing the refresh token': () =>
		failedRefresh(
			200,
			`<p>${SECRETS.refreshToken}</p> ${echo(SECRETS.refreshToken, SECRETS.clientSecret)}`,
			{
				'Content-Type': 'text/html',
			},
		),
};

/** A webhook registration refused with `reply(postedForm, registeredUrl)`; returns its token. */
async function triggerActivation(
	reply: (posted: string, url: string) => [number, string | object, Record<string, string>?],
	registeredFirst = false,
): Promise<Capture> {
	const harness = new TriggerHarness(new WiseAgentTrigger(), {
		events: registeredFirst ? ['contactCreate', 'taskCreate'] : ['contactCreate'],
	});
	const secrets: Record<string, string> = {};
	const list = api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, []);
	const scopes = [list];
	if (registeredFirst) {
		scopes.push(
			api()
				.post(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.reply(200, { success: true, WebhookID: '7' }),
		);
	}
	scopes.push(
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply((_uri, body) => {
				const posted =
					typeof body === 'string' ? body : new URLSearchParams(body as never).toString();
				const url = new URLSearchParams(posted).get('Url') ?? '';
				secrets.webhookToken = new URL(url).searchParams.get('token') ?? '';
				const [status, answer, headers] = reply(posted, url);
				return [status, answer, headers ?? {}];
			}),
	);
	let thrown: unknown;
	try {
		await harness.hook('create');
	} catch (error) {
		thrown = error;
	}
	return {
		outputs: { thrown, thrownJson: errorJson(thrown) },
		scopes,
		secrets,
		failed: thrown instanceof Error,
	};
}

async function failedCheckExists(): Promise<Capture> {
	const harness = new TriggerHarness(new WiseAgentTrigger(), { events: ['contactCreate'] });
	api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, []);
	api()
		.post(DATA_PATH)
		.query({ requestType: 'webhooks' })
		.reply(200, { success: true, WebhookID: '9' });
	await harness.hook('create');
	const slot = (harness.staticData.slots as Record<string, { token: string }>)[PRODUCTION_URL];
	const url = `${PRODUCTION_URL}?token=${encodeURIComponent(slot.token)}`;
	const scope = api()
		.get(DATA_PATH)
		.query({ requestType: 'webhooks' })

		.reply(500, { error: `Webhook ${url} (${encodeURIComponent(url)}) is broken` });
	let thrown: unknown;
	try {
		await harness.hook('checkExists');
	} catch (error) {
		thrown = error;
	}
	return {
		outputs: { thrown, thrownJson: errorJson(thrown) },
		scopes: [scope],
		secrets: { webhookToken: slot.token },
		failed: thrown instanceof Error,
	};
}

async function failedDropdown(): Promise<Capture> {
	const scope = dataAnswer(200, { Error: `no categories for ${echo(SECRETS.accessToken)}` });
	let thrown: unknown;
	try {
		await runNodeMethod('loadOptions', 'getCategories', [], credentials);
	} catch (error) {
		thrown = error;
	}
	return {
		outputs: { thrown, thrownJson: errorJson(thrown) },
		scopes: [scope],
		failed: thrown instanceof Error,
	};
}

const scenarios: Record<string, () => Promise<Capture>> = {
	...Object.fromEntries(
		Object.entries(nodeScenarios).flatMap(([name, scopes]) => [
			[name, async () => await nodeRun(scopes, false)],
			[`${name} (continueOnFail)`, async () => await nodeRun(scopes, true)],
		]),
	),
	'webhook registration refused with HTTP 200 quoting the posted form and URL': async () =>
		await triggerActivation((posted, url) => [200, { Error: `Invalid Url ${url} in ${posted}` }]),
	'webhook registration HTTP 500 HTML quoting the URL': async () =>
		await triggerActivation((posted, url) => [
			500,
			`<html><body>Cannot reach ${url}<br>${posted}</body></html>`,
			{ 'Content-Type': 'text/html' },
		]),
	'webhook registration HTTP 403 JSON quoting the form-encoded URL': async () =>
		await triggerActivation((posted) => [
			403,
			{ error: 'forbidden', error_description: `Url=${encodeURIComponent(posted)}` },
		]),
	'second webhook registration refused after the first one succeeded': async () =>
		await triggerActivation(
			(_posted, url) => [200, { success: false, message: `Duplicate ${url}` }],
			true,
		),
	'checkExists: the webhook list fails quoting the registered URL': failedCheckExists,
	'dropdown (loadOptions) error echoing the token': failedDropdown,
};

function leaks(where: string, text: string, secrets: Record<string, string>): string[] {
	const found: string[] = [];
	for (const [name, secret] of Object.entries(secrets)) {
		for (const [encoding, form] of Object.entries(encodings(secret))) {
			if (text.includes(form)) found.push(`${where}: ${name} (${encoding})`);
		}
	}
	return found;
}

it('no secret, in any encoding, leaves the nodes through outputs, errors, execution data or logs', async () => {
	const found: string[] = [];
	const unused: string[] = [];
	const notFailed: string[] = [];
	for (const [name, scenario] of Object.entries(scenarios)) {
		nock.cleanAll();
		const logStart = logLines.length;
		const capture = await scenario();
		const secrets = { ...SECRETS, ...capture.secrets };
		for (const [kind, output] of Object.entries(capture.outputs)) {
			found.push(...leaks(`${name} → ${kind}`, `${dump(output)}\n${errorJson(output)}`, secrets));
		}
		found.push(...leaks(`${name} → log`, logLines.slice(logStart).join('\n'), secrets));
		if (!capture.scopes.every((scope) => scope.isDone())) unused.push(name);
		if (!capture.failed) notFailed.push(name);
	}

	expect(found).toEqual([]);
	// Not vacuous: every scenario sent its echo and failed, and n8n's debug log was captured.
	expect(unused).toEqual([]);
	expect(notFailed).toEqual([]);
	expect((logger as unknown as { level: string }).level).toBe('debug');
	expect(
		logLines.some((line) => line.startsWith('debug Workflow execution finished with error')),
	).toBe(true);
	expect(logLines.some((line) => line.startsWith('error Wise Agent:'))).toBe(true);
});

// ---------------------------------------------------------------- trigger: failures that may have been applied

describe('the webhook token in the trigger’s retry and clean-up paths', () => {
	const savedRetry = { ...webhookRetry };
	beforeEach(() => Object.assign(webhookRetry, { sleep: async () => {} }));
	afterEach(() => Object.assign(webhookRetry, savedRetry));

	const tokenIn = (url: string) => new URL(url).searchParams.get('token') ?? '';
	/** An answer text quoting the registered URL (plain and URL-encoded) and every form of its token. */
	const quoting = (url: string) =>
		`Cannot reach ${url} (${encodeURIComponent(url)}) ${echo(tokenIn(url))}`;
	const postedUrl = (body: unknown) =>
		new URLSearchParams(
			typeof body === 'string' ? body : new URLSearchParams(body as never).toString(),
		).get('Url') ?? '';

	async function outcome(work: Promise<boolean>) {
		try {
			return { result: await work, thrown: undefined as unknown };
		} catch (error) {
			return { result: undefined, thrown: error };
		}
	}

	/** POST answered 503 quoting the URL (maybe applied); the list that checks fails the same way. */
	async function unverifiedRegistration(): Promise<Capture> {
		const harness = new TriggerHarness(new WiseAgentTrigger(), { events: ['contactCreate'] });
		let url = '';
		const scopes = [
			api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, []),
			api()
				.post(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.reply((_uri, body) => {
					url = postedUrl(body);
					return [503, `<html>${quoting(url)}</html>`, { 'Content-Type': 'text/html' }];
				}),
			// The check, then the clean-up's second look: two tries each (maxRetries 1).
			api()
				.get(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.times(4)
				.reply(() => [503, { error: quoting(url) }]),
		];
		return await captureActivation(harness, scopes, () => url);
	}

	/** Activates; what it threw (and its JSON form) is scanned for the token of `url()`. */
	async function captureActivation(
		harness: TriggerHarness,
		scopes: nock.Scope[],
		url: () => string,
	): Promise<Capture> {
		const { thrown } = await outcome(harness.hook('create'));
		return {
			outputs: { thrown, thrownJson: errorJson(thrown) },
			scopes,
			secrets: { webhookToken: tokenIn(url()) },
			failed: thrown instanceof Error,
		};
	}

	/**
	 * A 503 registration adopted from the list; the next one refused quoting the URL; removing the
	 * adopted one fails for good (three tries), quoting it too.
	 */
	async function adoptedThenRolledBack(): Promise<Capture> {
		const harness = new TriggerHarness(new WiseAgentTrigger(), {
			events: ['contactCreate', 'taskCreate'],
		});
		let url = '';
		const scopes = [
			api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, []),
			api()
				.post(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.reply((_uri, body) => {
					url = postedUrl(body);
					return [503, { error: quoting(url) }];
				}),
			api()
				.get(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.reply(() => [
					200,
					{ Data: [{ WebhookID: '41', EventType: 'contactCreate', Status: 'Active', Url: url }] },
				]),
			api()
				.post(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.reply(() => [200, { Error: `Invalid Url ${quoting(url)}` }]),
			api()
				.delete(DATA_PATH)
				.query({ requestType: 'webhooks' })
				.times(3)
				.reply(() => [
					503,
					`Webhook 41 (${quoting(url)}) is busy`,
					{ 'Content-Type': 'text/plain' },
				]),
		];
		return await captureActivation(harness, scopes, () => url);
	}

	/** Deactivation: one DELETE fails for good (503, three tries), the other is refused; both quote the URL. */
	async function failedDeactivation(): Promise<Capture> {
		const harness = new TriggerHarness(new WiseAgentTrigger(), {
			events: ['contactCreate', 'taskCreate'],
		});
		api().get(DATA_PATH).query({ requestType: 'webhooks' }).reply(200, []);
		api()
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(200, { success: true, WebhookID: '9' })
			.post(DATA_PATH)
			.query({ requestType: 'webhooks' })
			.reply(200, { success: true, WebhookID: '10' });
		await harness.hook('create');
		const slot = (harness.staticData.slots as Record<string, { token: string }>)[PRODUCTION_URL];
		const url = `${PRODUCTION_URL}?token=${encodeURIComponent(slot.token)}`;
		const scopes = [
			api()
				.delete(DATA_PATH, (body) => postedId(body) === '9')
				.query({ requestType: 'webhooks' })
				.times(3)
				.reply(503, { error: `Webhook 9 ${quoting(url)} unavailable` }),
			api()
				.delete(DATA_PATH, (body) => postedId(body) === '10')
				.query({ requestType: 'webhooks' })
				.reply(200, { Error: `Not allowed for ${quoting(url)}` }),
		];
		const { result, thrown } = await outcome(harness.hook('delete'));
		return {
			outputs: { result, thrown, thrownJson: errorJson(thrown) },
			scopes,
			secrets: { webhookToken: slot.token },
			failed: result === false && thrown === undefined,
		};
	}

	const postedId = (body: unknown) =>
		new URLSearchParams(
			typeof body === 'string' ? body : new URLSearchParams(body as never).toString(),
		).get('WebhookID');

	const triggerScenarios: Record<string, () => Promise<Capture>> = {
		'registration 503 quoting the URL, and the check list failing quoting it':
			unverifiedRegistration,
		'registration adopted after a 503, the next one refused, the adopted one not removable':
			adoptedThenRolledBack,
		'deactivation: a retried delete failing for good and a refused one, quoting the URL':
			failedDeactivation,
	};

	it('no webhook token, in any encoding, leaves activation or deactivation', async () => {
		const found: string[] = [];
		const unused: string[] = [];
		const notFailed: string[] = [];
		let warned = false;
		for (const [name, scenario] of Object.entries(triggerScenarios)) {
			nock.cleanAll();
			const logStart = logLines.length;
			const capture = await scenario();
			const secrets = { ...SECRETS, ...capture.secrets };
			expect(capture.secrets?.webhookToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
			for (const [kind, output] of Object.entries(capture.outputs)) {
				found.push(...leaks(`${name} → ${kind}`, `${dump(output)}\n${errorJson(output)}`, secrets));
			}
			const log = logLines.slice(logStart).join('\n');
			found.push(...leaks(`${name} → log`, log, secrets));
			warned ||= /could not remove Wise Agent webhook\(s\) (9, 10|10, 9);/.test(log);
			if (!capture.scopes.every((scope) => scope.isDone())) unused.push(name);
			if (!capture.failed) notFailed.push(name);
		}

		expect(found).toEqual([]);
		// Not vacuous: every echo was sent, every scenario failed, and the deactivation logged why.
		expect(unused).toEqual([]);
		expect(notFailed).toEqual([]);
		expect(warned).toBe(true);
	});
});
