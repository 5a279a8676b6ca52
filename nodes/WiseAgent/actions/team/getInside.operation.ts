import { listOperation } from '../listOperation';

export const getInside = listOperation({
	value: 'getInside',
	name: 'Get Many Inside Team Members',
	action: 'Get many inside team members',
	description:
		'Members of the account’s team; InsideTeamId assigns contacts, tasks and calls (getTeam)',
	requestType: 'getTeam',
	scopes: ['team'],
});
