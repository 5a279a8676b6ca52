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

import { isDuplicate, isKnownToken, parseDelivery } from './delivery';
import type { Delivery } from './delivery';
import { fetchRecords } from './enrich';
import { resourceKindOf } from '../WiseAgent/transport';
import { eventOptions, isDeleteEvent, isSelected } from './events';
import {
	TOKEN_PARAMETER,
	checkExists,
	createWebhooks,
	deleteWebhooks,
	triggerStaticData,
} from './registration';

export class WiseAgentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wise Agent Trigger',
		name: 'wiseAgentTrigger',
		icon: 'file:wiseAgent.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when contacts, tasks, properties or notes change in Wise Agent',
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
					'Whether to read each changed record from Wise Agent (deleted events are never read). Tasks have no single read: they are looked up in the first 1,000 entries of the task list.',
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
							'Deliveries with the same event type, IDs and event time received within this many minutes are dropped. 0 turns this off.',
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
				return await createWebhooks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = triggerStaticData(this);
		const query = this.getQueryData() as IDataObject;
		if (!isKnownToken(query[TOKEN_PARAMETER], data)) {
			return reject(this, 401, 'Missing or wrong token');
		}

		const request = this.getRequestObject() as { rawBody?: unknown };
		const parsed = parseDelivery(this.getBodyData(), request.rawBody);
		if (!parsed.ok) return reject(this, 400, parsed.reason);
		const delivery = parsed.delivery;

		const events = this.getNodeParameter('events', []) as string[];
		if (!isSelected(events, delivery.eventType, delivery.family)) {
			return { webhookResponse: { received: true, ignored: 'event not selected' } };
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const windowMinutes = (options.duplicateWindowMinutes as number | undefined) ?? 10;
		if (isDuplicate(data, delivery, windowMinutes * 60_000)) {
			return { webhookResponse: { received: true, ignored: 'duplicate delivery' } };
		}
		if (delivery.resourceIds.length === 0) {
			return { webhookResponse: { received: true, ignored: 'no resource ids' } };
		}

		const items = await outputItems.call(this, delivery, options.simplify !== false);
		return { workflowData: [items] };
	}
}

/** Answers the call itself, so n8n starts no execution. */
function reject(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

async function outputItems(
	this: IWebhookFunctions,
	delivery: Delivery,
	simplify: boolean,
): Promise<INodeExecutionData[]> {
	const base = delivery.resourceIds.map((resourceId) => ({
		event: delivery.family,
		specificEvent: delivery.eventType,
		eventCreated: delivery.eventCreated,
		resourceId,
	}));
	const includeRecord = this.getNodeParameter('includeRecord', true) as boolean;
	if (!includeRecord || isDeleteEvent(delivery.family)) return base.map((json) => ({ json }));
	const lookups = await fetchRecords.call(
		this,
		resourceKindOf(delivery.family),
		delivery.resourceIds,
		simplify,
	);
	return base.map((json, index) => ({ json: { ...json, ...lookups[index] } as IDataObject }));
}
