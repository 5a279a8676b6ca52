import { listOperation } from '../listOperation';

export const getCategories = listOperation({
	value: 'getCategories',
	name: 'Get Categories',
	action: 'Get content categories',
	description: 'The categories content is filed under',
	requestType: 'ContentCategories',
	scopes: ['contacts'],
});
