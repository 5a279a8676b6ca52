import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { complete } from './complete.operation';
import { create } from './create.operation';
import { delete as taskDelete } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const task: WiseAgentResource = defineResource({
	option: { name: 'Task', value: 'task', description: 'To-dos of the account and its team' },
	defaultOperation: 'create',
	operations: [create, complete, update, get, getAll, taskDelete],
});
