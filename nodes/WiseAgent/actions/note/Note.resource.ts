import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { create } from './create.operation';
import { delete as noteDelete } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { updateCategories } from './updateCategories.operation';

export const note: WiseAgentResource = defineResource({
	option: { name: 'Note', value: 'note', description: 'Notes on clients and vendors' },
	defaultOperation: 'create',
	operations: [create, get, getAll, update, updateCategories, noteDelete],
});
