import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { deleteWebhook } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readWebhookId, webhookIdField } from './webhook.fields';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a webhook',
		description: 'Remove a webhook subscription',
	},
	scopes: ['profile'],
	description: [webhookIdField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const webhookId = readWebhookId(this, itemIndex);
		const body = await deleteWebhook(this, webhookId, itemIndex);
		return successResult(body, { WebhookID: webhookId });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
