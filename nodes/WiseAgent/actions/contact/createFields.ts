import type { INodeProperties } from 'n8n-workflow';

import { contactFieldProperties } from '../../descriptions/contactFields';
import { searchProfileCollection } from '../../descriptions/searchProfileFields';
import { categoryNamesField } from '../../descriptions/common';

/** Parameters of Create, reused as they are by Create or Update. */
export const createContactProperties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Source Name or ID',
		name: 'source',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSources' },
		required: true,
		default: '',
		description:
			'Where the lead came from; Wise Agent lead rules and automations key on it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactFieldProperties('webcontact'),
			categoryNamesField('Categories to put the contact in'),
			{
				displayName: 'Call List Type',
				name: 'callType',
				type: 'options',
				options: [
					{ name: 'Phone', value: '1' },
					{ name: 'Email', value: '2' },
				],
				default: '1',
				description:
					'How the new lead appears on the call list; Wise Agent uses Email when no phone is given',
			},
			{
				displayName: 'Price',
				name: 'price',
				type: 'number',
				default: 0,
				description:
					'Price of the home the lead is interested in (used by lead distribution rules)',
			},
			{
				displayName: 'Extra Form Fields',
				name: 'extraFormFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Form Field',
				default: {},
				description:
					'Other webcontact fields sent as they are, e.g. the fields of the property the lead is viewing',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
	searchProfileCollection(),
];
