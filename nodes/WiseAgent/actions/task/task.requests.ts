import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatUsDateInZone } from '../../helpers/dates';
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
	ESTIMATED_TIME_VALUES,
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
