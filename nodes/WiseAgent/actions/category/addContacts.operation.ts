import { membershipOperation } from './membership';

export const addContacts = membershipOperation('add');
