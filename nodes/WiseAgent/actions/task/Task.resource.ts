import type { WiseAgentResource } from '../types';
import { complete } from './complete.operation';
import { create } from './create.operation';
import { deleteTask } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const task: WiseAgentResource = {
	option: { name: 'Task', value: 'task', description: 'To-dos of the account and its team' },
	defaultOperation: 'create',
	operations: {
		create,
		complete,
		update,
		get,
		getAll: getMany,
		delete: deleteTask,
	},
};
