import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { successResult } from '../../helpers/records';
import { requireText } from '../../helpers/validation';
import { wiseAgentApiRequest } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { TASK_DESCRIPTION_MAX_LENGTH, taskContactLocator, taskFieldOptions } from './task.fields';
import { taskForm } from './task.requests';

export const create: WiseAgentOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a task',
		description: 'Add a task, optionally about a contact and assigned to a team member',
	},
	scopes: ['team'],
	description: [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Call back about the listing',
			description: `What is to be done (the task’s title), at most ${TASK_DESCRIPTION_MAX_LENGTH} characters`,
		},
		taskContactLocator,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: taskFieldOptions('create'),
		},
	],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const description = requireText(
			this,
			itemIndex,
			'Description',
			this.getNodeParameter('description', itemIndex),
			TASK_DESCRIPTION_MAX_LENGTH,
		);
		const form = taskForm(this, itemIndex, {
			...getCollection(this, itemIndex, 'additionalFields'),
			description,
		});
		const body = await wiseAgentApiRequest.call(this, {
			method: 'POST',
			requestType: 'tasks',
			form,
			itemIndex,
		});
		return successResult(body);
	},
};
