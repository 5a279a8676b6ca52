import type { WiseAgentResource } from '../types';
import { attachFile } from './attachFile.operation';
import { getMany } from './getMany.operation';
import { getNotes } from './getNotes.operation';

export const transaction: WiseAgentResource = {
	option: {
		name: 'Transaction',
		value: 'transaction',
		description: 'Transactions (checklists), their notes and files',
	},
	defaultOperation: 'getAll',
	operations: { getAll: getMany, getNotes, attachFile },
};
