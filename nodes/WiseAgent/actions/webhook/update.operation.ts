import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, requireHttpUrl } from '../../helpers/validation';
import { listWebhookRecords, notFoundError, updateWebhook, webhookIdOf } from '../../transport';
import type { WiseAgentOperation } from '../types';
import {
	URL_HINT,
	eventTypeField,
	readEventType,
	readStatus,
	readWebhookId,
	statusField,
	urlField,
	webhookIdField,
} from './webhook.fields';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a webhook',
		description: 'Change the event, URL or status of a webhook',
	},
	scopes: ['profile'],
	description: [
		webhookIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [eventTypeField, statusField, urlField],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = readWebhookId(this, itemIndex);
		const changes = getCollection(this, itemIndex, 'updateFields');
		if (Object.keys(changes).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		const url =
			changes.url === undefined
				? undefined
				: requireHttpUrl(this, itemIndex, 'URL', changes.url, URL_HINT);
		const eventType =
			changes.eventType === undefined
				? undefined
				: readEventType(this, itemIndex, changes.eventType);
		const status =
			changes.status === undefined ? undefined : readStatus(this, itemIndex, changes.status);
		// The PUT is documented with all three fields: unchanged ones are sent as they are now.
		const current = (await listWebhookRecords(this, itemIndex)).find(
			(webhook) => webhookIdOf(webhook) === webhookId,
		);
		if (!current) throw notFoundError(this, `webhook ${webhookId}`, itemIndex);
		const fields = {
			EventType: eventType ?? String(current.EventType),
			Url: url ?? String(current.Url),
			Status: status ?? String(current.Status),
		};
		const body = await updateWebhook(this, webhookId, fields, itemIndex);
		return successResult(body, { WebhookID: webhookId, ...fields });
	},
};
