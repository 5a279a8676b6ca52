import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { invalidInput } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readTaskId, taskContactLocator, taskFieldOptions, taskLocator } from './task.fields';
import { taskForm } from './task.requests';

export const update: WiseAgentOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a task',
		description: 'Change a task’s description, due date, priority, assignment…',
	},
	scopes: ['team'],
	description: [
		taskLocator,
		taskContactLocator,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: taskFieldOptions('update'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		const form = taskForm(this, itemIndex, getCollection(this, itemIndex, 'updateFields'));
		if (Object.keys(form).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		const body = await wiseAgentApiRequest.call(this, {
			method: 'PUT',
			requestType: 'tasks',
			form: { TaskID: taskId, ...form },
			itemIndex,
		});
		return successResult(body, { TaskID: taskId });
	},
};
