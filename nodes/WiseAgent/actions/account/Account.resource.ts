import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { getCurrentUser } from './getCurrentUser.operation';
import { getLoginLink } from './getLoginLink.operation';

export const account: WiseAgentResource = defineResource({
	option: {
		name: 'Account',
		value: 'account',
		description: 'The connected user, and single sign-on links into Wise Agent',
	},
	defaultOperation: 'getCurrentUser',
	operations: [getCurrentUser, getLoginLink],
});
