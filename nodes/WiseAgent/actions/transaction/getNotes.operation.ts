import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { requireNumericId } from '../../helpers/validation';
import { fetchList, limitRecords, readLimit } from '../listOperation';
import type { WiseAgentOperation } from '../types';
import { transactionField } from './transaction.fields';

export const getNotes: WiseAgentOperation = {
	option: {
		name: 'Get Notes',
		value: 'getNotes',
		action: 'Get the notes of a transaction',
		description: 'The notes written on a transaction',
	},
	scopes: ['marketing'],
	description: [transactionField(), ...returnAllOrLimit()],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const transactionId = requireNumericId(
			this,
			itemIndex,
			'Transaction',
			this.getNodeParameter('transactionId', itemIndex, ''),
		);
		const limit = readLimit(this, itemIndex);
		const notes = await fetchList(
			this,
			itemIndex,
			'getTransactionNotes',
			{ transactionID: transactionId },
			'Notes',
		);
		return limitRecords(notes, limit);
	},
};
