import { membershipOperation } from './category.requests';

export const addContacts = membershipOperation('add');
