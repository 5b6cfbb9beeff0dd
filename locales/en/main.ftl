## Shared page frame
site-name = Denver Digital Navigators
skip-to-content = Skip to main content
language-chooser = Language
footer-privacy = We use your information only to help you. We never sell it.
nav-check-status = Check the status of a request
date-format = %B %-d, %Y

## Landing page
landing-title = Get help with internet, a device, or technology
landing-intro = Free help for Denver residents. A digital navigator will help you in your language.
landing-get-help = Ask for help
landing-free = It is free. You do not need an account. It takes about 3 minutes.
landing-already-title = Already asked for help?
landing-check-status = Check your request with your reference code

## Needs
need-internet = Internet at home
need-internet-hint = Find low-cost home internet or a discount.
need-device = A computer or tablet
need-device-hint = Get a free or low-cost device.
need-tech_support = Help using technology
need-tech_support-hint = Learn email, video calls, online forms, staying safe online.

## Request form
form-title = Ask for help
form-intro = Tell us a little about you. Only the questions marked "required" must be answered.
form-required = (required)
form-section-you = About you
form-name = Your name
form-name-hint = The name you want us to call you.
form-language = Language we should use with you
form-language-hint = We will talk and text with you in this language.
form-section-contact = How can we reach you?
form-contact-hint = Give a phone number, an email address, or both.
form-phone = Phone number
form-phone-hint = For example { $example_phone }.
form-email = Email address
form-contact-method = How should we contact you?
contact-sms = Text message
contact-call = Phone call
contact-email = Email
form-sms-consent-legend = Text messages
form-sms-consent = Yes, send me text messages about my request.
form-sms-consent-hint = Message and data rates may apply. Reply STOP at any time to stop.
form-section-where = Where do you live?
form-where-hint = Choose your neighborhood, or give your ZIP code or address. We use it to find help near you.
form-area = Neighborhood
form-area-none = I don't know / not listed
form-zip = ZIP code
form-address = Street address
form-address-hint = Optional. For example { $example_address }.
form-section-needs = What do you need help with?
form-needs = Choose everything you need
form-needs-hint = Choose at least one.
form-details = Anything else we should know?
form-details-hint = Optional. Up to 2,000 characters.
form-section-household = About your household
form-household-hint = Optional. These answers help us find programs that are free or cost less for you.
form-household-size = How many people live in your home?
form-income = Household income per month, in dollars
form-income-hint = Before taxes. A whole number, for example { $example_income }.
form-benefits = Does anyone in your home get any of these?
form-benefits-hint = Choose all that apply.
benefit-snap = SNAP (food stamps)
benefit-medicaid = Medicaid (Health First Colorado)
benefit-wic = WIC
benefit-ssi = SSI
benefit-lifeline = Lifeline
benefit-public_housing = Public housing or a housing voucher
benefit-school_lunch = Free or reduced-price school lunch
benefit-pell = Pell Grant
benefit-va = Veterans pension
form-age = Your age
age-under_18 = Under 18
age-18_24 = 18 to 24
age-25_44 = 25 to 44
age-45_59 = 45 to 59
age-60_64 = 60 to 64
age-65_plus = 65 or older
form-section-optional = Optional questions
form-accessibility = Do you need any of these?
access-interpreter = An interpreter
access-large_print = Large print
access-hearing = Help for hearing loss
access-screen_reader = Screen reader friendly documents
form-race = Your race or ethnicity
form-race-hint = Optional. Choose all that describe you. We use this only to check that everyone gets help fairly, and never show it with your name.
race-american_indian = American Indian or Alaska Native
race-asian = Asian
race-black = Black or African American
race-hispanic = Hispanic or Latino
race-middle_eastern = Middle Eastern or North African
race-pacific_islander = Native Hawaiian or Pacific Islander
race-white = White
race-other = Another race or ethnicity
race-prefer_not_to_say = I prefer not to say
form-veteran = Have you served in the U.S. armed forces (are you a veteran)?
form-veteran-hint = Optional. We ask because the programs that pay for this help want to know that veterans are reached. We count answers only in totals, never with your name.
form-disability = Do you have a disability?
form-disability-hint = Optional. We ask so we can count that people with disabilities get help, and so we can plan for it. We count answers only in totals, never with your name.
answer-yes = Yes
answer-no = No
answer-prefer_not = I prefer not to say
form-honeypot = Leave this field empty
form-submit = Send my request

## Errors in the form
error-title-prefix = Error
error-summary-title = There is a problem
error-name-required = Enter your name.
error-name-too-long = Your name must be 200 characters or fewer.
error-language-invalid = Choose a language from the list.
error-phone-invalid = Enter a phone number with 10 digits, like { $example_phone }.
error-phone-letters = A phone number can only have numbers, spaces, dashes and brackets.
error-phone-needed = Enter a phone number so we can call or text you.
error-email-invalid = Enter an email address like name@example.com.
error-email-needed = Enter an email address so we can email you.
error-contact-required = Enter a phone number or an email address so we can reach you.
error-contact-method-invalid = Choose how we should contact you.
error-sms-consent-required = To get text messages, check the box that says yes.
error-area-invalid = Choose a neighborhood from the list.
error-location-required = Choose your neighborhood, or enter your ZIP code or address.
error-zip-invalid = Enter a ZIP code with 5 numbers, like { $example_zip }.
error-address-too-long = The address must be 300 characters or fewer.
error-needs-required = Choose at least one thing you need help with.
error-needs-invalid = Choose what you need from the list.
error-details-too-long = Please write 2,000 characters or fewer.
error-household-invalid = Enter how many people live in your home, from 1 to 20.
error-income-invalid = Enter the monthly income as a whole number of dollars, like { $example_income }.
error-choice-invalid = Choose from the list.
error-ref-invalid = Enter the 8-character reference code, like { $example_code }.
error-last4-invalid = Enter the last 4 digits of your phone number.

## Confirmation
confirm-title = We got your request
confirm-code-intro = Your reference code is:
confirm-code-keep = Write this code down or take a picture of it. You need it to check on your request.
confirm-next-title = What happens next
confirm-next-sms = We will send you a text message with your code.
confirm-sms-stopped = You asked us before to stop texting this phone number, so we will not text you. To get texts again, reply START to any text from us.
confirm-next-call = We will call you.
confirm-next-email = We will email you.
confirm-next-navigator = A digital navigator will contact you, usually within 2 working days.
confirm-next-status = You can check your request at any time with your code and the last 4 digits of your phone number.
confirm-asked-title = You asked for help with
confirm-programs-title = Programs you may qualify for
confirm-programs-intro = A navigator will help you apply. Each program says why it may fit you.
confirm-programs-none = We found no program for you yet. A navigator will look at your request with you.

## Status
status-title = Check your request
status-intro = Enter your reference code and the last 4 digits of the phone number you gave us.
status-ref = Reference code
status-ref-hint = 8 letters and numbers, for example { $example_code }.
status-last4 = Last 4 digits of your phone number
status-last4-hint = For example, if your number is { $example_phone }, enter { $example_last4 }.
status-submit = Check my request
status-not-found-title = We could not find that request
status-not-found = Check the code and the last 4 digits of your phone number, then try again. If you still cannot find it, ask for help again.
status-result-title = Your request
status-submitted = Sent on
status-age = { $days ->
    [0] You sent it today.
    [one] You sent it { $days } day ago.
   *[other] You sent it { $days } days ago.
}
status-current = Status
status-first-contact = First contact
status-new-request = Ask for help with something else
status-new = Received. Waiting for a navigator.
status-new-next = A digital navigator will contact you soon.
status-assigned = A navigator has your request.
status-assigned-next = Your navigator will contact you soon.
status-in_progress = Your navigator is working on it.
status-in_progress-next = Your navigator will keep in touch with you.
status-waiting_on_resident = Your navigator is waiting for an answer from you.
status-waiting_on_resident-next = Please answer your navigator's last message or call.
status-referred = We sent you to a program that can help.
status-referred-next = The program will contact you. Your navigator can help you apply.
status-resolved = Done. We helped you get connected.
status-resolved-next = If you need more help, ask again at any time.
status-closed = Closed.
status-closed-next = If you still need help, ask again at any time.

## Error pages
error-go-home = Go to the home page
error-request-id = If you call us, give this number: { $id }
error-400-title = Something is wrong with that request
error-400-body = Please go back and try again.
error-404-title = Page not found
error-404-body = Check the address, or start again from the home page.
error-413-title = That was too much to send
error-413-body = Please make your answers shorter and try again.
error-429-title = Too many tries
error-429-body = Please wait a few minutes, then try again.
error-500-title = Sorry, something went wrong
error-500-body = It is our fault, not yours. Please try again in a few minutes.

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = You qualify
eligibility-may-qualify = You may qualify
eligibility-not-eligible = You do not qualify
eligibility-because-benefit = because you receive { $benefit }
eligibility-because-income = because your household income is within the limit
eligibility-open-to-all = open to everyone
eligibility-no-capacity = no places left right now; a navigator can add you to the waiting list or find another program
eligibility-in-your-language = offered in your language
eligibility-not-in-your-language = not offered in your language; a navigator can help with an interpreter
eligibility-income-too-high = your household income is above the limit
eligibility-no-qualifying-benefit = only for households that receive certain benefits
eligibility-too-young = only for people aged { $min_age } or older
eligibility-outside-area = not offered where you live
eligibility-closed = not taking new people right now
eligibility-income-unknown = depends on your household income; a navigator will check it with you
eligibility-household-size-unknown = depends on how many people live in your home; a navigator will check it with you
eligibility-age-unknown = only for people aged { $min_age } or older
eligibility-area-unknown = only in some neighborhoods; a navigator will check yours

## Appointments (issue 17)
appt-title = Meet a navigator in person
appt-intro = You can choose a time to meet a digital navigator at a library or recreation center near you. It is free.
appt-none = There are no free times in the next two weeks. A navigator will contact you to find a time.
appt-choose = Choose a time
appt-submit = Book this time
appt-move-title = Choose another time
appt-move-submit = Move my appointment to this time
appt-booked-intro = Your appointment is booked:
appt-booked-bring = Please bring your reference code. If you cannot come, cancel or choose another time here.
appt-accessibility = Access: { $notes }
appt-cancel = Cancel my appointment
appt-taken-title = That time was just taken
appt-taken = Someone else booked that time a moment ago, or it is no longer free. Please choose another time.
appt-error-choose = Choose one of the times in the list
appt-back = Back to your request
appt-when = { $weekday }, { $date }, { $time }
appt-time-format = %-I:%M %p
appt-weekday-1 = Monday
appt-weekday-2 = Tuesday
appt-weekday-3 = Wednesday
appt-weekday-4 = Thursday
appt-weekday-5 = Friday
appt-weekday-6 = Saturday
appt-weekday-7 = Sunday
