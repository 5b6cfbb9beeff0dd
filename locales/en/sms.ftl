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

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
sms-keywords-stop = STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, OPT OUT
sms-keywords-start = START, UNSTOP, YES
sms-keywords-help = HELP, INFO
sms-keywords-yes = YES, Y
sms-keywords-no = NO, N
