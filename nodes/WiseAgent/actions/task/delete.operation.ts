import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { successResult } from '../../helpers/records';
import { deleteTask } from '../../transport';
import type { WiseAgentOperation } from '../types';
import { readTaskId, taskLocator } from './task.fields';

const deleteOperation: WiseAgentOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a task',
		description: 'Delete a task by its ID',
	},
	scopes: ['team'],
	description: [taskLocator],

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		const { body, requestType } = await deleteTask(this, taskId, itemIndex);
		return successResult(body, { TaskID: taskId, deleted: true, requestType });
	},
};

// `delete` is a reserved word: the operation is declared under another name.
export { deleteOperation as delete };
