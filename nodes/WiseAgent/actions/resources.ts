import { contact } from './contact/Contact.resource';
import { note } from './note/Note.resource';
import type { WiseAgentResource } from './types';

/** Every resource of the Wise Agent node, in the order of the Resource dropdown. */
export const resources: Record<string, WiseAgentResource> = {
	contact,
	note,
};
