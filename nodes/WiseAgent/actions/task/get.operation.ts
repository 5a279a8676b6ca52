import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WiseAgentOperation } from '../types';
import { forOperation } from '../types';
import { readTaskId, taskLocator, taskNotFound, TASKS_PAGE_SIZE, walkTasks } from './taskFields';

/** The API has no single-task read: Get pages the list, at most this many pages (2,000 tasks). */
export const TASK_LOOKUP_MAX_PAGES = 20;

export const get: WiseAgentOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a task',
		description: `Retrieve one task by its ID. The API has no single-task read, so this searches the task list (up to ${TASK_LOOKUP_MAX_PAGES * TASKS_PAGE_SIZE} tasks).`,
	},
	scopes: ['team'],
	description: forOperation('task', 'get', [
		{
			displayName: `Wise Agent cannot read one task directly: this operation pages through the task list (at most ${TASK_LOOKUP_MAX_PAGES * TASKS_PAGE_SIZE} tasks) until it finds the ID.`,
			name: 'getTaskNotice',
			type: 'notice',
			default: '',
		},
		taskLocator,
	]),

	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const taskId = readTaskId(this, itemIndex);
		let found: IDataObject | undefined;
		await walkTasks(
			this,
			itemIndex,
			TASKS_PAGE_SIZE,
			(tasks) => {
				found = tasks.find((task) => String(task.TaskID) === taskId);
				return found !== undefined;
			},
			TASK_LOOKUP_MAX_PAGES,
		);
		if (!found) {
			throw taskNotFound(
				this,
				itemIndex,
				taskId,
				`Searched the task list (up to ${TASK_LOOKUP_MAX_PAGES * TASKS_PAGE_SIZE} tasks).`,
			);
		}
		return found;
	},
};
