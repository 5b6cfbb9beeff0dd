## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = Denver Digital Navigators: we got your request. Your code is { $code }. Check it at { $url }. Reply STOP to stop texts.
sms-still-waiting = Denver Digital Navigators: we have not forgotten your request { $code }. A navigator will contact you soon.
sms-did-you-apply = Did you apply to { $program }? Reply 1 yes, 2 no, 3 I need help.
sms-still-connected = Is your home internet still working? Reply YES or NO.
sms-satisfaction = How happy are you with the help you got? Reply with a number from 1 (not happy) to 5 (very happy).
sms-opted-out = You will get no more texts from Denver Digital Navigators. Reply START to get texts again.
sms-opted-in = You will get texts from Denver Digital Navigators again. Reply STOP to stop.
sms-help = Denver Digital Navigators: free help with internet and devices. Call { $phone }. Reply STOP to stop texts.
sms-reply-received = Thank you. Your navigator will see your message.
sms-template-call-back = Denver Digital Navigators: we tried to call you about request { $code }. Please call us at { $phone }.
sms-template-documents = Denver Digital Navigators: for request { $code }, please bring a photo ID and a letter showing your income or benefits (like SNAP).

## Asking for help by text: one question a text. $menu is the list of languages, each named in
## itself (about 64 characters).
sms-intake-menu = Denver Digital Navigators. STOP to stop. Your language? { $menu }
sms-intake-menu-again = Please reply with the number of your language: { $menu }
sms-intake-hello = Denver Digital Navigators: we help you get free help with internet and devices. Text STOP to stop, BACK to go back. What is your name?
sms-intake-name-again = Please text your name in letters. What is your name?
sms-intake-name-long = That is too long for a name. Please text a shorter name.
sms-intake-needs = What do you need help with? Reply with one or more numbers: 1 home internet, 2 a device, 3 help using technology
sms-intake-needs-again = Please reply with numbers from the list, like 1 or 1 3: 1 home internet, 2 a device, 3 help using technology
sms-intake-place = Where do you live? Reply with your ZIP code or the name of your neighborhood.
sms-intake-place-unknown = We could not find that place. Please reply with your 5-digit ZIP code or the name of your Denver neighborhood.
sms-intake-place-outside = That ZIP code is outside the area we serve. If you live in Denver, reply with your ZIP code or neighborhood.
sms-intake-consent = Last question: may we text you about your request? Reply YES or NO.
sms-intake-consent-again = Please reply YES or NO: may we text you about your request?
sms-intake-done = Thank you! Your code is { $code }. A navigator will contact you soon. Check your request at { $url } or call { $phone }.
sms-intake-refused = Sorry, we cannot take a request by text from this number. Please call { $phone } for help.
sms-intake-expired = Your request by text was not finished, so we deleted it. To start again, text NEW.

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
sms-keywords-stop = STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, OPT OUT
sms-keywords-start = START, UNSTOP, YES
sms-keywords-help = HELP, INFO
sms-keywords-yes = YES, Y
sms-keywords-no = NO, N
sms-keywords-new = NEW, NEW REQUEST
sms-keywords-back = BACK
sms-keywords-restart = RESTART, START OVER

## Appointments (reminders, answers, times offered by number). These carry a site's name and
## address or a list of times, so they may take 4 segments (at most 268 characters outside the
## GSM alphabet).
## $when is a day, date and time (sms-appointment-when); $time a time of day; $site a site's
## name and $address its street address (each up to 40 characters); $slots numbered times, one
## a line (about 50 characters each); $count how many were offered.
sms-weekday = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
# strftime patterns for the date and the time of day in these texts.
sms-appointment-date = %B %-d
sms-appointment-time = %-I:%M %p
sms-appointment-when = { $weekday }, { $date }, { $time }
sms-reminder-day-before = Denver Digital Navigators: your appointment is tomorrow, { $when }, at { $site }, { $address }. Reply OK to confirm, CHANGE for another time, NOT COMING to cancel.
sms-reminder-soon = Denver Digital Navigators: your appointment is today at { $time }, { $site }, { $address }. Reply OK to confirm, CHANGE for another time, NOT COMING to cancel.
sms-appointment-confirmed = Thank you, your appointment on { $when } is confirmed. See you at { $site }.
sms-appointment-cancelled = Your appointment on { $when } is cancelled. Reply CHANGE to get new times.
sms-appointment-booked = You are booked: { $when } at { $site }, { $address }. Reply NOT COMING to cancel.
sms-slot-offer = Denver Digital Navigators: pick a time for your appointment. Reply with its number: { $slots }
sms-slot-offer-none = Sorry, we have no free times in the next two weeks. A navigator will contact you, or call { $phone }.
sms-slot-not-offered = { $count ->
    [1] Please reply 1 to take the time we sent.
   *[other] Please reply with a number from 1 to { $count }: one of the times we sent.
}
sms-slot-expired = Those times are no longer held for you. Reply CHANGE to get new times.
sms-slot-taken = Sorry, that time was just taken. Other times, reply with its number: { $slots }
sms-no-show = Denver Digital Navigators: we missed you today. That is OK! Pick a new time, reply with its number: { $slots }
sms-no-show-none = Denver Digital Navigators: we missed you today. That is OK! A navigator will contact you to find a new time, or call { $phone }.
# Replies about an appointment. None may be an opt-out, opt-in or help word of any language.
sms-keywords-confirm = OK, OKAY, CONFIRM, CONFIRMED, ILL BE THERE, I WILL BE THERE
sms-keywords-cancel-appointment = NOT COMING, CANT COME, CANNOT COME, CAN NOT COME, CANT MAKE IT
sms-keywords-another-time = CHANGE, RESCHEDULE, ANOTHER TIME, OTHER TIME, NEW TIME
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = Denver Digital Navigators: sorry, your appointment for request { $code } is cancelled: your navigator is not available. Choose a new time at { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday }, { $date }
sms-loan-device-hotspot = hotspot
sms-loan-device-laptop = laptop
sms-loan-device-tablet = tablet
sms-loan-device-chromebook = Chromebook
sms-loan-device-other = device
sms-loan-due-soon = Denver Digital Navigators: please return the { $device } ({ $tag }) by { $date }. Need more time? Reply MORE TIME.
sms-loan-overdue = Denver Digital Navigators: the { $device } ({ $tag }) was due back { $date }. Please return it, or reply MORE TIME to ask your navigator for more time.
sms-loan-more-time = Thank you. We told your navigator you need more time with the { $device }. They will contact you about a new date.
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = MORE TIME, NEED MORE TIME, EXTEND, EXTENSION, EXTEND LOAN
