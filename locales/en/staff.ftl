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

## Caseload (placeholder)
cases-title = Cases
cases-placeholder = Your caseload will appear here.

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
