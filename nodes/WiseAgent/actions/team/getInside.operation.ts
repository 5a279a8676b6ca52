import { listOperation } from '../listOperation';

export const getInside = listOperation({
	value: 'getInside',
	name: 'Get Many Inside Team Members',
	action: 'Get many inside team members',
	description:
		'Members of the account’s team, with the IDs that assign contacts, tasks and calls to them',
	requestType: 'getTeam',
	scopes: ['team'],
});
