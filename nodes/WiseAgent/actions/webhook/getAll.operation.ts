import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { listWebhookRecords } from '../../transport';
import { applyReturnAllOrLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhooks',
		description: 'The webhook subscriptions of the account (webhooks GET)',
	},
	scopes: ['profile'],
	description: [...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return applyReturnAllOrLimit(this, itemIndex, await listWebhookRecords(this, itemIndex));
	},
};
