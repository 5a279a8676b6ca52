import { listOperation } from '../listOperation';

export const getAll = listOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many marketing programs',
	description: 'The drip and email marketing programs of the account',
	requestType: 'getPrograms',
	scopes: ['marketing'],
});
