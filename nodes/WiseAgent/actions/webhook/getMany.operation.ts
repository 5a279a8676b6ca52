import { listOperation } from '../listOperation';

export const getMany = listOperation({
	resource: 'webhook',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description: 'The webhook subscriptions of the account (webhooks GET)',
	requestType: 'webhooks',
	scopes: ['profile'],
});
