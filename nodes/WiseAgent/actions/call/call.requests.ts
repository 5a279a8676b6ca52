import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiDateTimeToIso } from '../../helpers/apiDates';
import { formatArizonaIsoDateTime, formatIsoDateTimeInZone } from '../../helpers/dates';
import { flagOf, idOf, textOf } from '../../helpers/simplify';
import {
	NAME_MAX,
	addedDate,
	addedText,
	invalidInput,
	readBoolean,
	readNumericId,
	withoutEmpty,
} from '../../helpers/validation';
import { REASON_MAX_LENGTH } from './call.fields';

/** A boolean of a collection as the API spells it; undefined when the field was not added. */
function addedFlag(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	return value === undefined ? undefined : String(readBoolean(context, itemIndex, field, value));
}

/**
 * The form fields of POST/PUT `calls`, checked; fields the user did not add are left out.
 * NextContactDate has no documented zone; Wise Agent keeps call times in Arizona time (and
 * shows them back so), so the picked instant is sent as Arizona wall time. DateCompleted is
 * documented as UTC.
 */
export function callForm(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	const form = withoutEmpty({
		CallType: addedText(context, itemIndex, 'Call Type', values.callType, 100),
		Completed: addedFlag(context, itemIndex, 'Completed', values.completed),
		FlagImportant: addedFlag(context, itemIndex, 'Flag Important', values.flagImportant),
		InsideTeamId: readNumericId(context, itemIndex, 'Team Member', values.insideTeamId, 'added'),
		AssignedTo: addedText(context, itemIndex, 'Assigned To (Name)', values.assignedTo, NAME_MAX),
		Reason: addedText(context, itemIndex, 'Reason', values.reason, REASON_MAX_LENGTH),
	});
	if (form.InsideTeamId !== undefined && form.AssignedTo !== undefined) {
		throw invalidInput(
			context,
			itemIndex,
			'Assigned To (Name)',
			'give either a Team Member or a name, not both',
		);
	}
	const next = addedDate(context, itemIndex, 'Next Contact Date', values.nextContactDate);
	if (next) form.NextContactDate = formatArizonaIsoDateTime(next);
	const done = addedDate(context, itemIndex, 'Date Completed', values.dateCompleted);
	if (done) form.DateCompleted = formatIsoDateTimeInZone(done, 'UTC');
	return form;
}

/**
 * A call list entry in its compact form (Simplify on). DateAdded is printed with " UTC";
 * NextContactDate has no zone and is the account's Arizona time, as it is sent (see callForm).
 */
export function simplifyCall(record: IDataObject): IDataObject {
	return {
		id: idOf(record.CallId),
		contactId: idOf(record.ClientId),
		reason: textOf(record.Reason),
		callType: textOf(record.CallType),
		important: flagOf(record.FlagImportant) ?? false,
		completed: flagOf(record.Completed) ?? false,
		assignedTo: textOf(record.AssignedTo),
		teamMemberId: idOf(record.InsideTeamId),
		createdAt: apiDateTimeToIso(record.DateAdded, 'utc'),
		nextContactAt: apiDateTimeToIso(record.NextContactDate, 'arizona'),
	};
}
