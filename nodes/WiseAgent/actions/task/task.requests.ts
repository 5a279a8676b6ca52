import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatUsDateInZone } from '../../helpers/dates';
import {
	checkMaxLengths,
	requireContactId,
	requireDate,
	withoutEmpty,
} from '../../helpers/validation';
import { TASK_NOTE_MAX_LENGTH } from './task.fields';

/** The form fields of POST/PUT `tasks`, checked; blanks are left out. */
export function taskForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const form: IDataObject = withoutEmpty({
		Description: typeof values.description === 'string' ? values.description.trim() : undefined,
		TaskNote: values.taskNote,
		Priority: values.priority,
		EstimatedTime: values.estimatedTime,
		InsideTeamId: values.insideTeamId,
	});
	checkMaxLengths(context, itemIndex, form, {
		TaskNote: { label: 'Task Note', max: TASK_NOTE_MAX_LENGTH },
	});
	if (values.dueDate !== undefined && values.dueDate !== '') {
		const due = requireDate(context, itemIndex, 'Due Date', values.dueDate);
		form.TaskDue = formatUsDateInZone(due, context.getTimezone());
	}
	if (typeof values.completed === 'boolean') form.Completed = values.completed ? 'yes' : 'no';
	const contact = context.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
	if (String(contact ?? '').trim() !== '') {
		form.ContactID = requireContactId(context, itemIndex, 'Contact', contact);
	}
	return form;
}
