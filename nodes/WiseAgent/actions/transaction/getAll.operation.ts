import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { getCollection } from '../../helpers/parameters';
import { readBoolean } from '../../helpers/validation';
import { fetchList, limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';

/** getTransactionNames flags are 1/0 (numbers or strings). */
const isSet = (flag: unknown) => String(flag) === '1' || flag === true || flag === 'true';

export const getAll: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many transactions',
		description: 'Transactions (checklists) of the account',
	},
	scopes: ['marketing'],
	description: [
		...returnAllOrLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Completed',
					name: 'includeCompleted',
					type: 'boolean',
					default: true,
					description: 'Whether to include completed transactions',
				},
				{
					displayName: 'Include Deleted',
					name: 'includeDeleted',
					type: 'boolean',
					default: false,
					description: 'Whether to include deleted transactions',
				},
			],
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex);
		const options = getCollection(this, itemIndex, 'options');
		const includeDeleted = readBoolean(
			this,
			itemIndex,
			'Include Deleted',
			options.includeDeleted,
			false,
		);
		const includeCompleted = readBoolean(
			this,
			itemIndex,
			'Include Completed',
			options.includeCompleted,
			true,
		);
		// The request takes no filter: the API returns every transaction, filtered here.
		const transactions = (await fetchList(this, itemIndex, 'getTransactionNames')).filter(
			(transaction) =>
				(includeDeleted || !isSet(transaction.deleted)) &&
				(includeCompleted || !isSet(transaction.Completed)),
		);
		return limitRecords(transactions, limit);
	},
};
