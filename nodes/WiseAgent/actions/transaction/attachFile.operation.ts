import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successResult } from '../../helpers/records';
import {
	invalidInput,
	requireContactId,
	requireHttpUrl,
	requireNumericId,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { transactionField } from './transaction.fields';

export const attachFile: WiseAgentOperation = {
	option: {
		name: 'Attach File',
		value: 'attachFile',
		action: 'Attach a file to a transaction or contact',
		description:
			'Attach a file, given by a public URL, to a transaction and/or a contact (attachFile)',
	},
	// Documented as "'marketing' or 'contacts'": either one is enough.
	scopes: ['marketing', 'contacts'],
	description: [
		transactionField({
			required: false,
			description:
				'Transaction to attach the file to; required unless a Contact is given. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		contactLocator({
			displayName: 'Contact',
			name: 'contactId',
			required: false,
			description: 'Contact to attach the file to; required unless a Transaction is given',
		}),
		{
			displayName: 'File URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/contract.pdf',
			description:
				'Publicly reachable URL of the file (images, text documents, PDFs…; at most 20 MB, no executables)',
		},
		{
			displayName: 'Description',
			name: 'fileDescription',
			type: 'string',
			default: '',
			description: 'Description stored with the file',
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const rawTransaction = String(this.getNodeParameter('transactionId', itemIndex, '')).trim();
		const rawContact = String(
			this.getNodeParameter('contactId', itemIndex, '', { extractValue: true }) ?? '',
		).trim();
		if (!rawTransaction && !rawContact) {
			throw invalidInput(this, itemIndex, 'Transaction', 'give a Transaction, a Contact, or both');
		}
		const form = withoutEmpty({
			CLDataID: rawTransaction && requireNumericId(this, itemIndex, 'Transaction', rawTransaction),
			ClientID: rawContact && requireContactId(this, itemIndex, 'Contact', rawContact),
			Description: String(this.getNodeParameter('fileDescription', itemIndex, '')).trim(),
			url: requireHttpUrl(
				this,
				itemIndex,
				'File URL',
				this.getNodeParameter('url', itemIndex, ''),
				'Wise Agent downloads the file itself: give a publicly reachable http:// or https:// URL.',
			),
		});
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'attachFile',
			form,
			itemIndex,
		});
		return successResult(body, withoutEmpty({ CLDataID: form.CLDataID, ClientID: form.ClientID }));
	},
};
