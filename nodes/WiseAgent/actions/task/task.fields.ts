import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactLocator, numericRecordLocator, teamMemberField } from '../../descriptions/common';
import { getNumericIdParameter } from '../../helpers/parameters';

export const TASK_NOTE_MAX_LENGTH = 2048;
/** Undocumented; the task's title, one line. */
export const TASK_DESCRIPTION_MAX_LENGTH = 500;

export const PRIORITY_OPTIONS = [
	{ name: 'None', value: 0 },
	{ name: 'Low', value: 1 },
	{ name: 'Medium', value: 2 },
	{ name: 'High', value: 3 },
];

export const ESTIMATED_TIME_OPTIONS = [
	{ name: 'None', value: 0 },
	{ name: 'Less than 15 Minutes', value: 1 },
	{ name: '15 - 30 Minutes', value: 2 },
	{ name: '30 - 60 Minutes', value: 3 },
	{ name: 'More than an Hour', value: 4 },
];

export const PRIORITY_VALUES = PRIORITY_OPTIONS.map((option) => option.value);
export const ESTIMATED_TIME_VALUES = ESTIMATED_TIME_OPTIONS.map((option) => option.value);

/** A task picked from the task list or typed as its TaskID. */
export const taskLocator = numericRecordLocator({
	name: 'taskId',
	displayName: 'Task',
	searchListMethod: 'searchTasks',
	searchPlaceholder: 'Search by description…',
	idExample: '11598',
});

export function readTaskId(context: IExecuteFunctions, itemIndex: number): string {
	return getNumericIdParameter(context, itemIndex, 'taskId', 'Task');
}

/** The contact the task is about (optional): client ID, or vendor ID with a V prefix. */
export const taskContactLocator = contactLocator({
	displayName: 'Contact',
	name: 'contactId',
	required: false,
	description: 'The client or vendor (V prefix) the task is about (optional)',
});

/** Task fields shared by Create (Additional Fields) and Update (Update Fields). */
export function taskFieldOptions(api: 'create' | 'update'): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Completed',
			name: 'completed',
			type: 'boolean',
			default: false,
			description: 'Whether the task is done',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: `What is to be done (the task’s title), at most ${TASK_DESCRIPTION_MAX_LENGTH} characters`,
		},
		{
			displayName: 'Due Date',
			name: 'dueDate',
			type: 'dateTime',
			default: '',
			description: 'Day the task is due, in the workflow’s time zone',
		},
		{
			displayName: 'Estimated Time',
			name: 'estimatedTime',
			type: 'options',
			options: ESTIMATED_TIME_OPTIONS,
			default: 0,
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'options',
			options: PRIORITY_OPTIONS,
			default: 0,
		},
		{
			displayName: 'Task Note',
			name: 'taskNote',
			type: 'string',
			default: '',
			typeOptions: { rows: 3 },
			description: `Details of the task, up to ${TASK_NOTE_MAX_LENGTH} characters`,
		},
		teamMemberField('Inside team member the task is assigned to'),
	];
	// The docs list TaskNote for creating only; Description is a top-level field on Create.
	return options.filter((option) =>
		api === 'create' ? option.name !== 'description' : option.name !== 'taskNote',
	);
}
