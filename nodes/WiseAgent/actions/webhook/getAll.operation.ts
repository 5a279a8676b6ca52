import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { listWebhookRecords } from '../../transport';
import { limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhooks',
		description: 'The webhook subscriptions of the account',
	},
	scopes: ['profile'],
	description: [...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex);
		return limitRecords(await listWebhookRecords(this, itemIndex), limit);
	},
};
