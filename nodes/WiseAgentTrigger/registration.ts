import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { scrubError, secretRedactor } from '../WiseAgent/helpers/apiErrors';
import type { EventFamily, RemoteWebhook } from '../WiseAgent/transport';
import {
	createWebhook,
	deleteWebhook,
	isNotFoundError,
	listWebhooks,
} from '../WiseAgent/transport';
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
}

export interface TriggerStaticData extends IDataObject {
	slots?: Record<string, WebhookSlot>;
	/** Delivery key → receive time (ms), for dropping duplicate deliveries. */
	recentDeliveries?: Record<string, number>;
}

export const TOKEN_PARAMETER = 'token';

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
 * no longer selected, disabled or redirected ones, and leftovers of this node's URL from lost
 * state (same URL, other token). Also retires the slot of an old URL of the same kind (n8n's
 * base URL changed).
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
			await deleteSlotHooks.call(this, data, url, other);
		}
	}

	let slot: WebhookSlot = data.slots?.[baseUrl] ?? { kind, token: newToken(), hooks: {} };
	tokens.add(slot.token);
	const expectedUrl = registeredUrl(baseUrl, slot.token);
	const remote = await listWebhooks(this);
	const remoteById = new Map(remote.map((hook) => [hook.id, hook]));
	for (const hook of remote) {
		const token = isOurUrl(hook.url, baseUrl) ? tokenOf(hook.url) : undefined;
		if (token) tokens.add(token);
	}

	const kept: WebhookSlot['hooks'] = {};
	for (const family of families) {
		const id = slot.hooks[family];
		if (id !== undefined && isValidRemote(remoteById.get(id), family, expectedUrl)) {
			kept[family] = id;
		}
	}
	const keptIds = new Set(Object.values(kept));
	const stale = new Set<string>(
		Object.values(slot.hooks).filter((id): id is string => !!id && !keptIds.has(id)),
	);
	for (const hook of remote) {
		if (!keptIds.has(hook.id) && isOurUrl(hook.url, baseUrl)) stale.add(hook.id);
	}

	for (const id of stale) {
		await deleteRemoteWebhook.call(this, id);
		slot = { ...slot, hooks: withoutId(slot.hooks, id) };
		saveSlot(data, baseUrl, slot);
	}

	for (const family of families) {
		if (kept[family] !== undefined) continue;
		const id = await registerWebhook.call(this, family, expectedUrl);
		kept[family] = id;
		// Saved after each one: if a later registration fails, delete() still knows this id.
		slot = { ...slot, hooks: { ...slot.hooks, [family]: id } };
		saveSlot(data, baseUrl, slot);
	}
	saveSlot(data, baseUrl, { ...slot, hooks: kept });
	return true;
}

/** Removes exactly the webhooks this node registered for this URL; ones already gone count as removed. */
export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	const data = triggerStaticData(this);
	return await withTokensRedacted(knownTokens(data), async () => {
		const baseUrl = webhookBaseUrl(this);
		const slot = data.slots?.[baseUrl];
		if (!slot) return true;
		return await deleteSlotHooks.call(this, data, baseUrl, slot);
	});
}

async function deleteSlotHooks(
	this: IHookFunctions,
	data: TriggerStaticData,
	url: string,
	slot: WebhookSlot,
): Promise<boolean> {
	let hooks = { ...slot.hooks };
	let allRemoved = true;
	for (const id of Object.values(slot.hooks)) {
		if (!id) continue;
		try {
			await deleteRemoteWebhook.call(this, id);
			hooks = withoutId(hooks, id);
		} catch {
			// Kept in static data so a later create() or delete() tries again.
			allRemoved = false;
		}
	}
	saveSlot(data, url, Object.keys(hooks).length === 0 ? undefined : { ...slot, hooks });
	return allRemoved;
}

function withoutId(hooks: WebhookSlot['hooks'], id: string): WebhookSlot['hooks'] {
	return Object.fromEntries(Object.entries(hooks).filter(([, value]) => value !== id));
}

function isOurUrl(url: string, baseUrl: string): boolean {
	return (
		url.startsWith(`${baseUrl}?${TOKEN_PARAMETER}=`) ||
		url.startsWith(`${baseUrl}&${TOKEN_PARAMETER}=`)
	);
}

/** Deletes one webhook; a webhook that no longer exists is not an error. */
async function deleteRemoteWebhook(this: IHookFunctions, id: string): Promise<void> {
	try {
		await deleteWebhook(this, id);
	} catch (error) {
		if (isNotFoundError(error)) return;
		throw error;
	}
}

/**
 * Registers one event for the URL. The docs do not show the answer: the id is taken from it when
 * present, otherwise looked up in the list by event type and URL.
 */
async function registerWebhook(
	this: IHookFunctions,
	family: EventFamily,
	url: string,
): Promise<string> {
	const { id } = await createWebhook(this, { Status: 'Active', EventType: family, Url: url });
	if (id !== undefined) return id;
	const listed = (await listWebhooks(this)).find(
		(hook) => hook.eventType === family && hook.url === url,
	);
	if (listed?.id) return listed.id;
	throw new NodeOperationError(
		this.getNode(),
		`Wise Agent accepted the ${family} webhook but did not say its ID`,
		{ description: 'It is not in the webhooks list either; try activating the workflow again.' },
	);
}
