import { membershipOperation } from './category.requests';

export const removeContacts = membershipOperation('remove');
