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
case-event-note = Added a note
case-event-status-change = Changed the status from { $from } to { $to }
case-event-other = Event: { $kind }
case-contact-title = Log a contact with the resident
case-contact-channel-label = How you were in touch
case-contact-channel-phone = Phone call
case-contact-channel-text = Text message
case-contact-channel-in_person = In person
case-contact-channel-email = Email
case-contact-note-label = Note (optional)
case-contact-submit = Log contact
case-contact-error-channel = Choose how you were in touch with the resident
case-event-contact = Contacted the resident: { $channel }

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
audit-col-case = Case
audit-action-view_case = Viewed the case
audit-action-take_case = Took the case
audit-action-add_note = Added a note
audit-action-change_status = Changed the status
audit-action-log_contact = Logged a contact
