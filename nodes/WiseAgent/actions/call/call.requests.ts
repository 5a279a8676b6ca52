import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatIsoDateTimeInZone } from '../../helpers/dates';
import { checkMaxLengths, invalidInput, requireDate, withoutEmpty } from '../../helpers/validation';
import { REASON_MAX_LENGTH } from './call.fields';

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
