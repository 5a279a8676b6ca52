import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { readWebhookId, webhookIdField } from './webhookFields';

export const deleteWebhook: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a webhook',
		description: 'Remove a webhook subscription (webhooks DELETE)',
	},
	scopes: ['profile'],
	description: forOperation('webhook', 'delete', [webhookIdField]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = readWebhookId(this, itemIndex);
		const body = await wiseAgentApiRequest.call(this, {
			method: 'DELETE',
			requestType: 'webhooks',
			form: { WebhookID: webhookId },
			itemIndex,
		});
		return successResult(body, { WebhookID: webhookId });
	},
};
