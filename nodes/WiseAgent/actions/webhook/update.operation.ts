import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput, requireHttpUrl } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import { fetchList } from '../listOperation';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import {
	URL_HINT,
	eventTypeField,
	readWebhookId,
	statusField,
	urlField,
	webhookIdField,
} from './webhookFields';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a webhook',
		description: 'Change the event, URL or status of a webhook (webhooks PUT)',
	},
	scopes: ['profile'],
	description: forOperation('webhook', 'update', [
		webhookIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [eventTypeField, statusField, urlField],
		},
	]),

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
		// The PUT is documented with all three fields: unchanged ones are sent as they are now.
		const current = (await fetchList(this, itemIndex, 'webhooks')).find(
			(webhook) => String(webhook.WebhookID) === webhookId,
		);
		if (!current) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Webhook ${webhookId} not found` },
				{ message: `Wise Agent: webhook ${webhookId} was not found`, httpCode: '404', itemIndex },
			);
		}
		const form = {
			WebhookID: webhookId,
			EventType: String(changes.eventType ?? current.EventType),
			Url: url ?? String(current.Url),
			Status: String(changes.status ?? current.Status),
		};
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'webhooks',
			form,
			itemIndex,
		});
		return successResult(body, form);
	},
};
