import { membershipOperation } from './membership';

export const removeContacts = membershipOperation('remove');
