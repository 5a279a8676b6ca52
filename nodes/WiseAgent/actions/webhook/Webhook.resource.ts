import type { WiseAgentResource } from '../types';
import { create } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const webhook: WiseAgentResource = {
	option: {
		name: 'Webhook',
		value: 'webhook',
		description: 'Webhook subscriptions, for managing them by hand',
	},
	defaultOperation: 'getAll',
	operations: { getAll: getMany, create, update, delete: deleteWebhook },
};
