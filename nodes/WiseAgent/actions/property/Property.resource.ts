import type { WiseAgentResource } from '../types';
import { defineResource } from '../types';
import { addPhotos } from './addPhotos.operation';
import { connectContact } from './connectContact.operation';
import { create } from './create.operation';
import { createSearchProfile } from './createSearchProfile.operation';
import { delete as propertyDelete } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getManySearchProfiles } from './getManySearchProfiles.operation';
import { getSearchProfile } from './getSearchProfile.operation';
import { update } from './update.operation';
import { updateSearchProfile } from './updateSearchProfile.operation';

export const property: WiseAgentResource = defineResource({
	option: {
		name: 'Property',
		value: 'property',
		description: 'Properties, their photos and contacts, and property search profiles',
	},
	defaultOperation: 'create',
	operations: [
		create,
		update,
		get,
		getAll,
		propertyDelete,
		addPhotos,
		connectContact,
		createSearchProfile,
		getSearchProfile,
		getManySearchProfiles,
		updateSearchProfile,
	],
});
