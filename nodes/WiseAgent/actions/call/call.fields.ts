import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { teamMemberField } from '../../descriptions/common';
import { NAME_MAX, requireNumericId } from '../../helpers/validation';

export const REASON_MAX_LENGTH = 100;

export const callIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 11598',
	description: 'The call’s ID, from Create or Get Many',
};

export function readCallId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Call ID',
		context.getNodeParameter('callId', itemIndex),
	);
}

export const nextContactDateDescription =
	'When to call the contact. Read in the workflow’s time zone and sent to Wise Agent as the same moment in Arizona time (UTC−7), the clock it keeps call times in.';

/** Call list fields shared by Create (Additional Fields) and Update (Update Fields). */
export function callFieldOptions(api: 'create' | 'update'): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Assigned To (Name)',
			name: 'assignedTo',
			type: 'string',
			default: '',
			description: `Team member name, for when the team member ID is not available (at most ${NAME_MAX} characters)`,
		},
		{
			displayName: 'Call Type',
			name: 'callType',
			type: 'string',
			default: '',
			placeholder: 'e.g. Phone',
			description: 'At most 100 characters',
		},
		{
			displayName: 'Completed',
			name: 'completed',
			type: 'boolean',
			default: false,
			description: 'Whether the call shows as completed',
		},
		{
			displayName: 'Date Completed',
			name: 'dateCompleted',
			type: 'dateTime',
			default: '',
			description: 'When the call was completed (sent to Wise Agent in UTC)',
		},
		{
			displayName: 'Flag Important',
			name: 'flagImportant',
			type: 'boolean',
			default: false,
			description: 'Whether the call is flagged as important',
		},
		{
			displayName: 'Next Contact Date',
			name: 'nextContactDate',
			type: 'dateTime',
			default: '',
			description: nextContactDateDescription,
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: `Why to call, up to ${REASON_MAX_LENGTH} characters`,
		},
		teamMemberField('Inside team member the call is assigned to'),
	];
	// Create has the next contact date as a required field; DateCompleted is documented for PUT only.
	const excluded = api === 'create' ? ['nextContactDate', 'dateCompleted'] : [];
	return options.filter((option) => !excluded.includes(option.name));
}
