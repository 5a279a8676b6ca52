import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiDateTimeToIso, apiDateToIsoDate } from '../../helpers/apiDates';
import { formatUsDateInZone } from '../../helpers/dates';
import { flagOf, idOf, numberOf, textOf } from '../../helpers/simplify';
import {
	addedDate,
	addedText,
	optionalContactId,
	readBoolean,
	readNumericId,
	requireOption,
	withoutEmpty,
} from '../../helpers/validation';
import {
	ESTIMATED_TIME_OPTIONS,
	ESTIMATED_TIME_VALUES,
	PRIORITY_OPTIONS,
	PRIORITY_VALUES,
	TASK_DESCRIPTION_MAX_LENGTH,
	TASK_NOTE_MAX_LENGTH,
} from './task.fields';

/** The form fields of POST/PUT `tasks`, checked; fields the user did not add are left out. */
export function taskForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const option = (field: string, value: unknown, allowed: number[]) =>
		value === undefined ? undefined : requireOption(context, itemIndex, field, value, allowed);
	const form: IDataObject = withoutEmpty({
		Description: addedText(
			context,
			itemIndex,
			'Description',
			values.description,
			TASK_DESCRIPTION_MAX_LENGTH,
		),
		TaskNote: addedText(context, itemIndex, 'Task Note', values.taskNote, TASK_NOTE_MAX_LENGTH),
		Priority: option('Priority', values.priority, PRIORITY_VALUES),
		EstimatedTime: option('Estimated Time', values.estimatedTime, ESTIMATED_TIME_VALUES),
		InsideTeamId: readNumericId(context, itemIndex, 'Team Member', values.insideTeamId, 'added'),
	});
	const due = addedDate(context, itemIndex, 'Due Date', values.dueDate);
	if (due) form.TaskDue = formatUsDateInZone(due, context.getTimezone());
	if (values.completed !== undefined) {
		form.Completed = readBoolean(context, itemIndex, 'Completed', values.completed) ? 'yes' : 'no';
	}
	const contact = optionalContactId(
		context,
		itemIndex,
		'Contact',
		context.getNodeParameter('contactId', itemIndex, '', { extractValue: true }),
	);
	if (contact) form.ContactID = contact;
	return form;
}

/** The name of a priority or estimated time option (None → null), or the value as sent. */
function optionName(
	options: Array<{ name: string; value: number }>,
	value: unknown,
): string | number | null {
	const number = numberOf(value);
	if (number === null || number === 0) return null;
	return options.find((option) => option.value === number)?.name ?? number;
}

/**
 * A task in its compact form (Simplify on). Its dates carry no zone and are the account's Arizona
 * time; the due date is a calendar date; CompletedDate 1/1/1900 means "not completed" (null).
 */
export function simplifyTask(record: IDataObject): IDataObject {
	return {
		id: idOf(record.TaskID),
		description: textOf(record.Description),
		notes: textOf(record.TaskNote),
		dueDate: apiDateToIsoDate(record.TaskDue),
		priority: optionName(PRIORITY_OPTIONS, record.Priority),
		estimatedTime: optionName(ESTIMATED_TIME_OPTIONS, record.EstimatedTime),
		completed: flagOf(record.Completed) ?? false,
		completedAt: apiDateTimeToIso(record.CompletedDate, 'arizona'),
		assignedTo: textOf(record.AssignedTo),
		contactId: idOf(record.ContactID),
		createdAt: apiDateTimeToIso(record.DateCreated, 'arizona'),
		updatedAt: apiDateTimeToIso(record.DateModified, 'arizona'),
	};
}
