import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNumericId, requireOption } from '../../helpers/validation';
import { WEBHOOK_EVENTS } from '../../transport';

export const eventTypeField: INodeProperties = {
	displayName: 'Event',
	name: 'eventType',
	type: 'options',
	options: WEBHOOK_EVENTS.map((event) => ({ ...event })),
	default: 'contactCreate',
	description:
		'What Wise Agent reports to the URL. Note events fire for changes made by hand in Wise Agent only.',
};

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/wise-agent',
	description:
		'Where Wise Agent sends each event: the event type, when it happened and the IDs of the records it concerns',
};

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'Active' },
		{ name: 'Disabled', value: 'Disabled' },
	],
	default: 'Active',
};

export const webhookIdField: INodeProperties = {
	displayName: 'Webhook Name or ID',
	name: 'webhookId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getWebhooks' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export function readWebhookId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Webhook',
		context.getNodeParameter('webhookId', itemIndex, ''),
	);
}

const EVENT_TYPES = WEBHOOK_EVENTS.map((event) => String(event.value));
const STATUSES = ['Active', 'Disabled'];

export function readEventType(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string {
	return requireOption(context, itemIndex, 'Event', value, EVENT_TYPES);
}

export function readStatus(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	return requireOption(context, itemIndex, 'Status', value, STATUSES);
}

export const URL_HINT =
	'Wise Agent must reach it from the internet: use an http:// or https:// URL.';
