import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { RANK_OPTIONS, STATUS_OPTIONS, teamMemberField } from './common';

/**
 * One list of contact fields with the names the user sees, and the API name each request type
 * uses. `webcontact` (create) and `updateContact` (update) spell several fields differently
 * (`zip` vs `Zip`, `CLast` vs `Clast`) and accept different sets; the user sees one set.
 */
type ContactApi = 'webcontact' | 'updateContact';

interface ContactFieldSpec {
	property: INodeProperties;
	api: Partial<Record<ContactApi, string[]>>;
}

function text(
	name: string,
	displayName: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'string', default: '', ...extra } as INodeProperties;
}

const CONTACT_FIELD_SPECS: ContactFieldSpec[] = [
	// Create takes first and last name as required top-level parameters; update lists them here.
	{ property: text('firstName', 'First Name'), api: { updateContact: ['CFirst'] } },
	{ property: text('lastName', 'Last Name'), api: { updateContact: ['Clast'] } },
	{
		property: text('email', 'Email', { placeholder: 'name@email.com' }),
		api: { webcontact: ['CEmail'], updateContact: ['CEmail'] },
	},
	{
		property: text('homePhone', 'Home Phone'),
		// The docs spell the create field "HomePhome" and the update/read field "HomePhone";
		// webcontact ignores unknown fields, so both spellings are sent on create.
		api: { webcontact: ['HomePhome', 'HomePhone'], updateContact: ['HomePhone'] },
	},
	{
		property: text('mobilePhone', 'Mobile Phone'),
		api: { webcontact: ['MobilePhone'], updateContact: ['MobilePhone'] },
	},
	{
		property: text('workPhone', 'Work Phone'),
		api: { webcontact: ['WorkPhone'], updateContact: ['WorkPhone'] },
	},
	{ property: text('fax', 'Fax'), api: { webcontact: ['Fax'] } },
	{
		property: text('company', 'Company'),
		api: { webcontact: ['Company'], updateContact: ['Company'] },
	},
	{ property: text('website', 'Website'), api: { webcontact: ['Website'] } },
	{
		property: text('addressNumber', 'Street Number'),
		api: { webcontact: ['AddressNumber'], updateContact: ['AddressNumber'] },
	},
	{
		property: text('addressStreet', 'Street Name'),
		api: { webcontact: ['AddressStreet'], updateContact: ['AddressStreet'] },
	},
	{
		property: text('suiteNo', 'Suite / Apartment'),
		api: { webcontact: ['SuiteNo'], updateContact: ['SuiteNo'] },
	},
	{ property: text('buildingFloor', 'Building Floor'), api: { updateContact: ['BuildingFloor'] } },
	{ property: text('city', 'City'), api: { webcontact: ['City'], updateContact: ['City'] } },
	{ property: text('state', 'State'), api: { webcontact: ['State'], updateContact: ['State'] } },
	{ property: text('zip', 'Zip'), api: { webcontact: ['zip'], updateContact: ['Zip'] } },
	{ property: text('county', 'County'), api: { updateContact: ['County'] } },
	{
		property: text('country', 'Country'),
		api: { webcontact: ['country'], updateContact: ['Country'] },
	},
	{ property: text('subdivision', 'Subdivision'), api: { updateContact: ['Subdivision'] } },
	{
		property: {
			displayName: 'Rank',
			name: 'rank',
			type: 'options',
			options: RANK_OPTIONS,
			default: 'Unranked',
		},
		api: { webcontact: ['Rank'], updateContact: ['Rank'] },
	},
	{
		property: {
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: STATUS_OPTIONS,
			default: 'New',
		},
		api: { webcontact: ['ContactStatus'], updateContact: ['ContactStatus'] },
	},
	{
		property: teamMemberField('Inside team member to assign the contact to'),
		api: { webcontact: ['InsideTeamId'], updateContact: ['InsideTeamId'] },
	},
	{
		property: {
			displayName: 'Outside Team Member Name or ID',
			name: 'outsideTeamEmail',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getOutsideTeamMembers' },
			default: '',
			description:
				'Outside team member to route the lead to (by email); their lead rules apply. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		api: { webcontact: ['OutsideTeamAssignment'], updateContact: ['OutsideTeamAssignment'] },
	},
];

/** The "Additional Fields" / "Update Fields" options for one request type. */
export function contactFieldProperties(api: ContactApi): INodeProperties[] {
	return CONTACT_FIELD_SPECS.filter((spec) => spec.api[api]).map((spec) => spec.property);
}

/** Maps user-facing field names to the API's names for one request type; blanks are dropped. */
export function toContactApiFields(values: IDataObject, api: ContactApi): IDataObject {
	const fields: IDataObject = {};
	for (const spec of CONTACT_FIELD_SPECS) {
		const value = values[spec.property.name];
		const apiNames = spec.api[api];
		if (!apiNames || value === undefined || value === null || value === '') continue;
		for (const apiName of apiNames)
			fields[apiName] = typeof value === 'string' ? value.trim() : value;
	}
	return fields;
}
