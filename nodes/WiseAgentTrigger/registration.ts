import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { asNodeError, scrubError, secretRedactor } from '../WiseAgent/helpers/apiErrors';
import type { EventFamily, RemoteWebhook } from '../WiseAgent/transport';
import {
	createWebhook,
	deleteWebhook,
	failureFacts,
	isNotFoundError,
	listWebhooks,
} from '../WiseAgent/transport';
import { backoffGateFor } from '../WiseAgent/transport/retry';
import { familiesToRegister } from './events';

/**
 * What this node registered at Wise Agent for one n8n webhook URL.
 *
 * Slots are keyed by the URL, so the test URL (`/webhook-test/...`, used while "Listen for test
 * event" runs) and the production URL (`/webhook/...`) never overwrite each other's ids, even
 * though n8n hands a test run a copy of the production static data: `create` in test mode runs
 * with mode `manual`, the test `delete` with mode `internal`, so the mode alone cannot tell them
 * apart at delete time, but `getNodeWebhookUrl` does (it honours the webhook's isTest flag).
 */
export interface WebhookSlot {
	kind: 'test' | 'production';
	/** Random secret added to the registered URL as `?token=`. */
	token: string;
	/** Wise Agent WebhookID per registered event type. */
	hooks: Partial<Record<EventFamily, string>>;
	/** Webhooks of this URL that serve no event and could not be removed yet: removed by the next create or delete. */
	orphans?: string[];
}

export interface TriggerStaticData extends IDataObject {
	slots?: Record<string, WebhookSlot>;
	/** Delivery key → receive time (ms), for dropping duplicate deliveries. */
	recentDeliveries?: Record<string, number>;
}

export const TOKEN_PARAMETER = 'token';

/**
 * How a failed webhook removal, or a registration that failed without a clear refusal, is tried
 * again. The request helper does not repeat a DELETE or POST after a 5xx or a dropped connection
 * (it cannot know whether the API acted), and n8n calls `delete` only once, so the retries live
 * here. Mutable so tests can replace `sleep` and `now` and wait for nothing.
 */
export interface WebhookRetry {
	/** Tries in all (the first one included). */
	attempts: number;
	/** Wait before the 2nd, 3rd, ... try; the last value repeats. */
	delaysMs: number[];
	/** No retry starts once this much time has passed since the first try (waits included). */
	budgetMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
}

export const webhookRetry: WebhookRetry = {
	attempts: 3,
	delaysMs: [1_000, 3_000],
	budgetMs: 10_000,
	sleep: async (ms) => await sleep(ms),
	now: () => Date.now(),
};

export function triggerStaticData(context: { getWorkflowStaticData(type: string): IDataObject }) {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

/**
 * Static data nested objects are not observed by n8n's change tracking: every update replaces the
 * top-level value so n8n notices and saves it.
 */
function saveSlot(data: TriggerStaticData, url: string, slot: WebhookSlot | undefined) {
	const slots = { ...(data.slots ?? {}) };
	if (slot) slots[url] = slot;
	else delete slots[url];
	data.slots = slots;
}

/** The URL given to Wise Agent: n8n's webhook URL plus the secret token. */
export function registeredUrl(baseUrl: string, token: string): string {
	const separator = baseUrl.includes('?') ? '&' : '?';
	return `${baseUrl}${separator}${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;
}

/** 32 URL-safe characters from 24 random bytes. */
export function newToken(): string {
	return randomBytes(24).toString('base64url');
}

function webhookBaseUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL');
	return url;
}

function selectedEvents(context: IHookFunctions): EventFamily[] {
	const families = familiesToRegister(context.getNodeParameter('events', []) as string[]);
	if (families.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event in "Events"');
	}
	return families;
}

function isValidRemote(
	remote: RemoteWebhook | undefined,
	family: EventFamily,
	expectedUrl: string,
): boolean {
	return (
		remote !== undefined &&
		remote.eventType === family &&
		remote.status.toLowerCase() === 'active' &&
		remote.url === expectedUrl
	);
}

/**
 * The webhook tokens an error of this node could echo: every slot's (a refusal may quote the
 * registered URL, plain or form-encoded). Callers add the token of a slot not saved yet and
 * those found in the account's webhook list.
 */
function knownTokens(data: TriggerStaticData): Set<string> {
	return new Set(Object.values(data.slots ?? {}).map((slot) => slot.token));
}

function tokenOf(url: string): string | undefined {
	const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
	return new URLSearchParams(query).get(TOKEN_PARAMETER) ?? undefined;
}

/** Runs `work`; an error it throws leaves with every form of the tokens removed from its texts. */
async function withTokensRedacted<T>(tokens: Set<string>, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw scrubError(error, secretRedactor({ secrets: tokens }));
	}
}

/**
 * Whether a failed write may still have been carried out: no answer at all (dropped connection,
 * timeout) or a server error. An HTTP 200 error body or a 4xx is a refusal.
 */
function mayHaveApplied(error: unknown): boolean {
	const { status } = failureFacts(error);
	return status === undefined || status >= 500 || status === 408;
}

/** Whether trying again later can help: the failures above, and being told to slow down. */
function isPassing(error: unknown): boolean {
	return mayHaveApplied(error) || failureFacts(error).status === 429;
}

/** Times the retries of one removal or registration against `webhookRetry`. */
class RetryClock {
	private readonly startedAt = webhookRetry.now();

	constructor(private readonly context: IHookFunctions) {}

	/** Waits before try number `next` (2, 3, ...); false when that try is not to be made. */
	async before(next: number): Promise<boolean> {
		if (next > webhookRetry.attempts) return false;
		const { delaysMs } = webhookRetry;
		const delay = delaysMs[Math.min(next - 2, delaysMs.length - 1)] ?? 0;
		// A rate limit closed the request gate: the next request would wait that long anyway.
		const wait = Math.max(delay, backoffGateFor(this.context).remainingMs());
		if (webhookRetry.now() - this.startedAt + wait > webhookRetry.budgetMs) return false;
		await webhookRetry.sleep(wait);
		return true;
	}
}

/** True when every selected event has a registered, Active webhook pointing at this URL, and nothing more. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	return await withTokensRedacted(
		knownTokens(triggerStaticData(this)),
		async () => await isRegistered.call(this),
	);
}

async function isRegistered(this: IHookFunctions): Promise<boolean> {
	const baseUrl = webhookBaseUrl(this);
	const slot = triggerStaticData(this).slots?.[baseUrl];
	if (!slot) return false;
	// Leftovers still to remove: create() does that.
	if (slot.orphans?.length) return false;
	const families = selectedEvents(this);
	const registered = Object.keys(slot.hooks);
	if (
		registered.length !== families.length ||
		!families.every((family) => slot.hooks[family] !== undefined)
	) {
		return false;
	}
	const remote = new Map((await listWebhooks(this)).map((hook) => [hook.id, hook]));
	const expectedUrl = registeredUrl(baseUrl, slot.token);
	return families.every((family) =>
		isValidRemote(remote.get(slot.hooks[family]!), family, expectedUrl),
	);
}

/**
 * Registers what is missing, keeps what is still valid, and removes the rest: webhooks of events
 * no longer selected, disabled or redirected ones, ids a failed delete() kept, and leftovers of
 * this node's URL from lost state (same URL, other token). Also retires the slot of an old URL of
 * the same kind (n8n's base URL changed).
 *
 * When it cannot register everything it removes what it registered in this call before it
 * throws: n8n drops the static data of a failed activation, so no later delete() would know them.
 */
export async function createWebhooks(this: IHookFunctions): Promise<boolean> {
	const tokens = knownTokens(triggerStaticData(this));
	return await withTokensRedacted(tokens, async () => await register.call(this, tokens));
}

async function register(this: IHookFunctions, tokens: Set<string>): Promise<boolean> {
	const baseUrl = webhookBaseUrl(this);
	const families = selectedEvents(this);
	const data = triggerStaticData(this);
	const kind = this.getMode() === 'manual' ? 'test' : 'production';

	for (const [url, other] of Object.entries(data.slots ?? {})) {
		if (url !== baseUrl && other.kind === kind) {
			await removeSlot.call(this, data, url, other);
		}
	}

	let slot: WebhookSlot = data.slots?.[baseUrl] ?? { kind, token: newToken(), hooks: {} };
	tokens.add(slot.token);
	const expectedUrl = registeredUrl(baseUrl, slot.token);
	let remote: RemoteWebhook[];
	try {
		remote = noteTokens(await listWebhooks(this), baseUrl, tokens);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			message: 'Could not register the Wise Agent webhooks: the webhook list could not be read',
			description: `${messageOf(error)}. Nothing was registered; try activating the workflow again.`,
		});
	}
	const remoteById = new Map(remote.map((hook) => [hook.id, hook]));

	const kept: WebhookSlot['hooks'] = {};
	for (const family of families) {
		const id = slot.hooks[family];
		if (id !== undefined && isValidRemote(remoteById.get(id), family, expectedUrl)) {
			kept[family] = id;
		}
	}
	const keptIds = new Set(Object.values(kept));
	const stale = new Set<string>(
		[...Object.values(slot.hooks), ...(slot.orphans ?? [])].filter(
			(id): id is string => !!id && !keptIds.has(id),
		),
	);
	for (const hook of remote) {
		if (!keptIds.has(hook.id) && isOurUrl(hook.url, baseUrl)) stale.add(hook.id);
	}
	// What cannot be removed now stays recorded; it does not stop the activation.
	const orphans = (await removeWebhooks.call(this, [...stale])).map(({ id }) => id);
	slot = withOrphans({ ...slot, hooks: { ...kept } }, orphans);
	saveSlot(data, baseUrl, slot);

	const added: string[] = [];
	const state: RegistrationState = { unchecked: false, orphans: [] };
	try {
		for (const family of families) {
			if (kept[family] !== undefined) continue;
			const known = new Set<string>([
				...Object.values(slot.hooks).filter((id): id is string => !!id),
				...(slot.orphans ?? []),
				...state.orphans,
			]);
			const id = await registerWebhook.call(this, family, expectedUrl, known, state);
			added.push(id);
			// Saved after each one: in a test run the same static data reaches delete().
			slot = { ...slot, hooks: { ...slot.hooks, [family]: id } };
			saveSlot(data, baseUrl, slot);
		}
	} catch (error) {
		const left = await rollBack.call(
			this,
			[...added, ...state.orphans],
			expectedUrl,
			keptIds,
			state,
		);
		saveSlot(data, baseUrl, withOrphans({ ...slot, hooks: { ...kept } }, [...orphans, ...left]));
		throw withCleanupNote(error, left.length > 0 || state.unchecked, baseUrl);
	}
	saveSlot(data, baseUrl, withOrphans(slot, [...orphans, ...state.orphans]));
	return true;
}

/**
 * Undoes this call's registrations and, when a POST's outcome is still unknown, removes any
 * webhook of exactly our URL that Wise Agent registered anyway (one more look at the list).
 * Returns the ids it could not remove; `state.unchecked` stays true if the list still fails.
 */
async function rollBack(
	this: IHookFunctions,
	ids: string[],
	expectedUrl: string,
	keptIds: Set<string | undefined>,
	state: RegistrationState,
): Promise<string[]> {
	const targets = new Set(ids);
	if (state.unchecked) {
		try {
			for (const hook of await listWebhooks(this)) {
				if (hook.url === expectedUrl && hook.id !== '' && !keptIds.has(hook.id)) {
					targets.add(hook.id);
				}
			}
			state.unchecked = false;
		} catch {
			// Still unknown: the error says so, and the next activation sweeps this URL.
		}
	}
	return (await removeWebhooks.call(this, [...targets])).map(({ id }) => id);
}

/** Adds the tokens of this URL's webhooks to `tokens` (an error could echo them) and returns the list. */
function noteTokens(remote: RemoteWebhook[], baseUrl: string, tokens: Set<string>) {
	for (const hook of remote) {
		const token = isOurUrl(hook.url, baseUrl) ? tokenOf(hook.url) : undefined;
		if (token) tokens.add(token);
	}
	return remote;
}

function withOrphans(slot: WebhookSlot, ids: string[]): WebhookSlot {
	const hookIds = new Set(Object.values(slot.hooks));
	const orphans = [...new Set(ids)].filter((id) => !hookIds.has(id));
	const rest: WebhookSlot = { ...slot };
	delete rest.orphans;
	return orphans.length > 0 ? { ...rest, orphans } : rest;
}

/** Removes exactly the webhooks this node registered for this URL; ones already gone count as removed. */
export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	const data = triggerStaticData(this);
	return await withTokensRedacted(knownTokens(data), async () => {
		const baseUrl = webhookBaseUrl(this);
		const slot = data.slots?.[baseUrl];
		if (!slot) return true;
		return await removeSlot.call(this, data, baseUrl, slot);
	});
}

/**
 * Removes a slot's webhooks, retrying failures (see webhookRetry). What could not be removed stays
 * in the slot for the next create() or delete(); false then. Never throws: n8n must still be able
 * to deactivate the workflow.
 */
async function removeSlot(
	this: IHookFunctions,
	data: TriggerStaticData,
	url: string,
	slot: WebhookSlot,
): Promise<boolean> {
	const ids = [...Object.values(slot.hooks), ...(slot.orphans ?? [])].filter(
		(id): id is string => !!id,
	);
	const failed = await removeWebhooks.call(this, ids);
	if (failed.length === 0) {
		saveSlot(data, url, undefined);
		return true;
	}
	const left = new Set(failed.map(({ id }) => id));
	const hooks = Object.fromEntries(
		Object.entries(slot.hooks).filter(([, id]) => id !== undefined && left.has(id)),
	) as WebhookSlot['hooks'];
	saveSlot(data, url, withOrphans({ ...slot, hooks }, [...left]));
	const redact = secretRedactor({ secrets: [slot.token] });
	this.logger.warn(
		`Wise Agent Trigger: could not remove Wise Agent webhook(s) ${[...left].join(', ')}; they are kept in the workflow's static data and removed on its next activation`,
		{ reasons: failed.map(({ reason }) => redact(reason)) },
	);
	return false;
}

/**
 * Deletes webhooks by id, in passes: the ones that failed in a way that can pass (server error,
 * dropped connection, rate limit) are tried again after a wait. A webhook already gone counts as
 * removed, so repeating a DELETE that Wise Agent applied before failing is harmless. Returns the
 * ones not removed, each with its last error's message.
 */
async function removeWebhooks(this: IHookFunctions, ids: string[]): Promise<RemovalFailure[]> {
	const clock = new RetryClock(this);
	const refused: RemovalFailure[] = [];
	let failing: RemovalFailure[] = [...new Set(ids)].map((id) => ({ id, reason: '' }));
	for (let attempt = 1; failing.length > 0; attempt++) {
		if (attempt > 1 && !(await clock.before(attempt))) break;
		const again: RemovalFailure[] = [];
		for (const { id } of failing) {
			try {
				await deleteWebhook(this, id);
			} catch (error) {
				if (isNotFoundError(error)) continue;
				const failure = { id, reason: messageOf(error) };
				(isPassing(error) ? again : refused).push(failure);
			}
		}
		failing = again;
	}
	return [...refused, ...failing];
}

interface RemovalFailure {
	id: string;
	reason: string;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function isOurUrl(url: string, baseUrl: string): boolean {
	return (
		url.startsWith(`${baseUrl}?${TOKEN_PARAMETER}=`) ||
		url.startsWith(`${baseUrl}&${TOKEN_PARAMETER}=`)
	);
}

/** What the registrations of one create() call learned besides the ids they return. */
interface RegistrationState {
	/** A POST may have been applied and the webhook list could not be read to find out. */
	unchecked: boolean;
	/** Extra copies of our webhook found at Wise Agent that could not be removed. */
	orphans: string[];
}

/**
 * Registers one event for the URL. A POST is not idempotent, so after a failure that may have
 * been applied (5xx, dropped connection, timeout) the account's list is read first: a webhook
 * with exactly this URL and event is adopted; only when there is none is the POST sent again
 * (at most webhookRetry.attempts POSTs). The id is also looked up in the list when the answer
 * does not carry it (the docs do not show the answer).
 */
async function registerWebhook(
	this: IHookFunctions,
	family: EventFamily,
	url: string,
	known: Set<string>,
	state: RegistrationState,
): Promise<string> {
	const clock = new RetryClock(this);
	let lastError: unknown;
	let posts = 0;
	for (let attempt = 1; attempt === 1 || (await clock.before(attempt)); attempt++) {
		let answer: { id: string | undefined } | undefined;
		try {
			posts++;
			answer = await createWebhook(this, { Status: 'Active', EventType: family, Url: url });
		} catch (error) {
			// A refusal (HTTP 200 error body, 4xx): nothing was registered.
			if (!mayHaveApplied(error)) throw asNodeError(this.getNode(), error);
			lastError = error;
		}
		if (answer?.id !== undefined) return answer.id;

		state.unchecked = true;
		let found: string | undefined;
		try {
			found = await findRegistered.call(this, family, url, known, state);
		} catch (listError) {
			throw notRegistered(
				this,
				family,
				lastError ?? listError,
				`${lastError ? `${messageOf(lastError)}. ` : ''}Reading the webhook list to check whether Wise Agent registered it anyway failed too: ${messageOf(listError)}.`,
			);
		}
		state.unchecked = false;
		if (found !== undefined) return found;
		if (answer) {
			throw new NodeOperationError(
				this.getNode(),
				`Wise Agent accepted the ${family} webhook but did not say its ID`,
				{
					description: 'It is not in the webhooks list either; try activating the workflow again.',
				},
			);
		}
	}
	throw notRegistered(
		this,
		family,
		lastError,
		`${messageOf(lastError)} (${posts} ${posts === 1 ? 'try' : 'tries'}; Wise Agent's webhook list shows no webhook for it).`,
	);
}

/**
 * The webhook Wise Agent registered for our POST although its answer was lost or an error: one
 * with exactly this URL and event type that this node does not account for yet. An Active one is
 * adopted; the others (copies, or not Active) are removed, so none is left that nobody knows of.
 */
async function findRegistered(
	this: IHookFunctions,
	family: EventFamily,
	url: string,
	known: Set<string>,
	state: RegistrationState,
): Promise<string | undefined> {
	const matches = (await listWebhooks(this)).filter(
		(hook) =>
			hook.url === url && hook.eventType === family && hook.id !== '' && !known.has(hook.id),
	);
	const adopted = matches.find((hook) => hook.status.toLowerCase() === 'active');
	const extra = matches.filter((hook) => hook !== adopted).map((hook) => hook.id);
	if (extra.length > 0) {
		state.orphans.push(...(await removeWebhooks.call(this, extra)).map(({ id }) => id));
	}
	return adopted?.id;
}

function notRegistered(
	context: IHookFunctions,
	family: EventFamily,
	cause: unknown,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), cause instanceof Error ? cause : String(cause), {
		message: `Could not register the Wise Agent webhook for "${family}"`,
		description,
	});
}

/** Says in the error's description what a failed activation left at Wise Agent. */
function withCleanupNote(error: unknown, leftSomething: boolean, baseUrl: string): unknown {
	if (!(error instanceof Error)) return error;
	const note = leftSomething
		? `Wise Agent may still hold a webhook for ${baseUrl}: the next activation of this workflow removes it, or remove it with the Wise Agent node (Webhook → Get Many, then Delete).`
		: 'Nothing this activation registered was left at Wise Agent.';
	const described = error as Error & { description?: string | null };
	described.description = described.description ? `${described.description} ${note}` : note;
	return error;
}
