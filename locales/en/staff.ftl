## Staff pages: required in English and Spanish; other languages fall back to English.

## Sign-in
login-title = Staff sign-in
login-intro = For navigators, supervisors and administrators of the digital navigator program.
login-email = Email address
login-password = Password
login-submit = Sign in
login-failed-title = We could not sign you in
login-failed = The email address or the password is not right. Check both and try again.
login-expired-title = Please sign in again
login-expired = This sign-in page was open too long, or the form did not come from this site. Nothing was changed. Please sign in again.
login-too-many-title = Too many tries
login-too-many = There were too many sign-in attempts. Wait { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }, then try again.
login-error-email-required = Enter your email address
login-error-password-required = Enter your password

## Signed in
staff-signed-in-as = Signed in as { $name } ({ $role })
staff-sign-out = Sign out
staff-change-password = Change your password
role-navigator = navigator
role-supervisor = supervisor
role-admin = administrator

## Caseload
cases-title = Cases
cases-no-navigator-profile = Your account has no navigator profile yet, so no cases are assigned to you. Ask a supervisor to set one up.
cases-count-mine = { $count ->
        [one] One open case is assigned to you
       *[other] { $count } open cases are assigned to you
    }
cases-count-queue = { $count ->
        [one] One request is waiting for a navigator
       *[other] { $count } requests are waiting for a navigator
    }
cases-count-all = { $count ->
        [one] One open case
       *[other] { $count } open cases
    }
cases-mine-title = My open cases
cases-mine-empty = You have no open cases.
cases-queue-title = Waiting for a navigator
cases-queue-empty = No request is waiting for a navigator.
cases-all-title = All open cases
cases-all-empty = There are no open cases.
cases-col-ref = Reference
cases-col-area = Area
cases-col-needs = Needs
cases-col-language = Language
cases-col-status = Status
cases-col-waiting = Waiting
cases-col-navigator = Navigator
cases-col-action = Action
cases-days = { $days ->
        [one] 1 day
       *[other] { $days } days
    }
cases-take = Take { $ref }
cases-take-conflict-title = Someone else took this case
cases-take-conflict = Another navigator took this case a moment ago. Nothing was changed for you. Choose another case from the list.
cases-pages = Pages
cases-page = Page { $page } of { $pages }
cases-previous = Previous page
cases-next = Next page

## Case statuses
case-status-new = New
case-status-assigned = Assigned
case-status-in_progress = In progress
case-status-waiting_on_resident = Waiting on the resident
case-status-referred = Referred to a program
case-status-resolved = Resolved
case-status-closed = Closed

## One case
case-title = Case { $ref }
case-back = Back to cases
case-status = Status
case-navigator = Navigator
case-unassigned = Not assigned yet
case-received = Received
case-first-contact = First contact
case-not-yet = Not yet
case-take-intro = This request is waiting for a navigator. Take it to work on it.
case-resident = Resident
case-name = Name
case-phone = Phone
case-email = Email
case-language = Language
case-contact-method = Preferred contact
case-area = Area
case-zip = ZIP code
case-needs = Needs
case-details = Details
case-accessibility = Accessibility needs
case-none = None
case-not-given = Not given
case-erased = Personal data removed on { $date }.
case-note-title = Add a note
case-note-label = Note
case-note-hint = Notes are seen only by staff and cannot be changed once added.
case-note-submit = Add note
case-note-error-empty = Write the note first
case-note-error-too-long = The note is too long: at most 5,000 characters
case-status-title = Change the status
case-status-label = New status
case-status-submit = Change status
case-status-take-first = A navigator must take this case before its status can change.
case-status-error-not-allowed = Choose one of the statuses offered: this case cannot move there from its current status
case-conflict-title = This case changed while you had it open
case-conflict = Someone else changed this case after you opened it, so nothing was saved. Check the case below, then try again. Your note is still in the form.
case-timeline = Timeline
case-event-no-actor = System
case-event-created = Request received
case-event-assignment = Took the case
case-event-auto-assignment = Assigned automatically to { $name }: { $why }
case-event-release = Returned to the queue: { $name } is no longer active
case-event-sms-out = Text sent
case-event-sms-in = Text from the resident
case-event-sms-failed = Text not sent: { $reason }
case-event-note = Added a note
case-event-status-change = Changed the status from { $from } to { $to }
case-event-other = Event: { $kind }
case-contact-title = Log a contact with the resident
case-contact-note-label = Note (optional)
case-contact-submit = Log contact
case-contact-error-channel = Choose how you were in touch with the resident
case-event-contact = Contacted the resident: { $channel }

## Caseload: due work, filters, reassignment, requests taken by staff
cases-col-select = Select
cases-col-due = Due
cases-select-label = Select case { $ref }
cases-unread-reply = New reply
cases-due-first_contact_overdue = First contact overdue
cases-due-follow_up = Follow-up due
cases-due-new = New: contact the resident
cases-due-nothing = Nothing due
cases-filter-title = Find cases
cases-filter-any = Any
cases-filter-open = Open (not resolved or closed)
cases-filter-all-statuses = Every status
cases-filter-waiting = Waiting more than (days)
cases-filter-submit = Show cases
cases-filter-clear = Clear filters
cases-search-label = Search
cases-search-hint = A reference code, a phone number or part of a name.
reassign-navigator-label = Give the selected cases to
reassign-hint = Each navigator is shown with their open cases and capacity.
reassign-choose = Choose a navigator
reassign-navigator-option = { $name } ({ $open } of { $capacity } cases)
reassign-submit = Reassign selected cases
reassign-one-label = Assign this case to
reassign-one-submit = Assign
reassign-done = { $count ->
    [one] One case was reassigned.
   *[other] { $count } cases were reassigned.
}
reassign-error-navigator = Choose an active navigator from the list
reassign-error-none-chosen = Select at least one case to reassign
reassign-error-closed = A resolved or closed case cannot be reassigned: reopen it first
intake-staff-link = Record a request taken by phone or in person
intake-staff-title = A request taken by phone or in person
intake-staff-intro = Ask the resident each question and fill in their answers. The same checks apply as on the public form.
intake-staff-how = How the request came in
intake-staff-channel-phone = By phone
intake-staff-channel-walk_in = In person (walk-in)
intake-staff-channel-error = Choose how the request came in
intake-staff-consent-how = How the resident agreed to texts
intake-staff-consent-how-hint = Needed only when the resident agrees to texts. Read them the consent sentence above first.
intake-staff-consent-how-choose = Choose how
intake-staff-consent-how-error = Say how the resident agreed to texts
consent-how-verbal_phone = Said yes on the phone
consent-how-verbal_in_person = Said yes in person
consent-how-written = Signed a paper form
intake-staff-assign-legend = Who works on it
intake-staff-assign-me = Assign this request to me
intake-staff-submit = Save the request

## Matching: the navigators who best fit a request
match-title = Best navigators for this request
match-none = No active navigator fits this request (language, skills, area and room in their caseload). Choose one below, or widen a navigator's areas.
match-speaks = speaks { $language }
match-interpreter = with an interpreter
match-covers-area = covers { $area }
match-distance = { $km } km away
match-load = { $open } of { $capacity } cases
match-helped-before = helped this household before
match-assign = Assign to { $name }

## Working a case: close reasons, follow-ups, referrals, outcomes
case-unread-reply = The resident has replied since you last opened this case.
channel-web = Web form
channel-phone = Phone call
channel-walk_in = Walk-in
channel-sms = Text message
case-channel = Came in by
case-call-back = Call back: this caller is waiting for a navigator to phone them.
cases-call-back = Call back
cases-filter-channel = Came in by
case-close-reason-label = Reason for closing
case-close-reason-hint = Needed only when you close the case.
case-close-reason-choose = Choose a reason
case-close-reason-error = Choose why the case is being closed
close-reason-helped = Helped: the need was met
close-reason-referred_out = Referred to another service
close-reason-unreachable = Could not reach the resident
close-reason-declined = The resident no longer wants help
close-reason-not_eligible = Not eligible
close-reason-duplicate = Duplicate request
close-reason-moved_away = Moved out of the service area
close-reason-other = Other
case-event-closed = Closed the case (was { $from }): { $reason }
case-follow-up = Follow up on
case-follow-up-title = Plan a follow-up
case-follow-up-label = Follow up on (date)
case-follow-up-hint = The case moves to the top of your list on this day. Leave it empty to clear it.
case-follow-up-submit = Save follow-up date
case-follow-up-error = Enter a date from today up to a year ahead, like 2026-12-01
case-event-follow-up = Planned a follow-up on { $day }
case-event-follow-up-cleared = Cleared the follow-up date
case-event-reassignment = Assigned the case to { $to }
referral-title = Referrals to programs
referral-none = No referrals yet.
referral-col-program = Program
referral-col-status = Status
referral-col-updated = Updated
referral-col-change = Change
referral-change-label = New status of the referral to { $program }
referral-change-submit = Update
referral-add-title = Refer to a program
referral-no-programs = Every active program already has a referral on this case.
referral-program-label = Program
referral-program-hint = Programs with no places left are marked; you can still refer, and the program may keep a waiting list.
referral-program-choose = Choose a program
referral-no-capacity = no places left now
referral-status-label = Where it stands
referral-add-submit = Add referral
referral-error-program = Choose one of the programs in the list
referral-error-already = This case already has a referral to that program: change its status in the table instead
referral-error-status = Choose one of the statuses offered
referral-status-suggested = Suggested
referral-status-referred = Referred
referral-status-applied = Applied
referral-status-approved = Approved
referral-status-denied = Denied
referral-status-enrolled = Enrolled
referral-status-no_capacity = No capacity
referral-status-not_eligible = Not eligible
referral-status-withdrawn = Withdrawn
case-event-referral = Referred to { $program }: { $to }
case-event-referral-change = Referral to { $program } moved from { $from } to { $to }
outcome-title = Outcome
outcome-form-title = Record the outcome
outcome-yes = Yes
outcome-no = No
outcome-not-recorded = Not recorded
outcome-connected = Connected to the internet at home
outcome-plan = Internet plan
outcome-cost = Monthly cost of the plan
outcome-cost-hint = In dollars, for example 9.95
outcome-device = Device received
outcome-no-device = None
outcome-sessions = Training sessions attended
outcome-skill-intake = Skill at the start (the resident's own rating)
outcome-skill-close = Skill at the end (the resident's own rating)
outcome-skill-hint = 1 means "I can't do this yet", 5 means "I can do this on my own".
outcome-skill-1 = 1: not yet
outcome-skill-2 = 2
outcome-skill-3 = 3
outcome-skill-4 = 4
outcome-skill-5 = 5: on my own
outcome-submit = Save outcome
outcome-error-connected = Choose yes, no or not recorded
outcome-error-plan = The plan name is too long: at most 200 characters
outcome-error-cost = Enter the monthly cost in dollars, like 9.95, up to 1,000
outcome-error-device = Choose one of the devices in the list
outcome-error-sessions = Enter a whole number of sessions from 0 to 200
outcome-error-skill = Choose a rating from 1 to 5
case-event-outcome = Recorded the outcome
device-laptop = Laptop
device-desktop = Desktop computer
device-tablet = Tablet
device-smartphone = Smartphone
device-hotspot = Mobile hotspot
device-other = Other device

## The programs a household may qualify for, each referred in one step
case-programs-title = Programs this household may qualify for
case-programs-intro = Every active program, checked against what the resident told us: eligible first, then may qualify, then not eligible. The reasons are worded as the resident reads them on their confirmation page.
case-programs-none = There are no active programs yet.
case-programs-eligible = Eligible
case-programs-may-qualify = May qualify
case-programs-not-eligible = Not eligible
case-programs-refer = Refer
case-programs-refer-label = Refer to { $program }
case-programs-referred = Already referred on this case: { $status }

## Change password
account-password-title = Change your password
account-current-password = Current password
account-new-password = New password
account-new-password-hint = At least 12 characters. A few unrelated words make a strong password.
account-confirm-password = New password again
account-password-submit = Change password
account-password-changed = Your password has been changed. Any other place where you were signed in has been signed out.
account-back = Back to cases
account-error-current-required = Enter your current password
account-error-current-wrong = Your current password is not right
account-error-new-too-short = The new password must have at least 12 characters
account-error-new-too-long = The new password is too long
account-error-new-mismatch = The two new passwords are not the same

## Refused actions
csrf-failed-title = This form has expired
csrf-failed-body = Nothing was changed. Go back, reload the page, and try again.
error-403-title = You cannot do that
error-403-body = Your account does not give access to this page. If you need it, ask a supervisor.

## Audit log
audit-title = Audit log
audit-filter-user = Staff member (user number)
audit-filter-case = Case reference
audit-filter-submit = Show
audit-empty = Nothing has been recorded that matches.
audit-page = Page { $page }, newest first
audit-pages = Pages of the audit log
audit-col-time = When
audit-col-user = Staff member
audit-col-action = What
audit-action-view_case = Viewed the case
audit-action-view_call_back = Saw the number to call back
audit-action-take_case = Took the case
audit-action-add_note = Added a note
audit-action-change_status = Changed the status
audit-action-log_contact = Logged a contact
audit-action-change_referral = Changed a referral
audit-action-record_outcome = Recorded the outcome
audit-action-set_follow_up = Planned a follow-up
audit-action-reassign_case = Reassigned the case
audit-action-release_case = Returned a case to the queue
audit-action-record_request = Recorded a request taken by phone or in person
audit-action-change_case = Changed the case
audit-action-retention_erase = Removed personal data of cases closed long ago
audit-action-erase_resident = Removed a resident's personal data on request
audit-action-export_resident = Exported everything held about a resident
audit-resident = Resident { $id }
audit-residents-count = { $count ->
    [one] 1 resident
   *[other] { $count } residents
}

## ---- Staff administration (branch admin): navigation, navigators, programs, accounts, invites ----

## Staff navigation
staff-nav-label = Staff pages
staff-nav-cases = Cases
staff-nav-programs = Programs
staff-nav-navigators = Navigators
staff-nav-sites = Sites
staff-nav-users = Accounts
staff-nav-audit = Audit log

## Shared by the administration pages
admin-page = Page { $page }
admin-yes = Yes
admin-no = No
admin-save = Save
admin-choose = Choose…
admin-no-areas = No service areas have been imported yet.
admin-conflict-title = Someone else saved this first
audit-col-subject = Case, person or program

## Navigators
navigators-title = Navigators
navigators-new-link = Set up a navigator profile
navigators-empty = No navigator profiles yet.
navigators-pages = Pages of navigators
navigators-col-name = Name
navigators-col-languages = Languages
navigators-col-skills = Skills
navigators-col-load = Open cases / capacity
navigators-col-areas = Areas
navigators-col-active = Active
navigators-load = { $open } / { $capacity }
navigators-new-title = New navigator profile
navigators-new-none = Every navigator account already has a profile. An administrator can add an account first.
navigators-edit-title = Navigator: { $name }
navigators-user = Navigator account
navigators-user-hint = Accounts with the navigator role that have no profile yet.
navigators-languages = Languages they help residents in
navigators-skills = What they help with
navigators-capacity = Capacity (most open cases at once)
navigators-capacity-hint = A whole number from 0 to 500.
navigators-home = Home base
navigators-home-hint = Optional. Give both latitude and longitude, in decimal degrees, or neither.
navigators-home-lat = Latitude
navigators-home-lon = Longitude
navigators-radius = Travel radius in kilometres
navigators-radius-hint = Optional. From 0 to 200.
navigators-areas = Service areas
navigators-active-legend = Taking new cases
navigators-active = Active
navigators-active-hint = An inactive navigator keeps their open cases for now.
navigators-saved = The navigator profile was saved.
navigators-conflict = Someone else saved this profile after you opened it, so your changes were not saved. The form now shows their version: make your changes again.
navigators-back = Back to navigators
navigators-error-user = Choose a navigator account that has no profile yet
navigator-error-languages = Choose at least one language
navigator-error-skills = Choose at least one thing they help with
navigator-error-capacity = Enter a capacity: a whole number from 0 to 500
navigator-error-lat = Enter a latitude from -90 to 90, or leave it empty
navigator-error-lon = Enter a longitude from -180 to 180, or leave it empty
navigator-error-home-both = Give both latitude and longitude, or neither
navigator-error-radius = Enter a travel radius from 0 to 200 kilometres, or leave it empty
navigator-error-areas = Choose service areas from the list

## Resource programs
programs-title = Resource programs
programs-new-link = Add a program
programs-empty = No programs yet.
programs-pages = Pages of programs
programs-new-title = New program
programs-edit-title = Program: { $name }
programs-eligibility = Who is eligible
programs-not-limited = Not limited
programs-never = Never
programs-none = None
programs-saved = The program was saved.
programs-verified = The program is marked as checked today.
programs-verify = Mark as checked with the provider today
programs-conflict = Someone else saved this program after you opened it, so your changes were not saved. The form now shows their version: make your changes again.
programs-back = Back to programs
program-organization = Organization
program-name = Program name
program-description = Description
program-categories = What it offers
program-category-internet_plan = Internet plan
program-category-device = Device
program-category-training = Training
program-income = Highest income, as a percentage of the federal poverty guideline
program-income-hint = Optional. For example 200 means up to twice the guideline for the household's size.
program-benefits = Benefits that qualify a household
program-benefits-hint = Optional. Receiving any one of these qualifies.
program-min-age = Minimum age
program-min-age-hint = Optional. In years.
program-languages = Languages it serves people in
program-cost = Cost
program-url = Web address
program-url-hint = Optional. Starts with http:// or https://.
program-phone = Phone number
program-application = How to apply
program-capacity = Capacity available
program-capacity-hint = For example devices in stock. Leave empty when it is not limited.
program-site = Where residents go (optional)
program-site-hint = A site from the sites page, or none when the program has no one place.
program-site-none = No one place
program-status = Status
program-status-active = Active
program-status-inactive = Inactive
program-areas = Service areas
program-areas-hint = Leave all unchecked when it serves the whole city.
program-last-verified = Last checked
program-error-organization = Enter the organization's name (at most 200 characters)
program-error-name = Enter the program's name (at most 200 characters)
program-error-duplicate = This organization already has a program with this name
program-error-categories = Choose at least one thing it offers
program-error-income = Enter a percentage from 0 to 1000, or leave it empty
program-error-benefits = Choose benefits from the list
program-error-age = Enter an age from 0 to 120, or leave it empty
program-error-languages = Choose at least one language
program-error-url = Enter a web address starting with http:// or https://, or leave it empty
program-error-phone = Enter a valid phone number, or leave it empty
program-error-capacity = Enter a whole number of 0 or more, or leave it empty
program-error-status = Choose active or inactive
program-error-site = Choose a site from the list
program-error-areas = Choose service areas from the list
program-error-too-long = This text is too long

## Staff accounts
users-title = Staff accounts
users-pages = Pages of staff accounts
users-new-link = Add a staff account
users-col-name = Name
users-col-email = Email address
users-col-role = Role
users-col-language = Language
users-col-disabled = Disabled
users-col-created = Created
users-col-action = Action
users-you = This is you
users-disable = Disable { $name }
users-enable = Enable { $name }
users-not-yourself-title = You cannot disable your own account
users-not-yourself = Nothing was changed. Another administrator can disable your account if needed.
users-new-title = New staff account
users-new-intro = The new account has no password. You get a one-time link to send to the person, where they choose their own.
users-new-submit = Create account and invite link
users-created-title = Account created
users-created = The account of { $name } ({ $email }) was created.
users-invite-explain = Send this link to them. It works once, for 7 days, and is shown only now.
users-back = Back to staff accounts
users-error-email = Enter a valid email address
users-error-email-taken = An account with this email address already exists
users-error-name = Enter the person's name (at most 200 characters)
users-error-role = Choose a role
users-error-language = Choose a language

## Invite links
invite-title = Choose your password
invite-intro = Welcome, { $name }. Choose a password for your account { $email }. You will use it to sign in.
invite-submit = Save password and sign in
invite-form-expired = This page was open too long, or the form did not come from this site. Nothing was changed. Please try again.
invite-invalid-title = This link does not work
invite-invalid-body = The link has already been used, has expired, or is not complete. Ask an administrator for a new one.
invite-sign-in = Go to sign-in

## Audit actions for administration
audit-action-create_navigator = Set up a navigator profile
audit-action-edit_navigator = Changed a navigator profile
audit-action-create_program = Added a program
audit-action-edit_program = Changed a program
audit-action-verify_program = Checked a program with its provider
audit-action-create_user = Created a staff account
audit-action-disable_user = Disabled a staff account
audit-action-enable_user = Enabled a staff account
audit-action-accept_invite = Chose a password with an invite link
## ---- end of staff administration ----

## Texting the resident from the case page
case-texts-title = Texts
case-texts-none = No texts yet.
case-texts-no-phone = The resident gave no phone number.
case-texts-no-consent = The resident has not agreed to texts. Record their consent before texting them.
case-texts-opted-out = This number said STOP on { $when }: no texts are sent until the resident replies START.
case-text-from-resident = From the resident
case-text-to-resident = To the resident
case-text-segments = { $count ->
    [one] 1 segment
   *[other] { $count } segments
}
case-texts-templates = Ready-made texts, in the resident's language
case-text-send = Send text
case-text-send-template = Send text: { $text }
case-texts-write = Write a text
case-text-message-label = Your text
case-text-message-hint = Write in the resident's language. Up to 160 plain letters fit in one segment; letters with accents or other scripts fit 70. Texts wait for 08:00–21:00 in the resident's time.
case-text-error-empty = Write the text to send.
case-text-error-too-long = A text may be at most 1000 characters.
case-text-error-unreachable = This resident cannot be texted: no phone, no consent, or they said STOP.
case-text-status-scheduled = waiting to be sent
case-text-status-sending = being sent
case-text-status-queued = handed to the carrier
case-text-status-sent = sent
case-text-status-delivered = delivered
case-text-status-undelivered = not delivered
case-text-status-failed = failed
case-text-status-cancelled = not sent (STOP)
case-text-status-received = received
audit-action-send_text = Texted the resident

## Service-gap map and reports (supervisors)
staff-nav-map = Map
staff-nav-reports = Reports
map-title = Service-gap map
map-svg-title = Denver's areas shaded by { $metric }
map-metric-requests = Requests
map-metric-open = Open requests
map-metric-unmet = Unmet requests
map-metric-median_wait = Median days to first contact
map-metric-capacity = Navigator capacity (free case slots)
map-metric-programs = Programs offered
map-metric-gap = Gap score
map-no-figure = —
map-days = { $days } days
map-legend-up-to = up to { $value }
map-legend-range = over { $from } to { $to }
map-legend-none = none or no data
map-area-label = { $area }: { $metric } { $figure }
map-overlay-home = Navigator's home base
map-overlay-note = Dark dots are navigators' home bases.
map-overlay-none = No navigator who fits these filters has a home base set.
map-filter-sites = Show program sites
map-sites-note = White diamonds are program sites.
map-sites-none = No program that fits these filters has a site set.
map-range = Requests made from { $from } to { $to }.
map-filter-metric = Shade areas by
map-filter-need = Need
map-filter-all-needs = All needs
map-filter-language = Language
map-filter-all-languages = All languages
map-filter-from = From
map-filter-to = To
map-filter-days = Unmet after (days)
map-filter-days-hint = An open request with no first contact after this many days counts as unmet.
map-filter-overlay = Show navigators' home bases
map-filter-submit = Show
map-error-date = Enter a date like 2026-01-31.
map-error-range = The start date must come before the end date.
map-error-metric = Choose one of the figures in the list.
map-error-need = Choose one of the needs in the list.
map-error-language = Choose one of the languages in the list.
map-error-days = Enter a number of days from 0 to 365.
map-no-areas = There are no areas yet. Import them with navdesk import-areas.
map-credit = Boundaries: { $source }
map-download-geojson = Download GeoJSON (for GIS tools)
map-download-csv = Download CSV (for spreadsheets)
map-to-reports = Reports for these dates
map-table-caption = Figures by area.
map-col-area = Area
map-unplaced = { $count ->
        [one] One request is not placed in an area yet (no address, ZIP or area it gave matched one).
       *[other] { $count } requests are not placed in an area yet (no address, ZIP or area they gave matched one).
    }
map-how-title = How these figures are made
map-how-unmet = Unmet: open requests that no navigator has taken, or that have waited more than { $days } days without a first contact.
map-how-wait = Median days to first contact: of the requests made in these dates that had a first contact. Waiting times are counted in steps of an hour at first and of days later on, so the median is exact to within its step.
map-how-capacity = Navigator capacity: the free case slots of active navigators who cover the area (by their service areas or their travel radius), each navigator's free slots shared equally among the areas they cover.
map-how-gap = Gap score: unmet requests per free case slot (at least one), times how much more often households in the area lack home internet than in the whole city, where the area data has it.
reports-title = Reports
reports-cohort = Every figure is about the requests made in these dates and what became of them since.
reports-suppression = Figures built from fewer than { $min } residents are not shown, so no one can be recognized.
reports-suppressed = fewer than 11
reports-download-csv = Download CSV (for spreadsheets)
reports-summary = Summary
reports-residents = Residents served
reports-requests-for = Requests: { $need }
reports-connections = Home internet connections made
reports-devices-of = Devices handed out: { $device }
reports-training = Training sessions
reports-trained = Residents trained
reports-skill-gain = Average skill gain, intake to close (1–5 scale)
reports-median-wait = Median days to first contact
reports-p90-wait = 90th percentile days to first contact
reports-still-30 = Still connected after 30 days
reports-still-90 = Still connected after 90 days
reports-equity = Equity view
reports-equity-intro = The same figures for each language, area, race or ethnicity and the way residents asked (web form, phone call, walk-in, text message), longest wait first, so differences show at a glance.
reports-by-language = By language
reports-by-area = By area
reports-by-race = By race or ethnicity
reports-race-note = Residents choose whether to answer. A resident who chose more than one is counted in each.
reports-col-language = Language
reports-col-area = Area
reports-col-race = Race or ethnicity
reports-by-channel = By the way residents asked
reports-col-channel = Came in by
reports-col-residents = Residents
reports-col-median = Median days to first contact
reports-col-p90 = 90th percentile days
reports-col-connected = Connected at home (of resolved)
reports-col-devices = Devices
reports-col-skill = Skill gain
reports-col-30 = Connected at 30 days
reports-col-90 = Connected at 90 days
reports-everyone = Everyone
reports-no-area = No area yet
reports-race-unanswered = Did not answer
reports-wait-gap = Longest median wait: { $longest }, { $high } days; shortest: { $shortest }, { $low } days ({ $ratio } times as long).

## A voice message left on the phone line
case-event-voice-message = Voice message from the caller ({ $seconds } s)
case-event-voice-message-listen = Listen to the voice message

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = Where it happened
case-contact-place-choose = Choose a place
case-contact-place-phone = Phone call
case-contact-place-text = Text messages
case-contact-place-email = Email
case-contact-place-video = Video call
case-contact-place-home_visit = Home visit
case-contact-place-in_person = In person
case-contact-place-at = At { $site }
case-contact-place-minutes = { $place }, { $minutes } minutes
case-contact-minutes-label = Minutes spent
case-contact-minutes-hint = A whole number from 1 to { $max }. Programs report these to their funders.
case-contact-error-place = Choose where the contact happened
case-contact-error-site = That site is not open any more: choose another place
case-contact-error-minutes = Enter the minutes you spent as a whole number from 1 to 480
reports-minutes-title = Time spent with residents
reports-minutes-intro = Minutes of the contacts logged with these residents. Contacts logged before minutes were asked have no minutes: the minutes per resident count only residents whose every contact has them.
reports-served = Residents with a contact logged
reports-minutes = Minutes of contact
reports-minutes-per = Minutes per resident served
reports-untimed = Residents with contacts of unknown length
reports-minutes-by-need = Minutes by need
reports-minutes-by-language = Minutes by language
reports-minutes-by-area = Minutes by area
reports-col-need = Need
reports-col-served = Residents served
reports-col-minutes = Minutes
reports-col-minutes-per = Minutes per resident
reports-col-untimed = Length unknown

## The case page as a workspace: the story beside the actions
case-jump-actions = Jump to the actions
case-next-title = Next step
case-next-read-texts = Read the texts
case-next-first-contact-overdue = First contact overdue: reach the resident today.
case-next-first-contact = Nobody has been in touch yet: log the first contact.
case-next-follow-up-due = Follow-up due.
case-next-plan = Nothing is due: log the next contact and choose a day to follow up.
case-facts-title = Case
case-actions-title = Actions
case-programs-group = Refer to a program
outcome-group = Record the outcome, close the case
case-assign-group = Assign
case-status-close-with-outcome = Close the case with its outcome
case-contact-status-label = The case is now (optional)
case-contact-status-same = No change
case-contact-follow-up-hint = Optional: the case moves to the top of your list on this day.
case-follow-up-clear = Clear the follow-up date
outcome-close-legend = Close the case
outcome-close-label = Close the case with this outcome (an open case is resolved first)
outcome-close-error-not-allowed = This case cannot be closed now: it must be taken and worked first, or it is closed already
case-programs-refer-note = Note for the referral to { $program } (optional)
case-timeline-page = Older entries, page { $page }
case-timeline-pages = Pages of the timeline
## Caseload: the day at a glance (a navigator's due work; a supervisor's table of loads)
cases-day-title = Today
cases-day-nothing = Nothing is overdue or waiting for you today.
cases-day-count-first_contact_overdue = { $count ->
        [one] 1 first contact overdue
       *[other] { $count } first contacts overdue
    }
cases-day-count-follow_up = { $count ->
        [one] 1 follow-up due
       *[other] { $count } follow-ups due
    }
cases-day-count-unread_reply = { $count ->
        [one] 1 unread reply
       *[other] { $count } unread replies
    }
cases-day-count-call_back = { $count ->
        [one] 1 call-back
       *[other] { $count } call-backs
    }
cases-day-first_contact_overdue-title = First contacts overdue
cases-day-follow_up-title = Follow-ups due
cases-day-unread_reply-title = Unread replies
cases-day-call_back-title = Callers waiting for a call back
cases-day-more = Showing { $shown } of { $count }; the others are in your lists below.
cases-loads-title = Navigators today
cases-loads-col-open = Open cases / capacity
cases-loads-col-overdue = First contacts overdue
cases-loads-col-follow-ups = Follow-ups due
cases-loads-col-unread = Unread replies
cases-loads-col-oldest = Oldest waiting
cases-loads-open = { $open } / { $capacity }
cases-loads-over = over capacity
cases-loads-full = full
cases-loads-none-open = No open cases

## Reports: appointments
reports-appointments-title = Appointments
reports-appointments-intro = Appointments on these days, and how long residents who asked for help in this period waited for their first one. Cancelled appointments are not counted as booked.
reports-col-booked = Booked
reports-col-attended = Attended
reports-col-no-show = Missed
reports-col-cancelled = Cancelled
reports-col-attended-share = Attended, of those marked
reports-col-site = Site
reports-days-to-appointment = Median days from request to first appointment
reports-days-to-appointment-p90 = Days from request to first appointment, 90th percentile
reports-appointments-csv = Download the appointments (CSV)
reports-appointments-by-site = Appointments by site
reports-appointments-by-language = Appointments by language
reports-appointments-by-area = Appointments by area
## Sites, office hours and closures (issue 17)
sites-title = Sites
sites-caption = Sites
sites-empty = No sites yet.
sites-col-name = Site
sites-col-area = Area
sites-col-languages = Languages
sites-col-slot = Appointment length
sites-col-hours = Weekly office hours
sites-col-active = Open
sites-minutes = { $minutes } min
sites-new-link = Add a site
sites-download = Download as HSDS 3.0 (JSON)
sites-new-title = New site
sites-edit-title = Site: { $name }
sites-saved = The site was saved.
sites-deleted = The site was deleted.
sites-conflict = Someone else saved this site after you opened it. Here it is as they saved it; make your change again.
sites-name = Name
sites-address = Address
sites-address-hint = The street address residents visit, for example 10 W Fourteenth Ave Pkwy, Denver, CO 80204.
sites-point = On the map
sites-point-hint = Optional. Decimal degrees; both or neither.
sites-lat = Latitude
sites-lon = Longitude
sites-area = Area
sites-area-hint = Leave it to be found from the point, or choose one.
sites-area-from-point = Found from the point
sites-accessibility = Accessibility
sites-accessibility-hint = Entrances, elevators, restrooms, parking: what a resident needs to know before coming.
sites-languages = Languages on offer
sites-slot = Appointment length (minutes)
sites-slot-hint = A whole number from 10 to 240.
sites-active-legend = Open for appointments
sites-active = Open
sites-active-hint = A site that is not open keeps its history but offers no appointments.
sites-back = Back to sites
sites-remove = Remove
sites-hours = Office hours
sites-hours-hint = Each navigator's weekly hours here, in the city's local time. A navigator's hours never overlap, here or at another site.
sites-hours-none = No office hours here yet.
sites-hours-weekday = Day
sites-hours-time = Hours
sites-hours-navigator = Navigator
sites-hours-start = From
sites-hours-end = Until
sites-hours-time-hint = 24-hour time, like 09:00.
sites-hours-add = Add office hours
sites-hours-added = The office hours were added.
sites-hours-removed = The office hours were removed.
sites-hours-overlap-title = These hours overlap others
sites-hours-overlap = { $navigator } already keeps hours at { $site } on { $weekday }, { $start }–{ $end }. Nothing was saved.
sites-closures = Closures
sites-closures-hint = Days a site, or every site, is closed: holidays, staff training. No appointments are offered on them.
sites-closures-none = No closures to come.
sites-closures-manage = Add or remove closures
sites-closure-all = Every site
sites-closure-day = Day
sites-closure-day-hint = Today or later, like 2025-11-27.
sites-closure-site = Site
sites-closure-reason = Reason
sites-closure-reason-hint = Optional, for example Thanksgiving.
sites-closure-add = Add the closure
sites-closure-added = The closure was added.
sites-closure-removed = The closure was removed.
sites-delete = Delete this site
sites-delete-hint = Only a site nothing refers to can be deleted. To stop offering appointments here, mark it as not open instead.
sites-delete-refused-title = The site was not deleted
sites-delete-booked = { $count ->
    [one] One resident is booked here from now on. Mark the site as not open instead: it then offers no new appointments, and the booked one stays.
   *[other] { $count } residents are booked here from now on. Mark the site as not open instead: it then offers no new appointments, and the booked ones stay.
}
sites-delete-in-use = Past appointments, contacts, walk-ins or programs refer to this site. Mark it as not open instead, so its history stays.
sites-weekday-1 = Monday
sites-weekday-2 = Tuesday
sites-weekday-3 = Wednesday
sites-weekday-4 = Thursday
sites-weekday-5 = Friday
sites-weekday-6 = Saturday
sites-weekday-7 = Sunday
site-error-name = Enter the site's name, up to 200 characters on one line
site-error-duplicate = Another site has this name
site-error-too-long = This is too long
site-error-latitude = Enter a latitude from -90 to 90 in decimal degrees, like 39.7392, or leave it empty
site-error-longitude = Enter a longitude from -180 to 180 in decimal degrees, like -104.9903, or leave it empty
site-error-point-both = Enter both latitude and longitude, or leave both empty
site-error-area = Choose an area from the list
site-error-languages = Choose languages from the list
site-error-slot = Enter the appointment length in minutes, from 10 to 240
hours-error-navigator = Choose a navigator from the list
hours-error-weekday = Choose a day from the list
hours-error-time = Enter a time of day, like 09:00
hours-error-order = The end must be after the start
hours-error-overlap = These hours overlap the navigator's other hours
closure-error-day = Enter a date, like 2025-11-27
closure-error-past = Choose today or a later day
closure-error-site = Choose a site from the list
closure-error-duplicate = That site is already closed that day
## Issue 17, part C: a navigator's calendar link, and the appointments' states
staff-calendar = Your calendar link
calendar-title = Your appointments in your calendar
calendar-intro = Add this link to your calendar app (Google Calendar, Outlook, Apple Calendar) as a subscription, and your appointments show there. Each one names the request's code, the resident's language and the site: never a resident's name, phone or address.
calendar-url-label = Your calendar link
calendar-secret-hint = Anyone with this link can see your appointments. If it got out, make a new one: the old link stops working at once.
calendar-none = You have no calendar link.
calendar-make = Make a calendar link
calendar-make-new = Make a new link
calendar-revoke = Turn the link off
calendar-name = Appointments
audit-action-make_calendar_link = Made a calendar link
audit-action-revoke_calendar_link = Turned a calendar link off
siteday-status-booked = Booked
siteday-status-confirmed = Confirmed
siteday-status-cancelled = Cancelled
siteday-status-attended = Attended
siteday-status-no_show = Did not come
siteday-title = { $site }: today, { $date }
siteday-minutes = { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }
siteday-waiting-title = Waiting now
siteday-waiting-none = Nobody is waiting.
siteday-waiting-appointment = { $code } (appointment at { $time })
siteday-waiting-walk-in = { $name } (walk-in)
siteday-booked-title = Appointments
siteday-booked-none = No appointments here today.
siteday-col-time = Time
siteday-col-code = Request
siteday-col-language = Language
siteday-col-navigator = Navigator
siteday-col-status = Status
siteday-col-actions = Mark
siteday-col-arrived = Arrived
siteday-col-name = Name
siteday-col-needs = Needs
siteday-col-seen = Seen
siteday-arrived-at = Arrived at { $time }
siteday-mark-arrived = Arrived
siteday-mark-arrived-label = { $code } has arrived
siteday-mark-attended = Attended
siteday-mark-attended-label = { $code } attended
siteday-mark-no_show = No-show
siteday-mark-no_show-label = { $code } did not come
siteday-walk-ins-title = Walk-ins
siteday-walk-ins-none = Nobody has walked in today.
siteday-seen-by = { $name } at { $time }
siteday-mark-seen = Seen
siteday-mark-seen-label = { $name } is being seen
siteday-add-title = Add a walk-in
siteday-add-name = Their name
siteday-add-need = What they need
siteday-need-choose = Choose one
siteday-add-submit = Add the walk-in
audit-action-view_walk_in = Saw a walk-in's name on a site's day
cases-today-title = Your appointments today
cases-today-at = { $time } at { $site }
cases-coming-title = Your appointments in the coming days
case-appointment-to-mark = Appointment on { $when } at { $site }: did they come?

## The map: free appointment slots
map-metric-free_slots = Free appointment slots, next 14 days
map-how-free-slots = Free appointment slots: the times in the next 14 days, at the sites in the area, when a navigator who speaks the language chosen above (any language, when none is chosen) holds office hours and nobody has booked; two navigators free at the same time are two slots.
## Appointments on the case page (issue 17)
case-appt-group = Appointment
case-appt-upcoming = Appointment: { $when } at { $site } with { $navigator }
case-appt-none = No appointment booked.
case-appt-no-slots = No free times in the next two weeks with a navigator who speaks the resident's language.
case-appt-choose = Free times, nearest sites first
case-appt-book = Book this time
case-appt-move = Move the appointment to this time
case-appt-cancel = Cancel the appointment
case-appt-error-choose = Choose one of the free times
case-appt-error-taken = That time was just taken or is no longer free: choose another
case-event-appointment-booked = Booked an appointment: { $when } at { $site } ({ $via })
case-event-appointment-moved = Moved the appointment to { $when } at { $site } ({ $via })
case-event-appointment-cancelled = Cancelled the appointment of { $when } at { $site }
case-event-appointment-status = Appointment of { $when } at { $site }: { $status }
case-appt-via-web = booked by the resident on the web
case-appt-via-text = booked by the resident by text
case-appt-via-staff = booked by staff
case-appt-status-booked = booked
case-appt-status-confirmed = confirmed by the resident
case-appt-status-cancelled = cancelled
case-appt-status-attended = attended
case-appt-status-no_show = did not come
case-appt-show-times = Show free times to book

## Devices: the inventory (issue 18, part A)

staff-nav-devices = Devices
device-kind-hotspot = Hotspot
device-kind-laptop = Laptop
device-kind-tablet = Tablet
device-kind-chromebook = Chromebook
device-kind-other = Other
device-condition-new = New
device-condition-good = Good
device-condition-fair = Fair
device-condition-poor = Poor
device-condition-broken = Broken
device-status-available = Available
device-status-reserved = Reserved
device-status-on_loan = On loan
device-status-given = Given
device-status-in_repair = In repair
device-status-lost = Lost
device-status-retired = Retired
device-event-added = Added
device-event-imported = Imported from a spreadsheet
device-event-edited = Edited
device-event-status = Status changed
device-error-tag-missing = Enter the asset tag.
device-error-tag = An asset tag is one line of at most 64 characters.
device-error-serial = A serial number is one line of at most 100 characters.
device-error-kind = Choose what kind of device it is.
device-error-program = Choose the program that owns the device.
device-error-site = Choose a site from the list, or none.
device-error-condition = Choose the device's condition.
device-error-notes = Notes are at most 2,000 characters.
device-error-duplicate = Another device has this asset tag.
devices-title = Devices
devices-caption = Devices, page { $page }
devices-pages = Pages of devices
devices-empty = No devices match.
devices-col-tag = Asset tag
devices-col-kind = Kind
devices-col-serial = Serial number
devices-col-program = Program
devices-col-site = Site
devices-col-condition = Condition
devices-col-status = Status
devices-filter-title = Find devices
devices-filter-any = Any
devices-filter-submit = Show
devices-filter-clear = Clear
devices-search = Asset tag or serial number
devices-search-hint = Part of it is enough.
devices-new-link = Add a device
devices-download = Download as CSV
devices-imported = { $count ->
    [one] One device was added from the file.
   *[other] { $count } devices were added from the file.
}
devices-import = Add devices from a spreadsheet
devices-import-hint = A CSV file with the columns { $columns }, the program and site by name. Every row is checked first: if one is wrong, nothing is added. A file of up to 64 KB (about 1,000 devices) here; larger ones with navdesk devices import on the server.
devices-import-file = CSV file
devices-import-submit = Check and add
devices-import-refused = Nothing was added: fix the file and upload it again
devices-csv-unreadable = Line { $line }: the file cannot be read as CSV ({ $value }). Save it as “CSV UTF-8”.
devices-csv-empty = The file is empty.
devices-csv-no-rows = The file has a header but no devices.
devices-csv-missing-column = Line { $line }: the column { $column } is missing.
devices-csv-unknown-column = Line { $line }: “{ $value }” is not a column this file takes.
devices-csv-tag-missing = Line { $line }, column { $column }: the asset tag is empty.
devices-csv-tag = Line { $line }, column { $column }: an asset tag is one line of at most 64 characters.
devices-csv-serial = Line { $line }, column { $column }: a serial number is one line of at most 100 characters.
devices-csv-kind = Line { $line }, column { $column }: “{ $value }” is not a kind (hotspot, laptop, tablet, chromebook, other).
devices-csv-condition = Line { $line }, column { $column }: “{ $value }” is not a condition (new, good, fair, poor, broken).
devices-csv-status = Line { $line }, column { $column }: “{ $value }” is not a status (available, reserved, on_loan, given, in_repair, lost, retired).
devices-csv-unknown-program = Line { $line }, column { $column }: no program is called “{ $value }”.
devices-csv-ambiguous-program = Line { $line }, column { $column }: several programs are called “{ $value }”; rename one first.
devices-csv-unknown-site = Line { $line }, column { $column }: no site is called “{ $value }”.
devices-csv-duplicate-in-file = Line { $line }, column { $column }: this asset tag is on line { $first } too.
devices-csv-duplicate-in-database = Line { $line }, column { $column }: a device with the asset tag “{ $value }” is already in the inventory.
devices-csv-changed-meanwhile = Someone added devices while this file was being stored, so nothing was added: upload it again to see which rows clash.
devices-new-title = New device
devices-add = Add the device
devices-back = Back to devices
devices-tag = Asset tag
devices-tag-hint = The label on the device, for example HS-0042. No two devices share one.
devices-program-hint = The program that owns or funds it: its stock is what residents are offered.
devices-site-hint = Where it is kept.
devices-no-site = No site
devices-notes = Notes
devices-notes-hint = For staff: what is in the box, what to check. Never a resident's name.
devices-device-title = Device { $tag }
devices-saved = The device was saved.
devices-conflict = Someone else changed this device after you opened it. Here it is as they left it; make your change again.
devices-edit = Change its details
devices-status = Status
devices-status-new = New status
devices-status-note = Why (optional)
devices-status-note-hint = For its history, for example “screen cracked”.
devices-status-submit = Change the status
devices-status-changed = The status was changed.
devices-status-refused = The status was not changed
devices-status-on-loan = A resident has this device on loan: check it back in, or mark it lost, from their case.
devices-status-not-by-hand = A device goes out on loan or as a gift only from a resident's case.
devices-retire = Retire this device
devices-retire-hint = A retired device stays in the inventory with its history, and is never offered again.
devices-history = History
devices-history-none = Nothing yet.
devices-history-when = When
devices-history-who = Who
devices-history-what = What
devices-history-detail = Details
devices-history-loan = (loan { $loan })

## Programs whose places come from the devices inventory (issue 18, part C)
programs-from-inventory = { $count } available, from the inventory
programs-inventory-link = The program's devices
reports-devices-title = Devices lent and given
reports-devices-intro = Devices lent, given, returned and lost on these days, those still out and overdue at the end of the period (or now, when it is not over), and how many days a returned loan lasted on average. A loan keeps the resident's language and area when their data is removed, so these figures stay the same.
reports-devices-csv = Download the devices (CSV)
reports-devices-by-kind = Devices by kind
reports-devices-by-program = Devices by program
reports-devices-by-language = Devices by language
reports-devices-by-area = Devices by area
reports-col-kind = Kind of device
reports-col-program = Program
reports-col-lent = Lent
reports-col-given = Given
reports-col-returned = Returned
reports-col-lost = Lost
reports-col-on-loan = Out at the end
reports-col-overdue = Overdue at the end
reports-col-loan-days = Mean days of a loan
reports-device-kind-hotspot = Hotspot
reports-device-kind-laptop = Laptop
reports-device-kind-chromebook = Chromebook
reports-device-kind-tablet = Tablet
reports-device-kind-other = Other
map-metric-devices_nearby = Devices available nearby
map-how-devices-nearby = Devices available nearby: the devices of active programs kept at the area's sites and available to lend or give now, of every kind.
