import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { create } from './create.operation';
import { delete as webhookDelete } from './delete.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const webhook: WiseAgentResource = defineResource({
	option: {
		name: 'Webhook',
		value: 'webhook',
		description: 'Webhook subscriptions, for managing them by hand',
	},
	defaultOperation: 'getAll',
	operations: [getAll, create, update, webhookDelete],
});
