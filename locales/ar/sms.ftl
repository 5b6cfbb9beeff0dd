## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = مرشدو دنفر الرقميون: وصلنا طلبك. رمزك { $code }. لمتابعته: { $url }. لإيقاف الرسائل يرجى إرسال توقف.
sms-still-waiting = مرشدو دنفر الرقميون: لم ننسَ طلبك { $code }. سيتواصل معك مرشد رقمي قريبًا.
sms-did-you-apply = هل قدّمت طلبًا إلى { $program }؟ يرجى إرسال 1 نعم، 2 لا، 3 أحتاج مساعدة.
sms-still-connected = هل ما زال الإنترنت في منزلك يعمل؟ يرجى إرسال نعم أو لا.
sms-satisfaction = ما مدى رضاك عن المساعدة التي حصلت عليها؟ يرجى إرسال رقم من 1 (غير مرضية) إلى 5 (مرضية جدًا).
sms-opted-out = مرشدو دنفر الرقميون: لن تصلك رسائل منا بعد الآن. لاستقبالها من جديد يرجى إرسال ابدأ.
sms-opted-in = مرشدو دنفر الرقميون: ستصلك رسائلنا من جديد. لإيقافها يرجى إرسال توقف.
sms-help = مرشدو دنفر الرقميون: مساعدة مجانية في الإنترنت والأجهزة. للاتصال بنا: { $phone }. لإيقاف الرسائل يرجى إرسال توقف.
sms-reply-received = شكرًا لك. سيرى مرشدك رسالتك.
sms-template-call-back = Denver Digital Navigators: حاولنا الاتصال بك بخصوص طلبك { $code }. يُرجى الاتصال بنا على { $phone }.
sms-template-documents = Denver Digital Navigators: للطلب { $code }، يُرجى إحضار هوية بصورة ورسالة تبيّن دخلك أو إعاناتك (مثل SNAP).

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
sms-keywords-stop = توقف, وقف, ايقاف, إيقاف, الغاء, إلغاء, الغاء الاشتراك, إلغاء الاشتراك, انهاء, إنهاء, خروج
sms-keywords-start = ابدأ, ابدا, ابدء, بدء, بدأ, بدا, استئناف, اشتراك, نعم
sms-keywords-help = مساعدة, مساعده, ساعدني, معلومات, استفسار
sms-keywords-yes = نعم, ن, ايوه, ايوة, ايوا, اي, اجل, أجل, موافق
sms-keywords-no = لا, ل, كلا, لأ, لاء
