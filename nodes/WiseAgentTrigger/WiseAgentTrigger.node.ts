import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { decodeJsonStringFields } from '../WiseAgent/helpers/simplify';
import { resourceKindOf } from '../WiseAgent/transport';
import type { CaughtUp } from './catchUp';
import { catchUp, catchUpFamilies, claimDelivered, primeFeeds, saveFeeds } from './catchUp';
import { bodyText, isDuplicate, parseDelivery, slotOfToken } from './delivery';
import type { Delivery } from './delivery';
import { MAX_RECORDS_PER_DELIVERY, fetchRecords } from './enrich';
import { eventOptions, isDeleteEvent, isSelected } from './events';
import {
	TOKEN_PARAMETER,
	checkExists,
	createWebhooks,
	deleteWebhooks,
	triggerStaticData,
} from './registration';

/**
 * The canvas subtitle: the selected events by the names the Events dropdown shows (the saved
 * values, e.g. `contactCreate`, mean nothing to the user); an unknown value is shown as saved.
 */
const EVENT_NAMES: Record<string, string> = Object.fromEntries(
	eventOptions.map((option) => [String(option.value), option.name]),
);
const EVENTS_SUBTITLE = `={{ ($parameter["events"] || []).map((event) => (${JSON.stringify(EVENT_NAMES)})[event] || event).join(", ") }}`;

export class WiseAgentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wise Agent Trigger',
		name: 'wiseAgentTrigger',
		icon: { light: 'file:wiseAgent.svg', dark: 'file:wiseAgent.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Starts the workflow the moment contacts, tasks, properties or notes change in Wise Agent (Wise Agent calls n8n, so n8n needs a public URL)',
		defaults: { name: 'Wise Agent Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wiseAgentOAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Wise Agent must be able to reach this n8n instance: the webhook URL has to be public. Without one, use the Wise Agent Poll Trigger.',
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: [],
				required: true,
				description:
					'The changes that start the workflow. The "Only" entries register the whole update event at Wise Agent and keep only that kind of change.',
			},
			{
				displayName:
					'Note Created and Note Updated fire only for notes added or edited by hand in the Wise Agent app, not for notes added by other apps or the API',
				name: 'noteNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: ['noteCreate', 'noteUpdate'] } },
			},
			{
				displayName: 'Include Full Record',
				name: 'includeRecord',
				type: 'boolean',
				default: true,
				description:
					'Whether to read each changed record from Wise Agent, at most 100 per delivery (deleted events are never read). Tasks have no single read: they are looked up in the first 2,000 entries of the task list.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Duplicate Window (Minutes)',
						name: 'duplicateWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 10,
						description:
							'Deliveries with the same event type, IDs and event time received within this many minutes are dropped (without an event time: only the same body within a minute). 0 turns this off; created contacts, tasks and properties are still emitted only once.',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description:
							'Whether to decode the contact fields that Wise Agent sends as JSON text (Categories, team assignments, custom data)',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const created = await createWebhooks.call(this);
				const url = this.getNodeWebhookUrl('default');
				const slot = url ? triggerStaticData(this).slots?.[url] : undefined;
				if (created && url && slot?.kind === 'production') {
					const families = catchUpFamilies(this.getNodeParameter('events', []) as string[]);
					await primeFeeds.call(this, triggerStaticData(this), url, slot.token, families);
				}
				return created;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = triggerStaticData(this);
		const query = this.getQueryData() as IDataObject;
		const url = slotOfToken(query[TOKEN_PARAMETER], data);
		if (url === undefined) return reject(this, 401, 'Missing or wrong token');
		const slot = { url, token: data.slots![url].token, kind: data.slots![url].kind };

		const request = this.getRequestObject() as { rawBody?: unknown };
		const body = this.getBodyData();
		const parsed = parseDelivery(body, request.rawBody);
		if (!parsed.ok) return reject(this, 400, parsed.reason);
		const delivery = parsed.delivery;

		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const windowMinutes = (options.duplicateWindowMinutes as number | undefined) ?? 10;
		let ignored: string | undefined;
		if (!isSelected(events, delivery.eventType, delivery.family)) ignored = 'event not selected';
		else if (isDuplicate(data, delivery, bodyText(body, request.rawBody), windowMinutes * 60_000)) {
			ignored = 'duplicate delivery';
		} else if (delivery.resourceIds.length === 0) ignored = 'no resource ids';

		// Answered before any API call: Wise Agent does not wait long and never sends again.
		this.getResponseObject()
			.status(200)
			.json(ignored ? { received: true, ignored } : { received: true });

		const simplify = options.simplify !== false;
		const includeRecord = this.getNodeParameter('includeRecord', true) as boolean;
		const items: INodeExecutionData[] = [];
		if (!ignored) {
			const ids =
				slot.kind === 'production'
					? claimDelivered(
							this,
							data,
							slot,
							delivery.family,
							delivery.resourceIds,
							delivery.eventCreated,
						)
					: delivery.resourceIds;
			items.push(...(await deliveredItems.call(this, delivery, ids, includeRecord, simplify)));
		}
		if (slot.kind === 'production') {
			for (const family of catchUpFamilies(events)) {
				const found = await catchUp(this, data, slot, family);
				items.push(...found.map((change) => caughtUpItem(change, includeRecord, simplify)));
			}
			saveFeeds(this, data, slot, [...catchUpFamilies(events), delivery.family]);
		}
		return items.length === 0
			? { noWebhookResponse: true }
			: { noWebhookResponse: true, workflowData: [items] };
	}
}

/** Answers the call itself, so n8n starts no execution. */
function reject(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

/** One item per delivered id: `{event, specificEvent, eventCreated, resourceId, record}`. */
async function deliveredItems(
	this: IWebhookFunctions,
	delivery: Delivery,
	ids: Array<string | number>,
	includeRecord: boolean,
	simplify: boolean,
): Promise<INodeExecutionData[]> {
	const base = ids.map((resourceId) => ({
		event: delivery.family,
		specificEvent: delivery.eventType,
		eventCreated: delivery.eventCreated,
		resourceId,
		record: null,
	}));
	if (!includeRecord || isDeleteEvent(delivery.family)) return base.map((json) => ({ json }));
	const read = ids.slice(0, MAX_RECORDS_PER_DELIVERY);
	const lookups = await fetchRecords.call(this, resourceKindOf(delivery.family), read, simplify);
	return base.map((json, index) => ({
		json: (index < read.length
			? { ...json, ...lookups[index] }
			: {
					...json,
					recordError: `Not read: this delivery named ${ids.length} records and the first ${MAX_RECORDS_PER_DELIVERY} were read. Read this one with the Wise Agent node by its resourceId.`,
				}) as IDataObject,
	}));
}

function caughtUpItem(change: CaughtUp, includeRecord: boolean, simplify: boolean) {
	const record =
		includeRecord && change.record
			? change.family.startsWith('contact') && simplify
				? decodeJsonStringFields(change.record)
				: change.record
			: null;
	return { json: { ...change.item, record } as IDataObject };
}
