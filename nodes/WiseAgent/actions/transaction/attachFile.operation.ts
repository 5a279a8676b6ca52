import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successResult } from '../../helpers/records';
import {
	invalidInput,
	optionalContactId,
	optionalText,
	readNumericId,
	requireHttpUrl,
	withoutEmpty,
} from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { transactionField } from './transaction.fields';

/** Undocumented: one description line. */
const DESCRIPTION_MAX = 1000;

export const attachFile: WiseAgentOperation = {
	option: {
		name: 'Attach File',
		value: 'attachFile',
		action: 'Attach a file to a transaction or contact',
		description: 'Attach a file, given by a public URL, to a transaction and/or a contact',
	},
	// Documented as "'marketing' or 'contacts'": either one is enough.
	scopes: { anyOf: ['marketing', 'contacts'] },
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
			description: `Description stored with the file (at most ${DESCRIPTION_MAX} characters)`,
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const transactionId = readNumericId(
			this,
			itemIndex,
			'Transaction',
			this.getNodeParameter('transactionId', itemIndex, ''),
			'optional',
		);
		const contactId = optionalContactId(
			this,
			itemIndex,
			'Contact',
			this.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
		);
		if (!transactionId && !contactId) {
			throw invalidInput(this, itemIndex, 'Transaction', 'give a Transaction, a Contact, or both');
		}
		const form = withoutEmpty({
			CLDataID: transactionId,
			ClientID: contactId,
			Description: optionalText(
				this,
				itemIndex,
				'Description',
				this.getNodeParameter('fileDescription', itemIndex, ''),
				DESCRIPTION_MAX,
			),
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
