/** Records held by the sandbox. Field names follow the documented response fields where one exists. */

/** Contact text fields that getContacts/getSingleContact print, in documented order. */
export const CONTACT_TEXT_FIELDS = [
	'CFirst',
	'CLast',
	'Title',
	'HomePhone',
	'MobilePhone',
	'WorkPhone',
	'SpouseFirst',
	'SpouseLast',
	'CEmail',
	'Company',
	'AddressStreet',
	'Source',
	'AddressNumber',
	'SuiteNo',
	'County',
	'City',
	'State',
	'Zip',
	'POBox',
	'Country',
] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];

export const RANK_VALUES = ['A', 'B', 'C', 'D', 'F', 'Unranked'];
export const STATUS_VALUES = [
	'New',
	'Attempted',
	'Contacted',
	'Active',
	'Future Opportunity',
	'Disqualified',
	'Bad Lead',
	'Closed',
	'No Status',
	'Inactive',
	'Under Contract',
	'Hot Lead',
	'Warm Lead',
	'Appointment Set',
	'Showing Homes',
	'Submitted Offers',
	'Nurture',
	'Rejected',
	'Met with Client',
	'Listing Agreement',
	'Active Listing',
];

export interface CustomDatum {
	ClientCustomID: number;
	Key: string;
	Value: string;
}

export type Contact = Record<ContactTextField, string> & {
	ClientID: number;
	/** Stored but not printed by the documented contact shape (accepted by webcontact/updateContact). */
	Fax: string;
	Subdivision: string;
	BuildingFloor: string;
	Website: string;
	SpouseWebsite: string;
	PreferredPhone: string;
	SpousePreferredPhone: string;
	Rank: string;
	Status: string | null;
	categories: string[];
	insideTeamIds: number[];
	outsideTeamEmails: string[];
	customData: CustomDatum[];
	addedMs: number;
	updatedMs: number;
	LastContactDate: string | null;
	DateMet: string | null;
	Birthday: string | null;
	Anniversary: string | null;
	HomeSaleAnniversary: string | null;
	/** webcontact `CommaDelimitedFormFields` values and `Price`; kept for inspection only. */
	extraDetails: Record<string, string>;
};

export interface Vendor {
	VendorID: number;
	Company: string;
	ContactName: string;
	AlternateContact: string;
	Address: string;
	Type: string;
	Email: string;
	Phone: string;
	updatedMs: number;
}

export interface Note {
	NoteID: number;
	/** ClientID, or VendorID when `vendor` is true. */
	ownerId: number;
	vendor: boolean;
	Subject: string;
	Note: string;
	categories: string[];
	insideTeamId: number;
	createdMs: number;
	/** Locked notes refuse updateContactNote/updateContactNoteCategories/removeContactNote. */
	locked: boolean;
}

export interface Task {
	TaskID: number;
	Description: string;
	TaskNote: string;
	dueMs: number | null;
	Priority: number;
	insideTeamId: number;
	EstimatedTime: number;
	/** '0' for none, '234' for a client, 'V26855' for a vendor. */
	ContactID: string;
	completed: boolean;
	completedMs: number | null;
	createdMs: number;
	modifiedMs: number;
}

export interface Call {
	CallId: number;
	/** '234' for a client, 'V26855' for a vendor. */
	ClientId: string;
	completed: boolean;
	flagImportant: boolean;
	Reason: string;
	insideTeamId: number | null;
	AssignedTo: string;
	addedMs: number;
	nextContactMs: number | null;
	CallType: string;
	completedMs: number | null;
}

export interface Category {
	id: number;
	name: string;
}

export interface TeamMember {
	InsideTeamId: number;
	Name: string;
	Phone: string;
	Cell: string;
	Email: string;
	JobTitle: string;
}

export interface OutsideTeamMember {
	TeamMember: string;
	Email: string;
	Cell: string;
	Phone: string;
}

export interface Source {
	ID: number;
	Name: string;
}

export interface Program {
	ProgramID: number;
	ProgramName: string;
	clientIds: number[];
}

export interface TransactionNote {
	NoteMemo: string;
	NoteDate: string;
}

export interface Transaction {
	CLDataID: number;
	CLName: string;
	deleted: number;
	Completed: number;
	CompletedDate: string;
	notes: TransactionNote[];
}

export interface Content {
	Id: number;
	Name: string;
	Category: string;
	Subject: string;
	Html: string;
}

export interface CalendarEvent {
	PlannerID: number;
	Subject: string;
	Memo: string | null;
	startMs: number;
	endMs: number;
	AllDayEvent: boolean;
	Completed: boolean;
	EventColor: string;
	EventIcon: string;
	location: string;
	InsideTeamID: number;
	Attendees: string;
}

export interface Property {
	PropertyID: number;
	/** Every addProperty/updateProperty field by its documented name (AddressNum, Address, City, ...). */
	fields: Record<string, string>;
	archived: boolean;
	photos: string[];
	connections: Array<{ clientId: number; relation: string }>;
	createdMs: number;
	updatedMs: number;
}

export interface SearchCriteria {
	SearchID: number;
	clientId: number;
	propCity: string;
	propZip: string;
	propType: string;
	propArea: string;
	propNotes: string;
	minPrice: number;
	maxPrice: number;
	propBath: number;
	propBed: number;
	propRentOwn: string;
	propMoving: number;
	propSqft: number;
}

export interface ClientAddress {
	ClientAddressID: number;
	ClientID: number;
	AddressType: string;
	AddressNum: string;
	Address: string;
	SuiteNo: string;
	POBox: string;
	BldgFloor: string;
	City: string;
	State: string;
	Zip: string;
	County: string;
	Country: string;
	MLS: string;
	Subdivision: string | null;
	Township: string | null;
}

export const WEBHOOK_EVENT_TYPES = [
	'contactCreate',
	'contactUpdate',
	'contactDelete',
	'taskCreate',
	'taskUpdate',
	'taskDelete',
	'propertyCreate',
	'propertyUpdate',
	'propertyDelete',
	'noteCreate',
	'noteUpdate',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface Webhook {
	WebhookID: number;
	EventType: WebhookEventType;
	Status: 'Active' | 'Disabled';
	Url: string;
}

export interface AttachedFile {
	id: number;
	CLDataID: number | null;
	ClientID: number | null;
	Description: string;
	url: string;
	createdMs: number;
}

export interface AccountUser {
	First: string;
	Last: string;
	Email: string;
	Company: string;
}

export interface LoginToken {
	token: string;
	page: string | null;
	expiresMs: number;
}

/** Everything the account holds. Maps keep insertion (= id) order. */
export interface StoreData {
	user: AccountUser;
	contacts: Map<number, Contact>;
	vendors: Map<number, Vendor>;
	notes: Map<number, Note>;
	tasks: Map<number, Task>;
	calls: Map<number, Call>;
	categories: Map<number, Category>;
	team: TeamMember[];
	outsideTeam: OutsideTeamMember[];
	sources: Source[];
	programs: Map<number, Program>;
	transactions: Map<number, Transaction>;
	content: Map<number, Content>;
	calendar: Map<number, CalendarEvent>;
	properties: Map<number, Property>;
	searchCriteria: Map<number, SearchCriteria>;
	clientAddresses: Map<number, ClientAddress>;
	webhooks: Map<number, Webhook>;
	files: AttachedFile[];
	loginTokens: LoginToken[];
	/** Next id per record kind. */
	sequences: Record<string, number>;
}
