import { listOperation } from '../listOperation';

export const getOutside = listOperation({
	value: 'getOutside',
	name: 'Get Many Outside Team Members',
	action: 'Get many outside team members',
	description:
		'Partners outside the team (lenders, inspectors…), to assign contacts to by their email',
	requestType: 'getOutsideTeam',
	scopes: ['team'],
});
