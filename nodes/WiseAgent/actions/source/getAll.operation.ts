import { listOperation } from '../listOperation';

export const getAll = listOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many sources',
	description: 'The lead sources of the account, as used on contacts',
	requestType: 'getSources',
	scopes: ['contacts'],
});
