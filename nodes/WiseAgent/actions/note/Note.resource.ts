import type { WiseAgentResource } from '../types';
import { create } from './create.operation';
import { deleteNote } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';
import { updateCategories } from './updateCategories.operation';

export const note: WiseAgentResource = {
	option: { name: 'Note', value: 'note', description: 'Notes on clients and vendors' },
	defaultOperation: 'create',
	operations: {
		create,
		get,
		getAll: getMany,
		update,
		updateCategories,
		delete: deleteNote,
	},
};
