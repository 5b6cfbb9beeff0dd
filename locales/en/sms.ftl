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

## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = Denver Digital Navigators: sorry, your appointment for request { $code } is cancelled: your navigator is not available. Choose a new time at { $url }
