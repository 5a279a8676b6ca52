import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatIsoDateTimeInZone } from '../../helpers/dates';
import {
	checkMaxLengths,
	invalidInput,
	requireDate,
	requireNumericId,
	withoutEmpty,
} from '../../helpers/validation';
import { teamMemberField } from '../../descriptions/common';

/**
 * The docs print call deletion as DELETE with requestType=webhooks and `CallId`, not `calls`.
 * They do so consistently for three deletions (tasks with TaskID, calls with CallId, webhooks with
 * WebhookID), which reads as one shared DELETE entry point that dispatches on the id field given,
 * so we send exactly what is documented (the docs decide; the sandbox implements the same).
 * If Wise Agent ever confirms DELETE `calls` instead, change this one constant.
 */
export const CALL_DELETE_REQUEST_TYPE = 'webhooks';

/** The call list's page size is not documented; 100 matches the other lists. */
export const CALLS_PAGE_SIZE = 100;

const REASON_MAX_LENGTH = 100;

export const callIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 11598',
	description: 'CallId returned by Create or Get Many',
};

export function readCallId(context: IExecuteFunctions, itemIndex: number): string {
	return requireNumericId(
		context,
		itemIndex,
		'Call ID',
		context.getNodeParameter('callId', itemIndex),
	);
}

export const nextContactDateDescription = 'When to call the contact, in the workflow’s time zone';

/** Call list fields shared by Create (Additional Fields) and Update (Update Fields). */
export function callFieldOptions(api: 'create' | 'update'): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Assigned To (Name)',
			name: 'assignedTo',
			type: 'string',
			default: '',
			description: 'Team member name, for when the team member ID is not available',
		},
		{
			displayName: 'Call Type',
			name: 'callType',
			type: 'string',
			default: '',
			placeholder: 'e.g. Phone',
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

/** The form fields of POST/PUT `calls`, checked; blanks are left out. */
export function callForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const timeZone = context.getTimezone();
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
	const flag = (value: unknown) => (typeof value === 'boolean' ? String(value) : undefined);
	const form = withoutEmpty({
		CallType: text(values.callType),
		Completed: flag(values.completed),
		FlagImportant: flag(values.flagImportant),
		InsideTeamId: values.insideTeamId,
		AssignedTo: text(values.assignedTo),
		Reason: text(values.reason),
	});
	if (form.InsideTeamId !== undefined && form.AssignedTo !== undefined) {
		throw invalidInput(
			context,
			itemIndex,
			'Assigned To (Name)',
			'give either a Team Member or a name, not both',
		);
	}
	checkMaxLengths(context, itemIndex, form, {
		Reason: { label: 'Reason', max: REASON_MAX_LENGTH },
	});
	if (values.nextContactDate !== undefined && values.nextContactDate !== '') {
		const next = requireDate(context, itemIndex, 'Next Contact Date', values.nextContactDate);
		form.NextContactDate = formatIsoDateTimeInZone(next, timeZone);
	}
	if (values.dateCompleted !== undefined && values.dateCompleted !== '') {
		const done = requireDate(context, itemIndex, 'Date Completed', values.dateCompleted);
		form.DateCompleted = formatIsoDateTimeInZone(done, 'UTC');
	}
	return form;
}
