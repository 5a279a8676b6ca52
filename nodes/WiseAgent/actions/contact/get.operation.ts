import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator, simplifyField } from '../../descriptions/common';
import { getContactIdParameter, readSimplify } from '../../helpers/parameters';
import { simplifyRecords } from '../../helpers/simplify';
import { getContact, notFoundError } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { simplifyVendor } from '../vendor/vendor.requests';
import { simplifyContact } from './contact.requests';

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a contact',
		description: 'Retrieve one client, or a vendor by its V-prefixed ID',
	},
	scopes: ['contacts'],
	description: [contactLocator({ displayName: 'Contact', name: 'contactId' }), simplifyField],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const clientId = getContactIdParameter(this, itemIndex);
		const simplify = readSimplify(this, itemIndex);
		const contact = await getContact(this, clientId, itemIndex);
		if (!contact) throw notFoundError(this, `contact ${clientId}`, itemIndex);
		const shape = clientId.startsWith('V')
			? (record: IDataObject) => simplifyVendor(record, clientId)
			: simplifyContact;
		return simplifyRecords([contact], simplify, shape)[0];
	},
};
