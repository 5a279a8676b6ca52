import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { createWebhook } from '../../transport';
import { requireHttpUrl } from '../../helpers/validation';
import type { WiseAgentOperation } from '../types';
import {
	URL_HINT,
	eventTypeField,
	readEventType,
	readStatus,
	statusField,
	urlField,
} from './webhook.fields';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a webhook',
		description: 'Subscribe a URL to one event. The Wise Agent Trigger node does this by itself.',
	},
	scopes: ['profile'],
	description: [
		{
			displayName:
				'To start a workflow on Wise Agent events, use the Wise Agent Trigger node: it subscribes and unsubscribes by itself',
			name: 'triggerNotice',
			type: 'notice',
			default: '',
		},
		eventTypeField,
		{ ...urlField, required: true },
		statusField,
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const form = {
			EventType: readEventType(this, itemIndex, this.getNodeParameter('eventType', itemIndex)),
			Url: requireHttpUrl(
				this,
				itemIndex,
				'URL',
				this.getNodeParameter('url', itemIndex),
				URL_HINT,
			),
			Status: readStatus(this, itemIndex, this.getNodeParameter('status', itemIndex, 'Active')),
		};
		const { body } = await createWebhook(this, form, itemIndex);
		return successResult(body, form);
	},
};
