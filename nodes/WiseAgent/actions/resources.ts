import { account } from './account/Account.resource';
import { calendar } from './calendar/Calendar.resource';
import { call } from './call/Call.resource';
import { category } from './category/Category.resource';
import { contact } from './contact/Contact.resource';
import { content } from './content/Content.resource';
import { marketingProgram } from './marketingProgram/MarketingProgram.resource';
import { note } from './note/Note.resource';
import { property } from './property/Property.resource';
import { source } from './source/Source.resource';
import { task } from './task/Task.resource';
import { team } from './team/Team.resource';
import { transaction } from './transaction/Transaction.resource';
import type { WiseAgentResource } from './types';
import { vendor } from './vendor/Vendor.resource';
import { webhook } from './webhook/Webhook.resource';

/** Every resource of the Wise Agent node, in the order of the Resource dropdown. */
export const resources: Record<string, WiseAgentResource> = {
	contact,
	note,
	task,
	call,
	property,
	category,
	// Below the main resources: account-level lists, marketing, calendar and webhooks.
	vendor,
	team,
	source,
	account,
	marketingProgram,
	transaction,
	content,
	calendar,
	webhook,
};
