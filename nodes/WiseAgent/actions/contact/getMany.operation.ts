import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyField } from '../../descriptions/common';
import { recordsFrom } from '../../helpers/records';
import { simplifyRecords } from '../../helpers/simplify';
import { wiseAgentApiRequestAllItems } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { contactFilterProperties, contactFilterQuery } from './contactFilters';
import { readContactCount } from './count.operation';

const CONTACTS_PAGE_SIZE = 100;

export const getMany: WiseAgentOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many contacts',
		description:
			'Search contacts by email, phone, categories or name, source and last update (getContacts)',
	},
	scopes: ['contacts'],
	description: forOperation('contact', 'getAll', [
		...returnAllOrLimit(),
		...contactFilterProperties,
		simplifyField,
	]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const query = contactFilterQuery(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		// The count lets pages be fetched in parallel; it accepts the same filters.
		const total = returnAll ? await readContactCount(this, itemIndex, query) : undefined;
		const contacts = await wiseAgentApiRequestAllItems.call(
			this,
			{ method: 'GET', requestType: 'getContacts', query, itemIndex },
			{ pageSize: CONTACTS_PAGE_SIZE, limit, total, extract: (body) => recordsFrom(body) },
		);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplifyRecords(contacts, simplify);
	},
};
